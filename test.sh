#!/usr/bin/env bash
# Runs every test. Installs Azurite with npm ci; the test suite starts its own Azurite and OpenID Connect issuer
# on 127.0.0.1 and stops them. Extra arguments go to `dotnet test` (e.g. --filter Name~Photo).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source scripts/common.sh

require_tools dotnet node npm
install_node_modules
dotnet test ProfileFunctions.Tests/ProfileFunctions.Tests.csproj --configuration Release "$@"
