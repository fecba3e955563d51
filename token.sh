#!/usr/bin/env bash
# Prints a development token that the local host (./run.sh, Development environment) trusts:
#   ./token.sh --user <oid> [--scope "Profile.ReadWrite"] [--role "Profile.ReadWrite.All"] [--app <id>] [--minutes 60]
# The signing key is made on first use in ~/.config/ProfileFunctions/, never in the repository.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source scripts/common.sh

require_tools dotnet
build_local_host >&2
exec dotnet "$LOCAL_HOST" token "$@"
