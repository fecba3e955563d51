#!/usr/bin/env bash
# Prints a development token that the local host (./run.sh, Development environment) trusts:
#   ./token.sh --user <oid> [--scope "Profile.ReadWrite"] [--role "Profile.ReadWrite.All"] [--app <id>] [--minutes 60]
# The signing key is dotnet user-jwts' own, made on first use in this project's user secrets
# (~/.microsoft/usersecrets/profilefunctions-localhost/), never in the repository.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source scripts/common.sh

require_tools dotnet
if ! local_host_is_current; then
  echo "Building the local host..." >&2
  build_local_host >&2
fi

errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
status=0
token=$(dotnet "$LOCAL_HOST" token "$@" 2>"$errors") || status=$?
if [ "$status" -eq 3 ]; then
  # No signing key yet (exit code 3): user-jwts makes one under Authentication:Schemes:DevelopmentTokens.
  make_development_token_key
  status=0
  token=$(dotnet "$LOCAL_HOST" token "$@" 2>"$errors") || status=$?
fi
cat "$errors" >&2
[ "$status" -eq 0 ] && printf '%s\n' "$token"
exit "$status"
