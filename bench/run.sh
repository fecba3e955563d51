#!/usr/bin/env bash
# The benchmark: publishes the local host (ReadyToRun), then measures raw Table Storage against the API on it,
# each against its own in-memory Azurite and OpenID Connect issuer on 127.0.0.1. Takes about 3 minutes.
# `bench/run.sh --profile` only loads the API (c=32, 60 s) and prints its PID, for dotnet-trace to attach to.
# `bench/run.sh --worst` only runs the worst-case $value line (the decode budget's peak memory).
# `bench/run.sh --sizes` only runs the photo sizes lines.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/common.sh

require_tools dotnet node npm
install_node_modules
dotnet publish ProfileFunctions.LocalHost --configuration Release --runtime linux-x64 --self-contained false \
  -p:PublishReadyToRun=true --output bench/.out/localhost --nologo --verbosity quiet -clp:NoSummary
dotnet build bench/ProfileFunctions.Bench --configuration Release --nologo --verbosity quiet -clp:NoSummary
dotnet bench/ProfileFunctions.Bench/bin/Release/net10.0/ProfileFunctions.Bench.dll bench/.out/localhost/ProfileFunctions.LocalHost.dll "$@"
