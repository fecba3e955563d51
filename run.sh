#!/usr/bin/env bash
# Runs the API locally on http://127.0.0.1:7071 (PORT to change it) against Azurite, which it installs, starts
# and stops itself. Data persists in .azurite/. Stop with Ctrl+C.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source scripts/common.sh

port="${PORT:-7071}"
azurite_port=10002
azurite_blob_port=10000

require_tools dotnet node npm
port_in_use "$port" && fail "port $port is taken; stop what uses it, or run PORT=<another port> ./run.sh"
port_in_use "$azurite_port" && fail "port $azurite_port (Azurite's table port) is taken; stop the other Azurite or whatever uses it"
port_in_use "$azurite_blob_port" && fail "port $azurite_blob_port (Azurite's blob port) is taken; stop the other Azurite or whatever uses it"

install_node_modules
echo "Building the local host..."
build_local_host

echo "Starting Azurite..."
mkdir -p .azurite
node_modules/.bin/azurite-table --tableHost 127.0.0.1 --tablePort "$azurite_port" --location .azurite \
  --silent --disableTelemetry &
azurite_pid=$!
# Photo content: the blob service of the same package. Azure.Storage.Blobs 12.30 speaks a service version newer than
# Azurite 3.37 knows, hence --skipApiVersionCheck.
node_modules/.bin/azurite-blob --blobHost 127.0.0.1 --blobPort "$azurite_blob_port" --location .azurite \
  --silent --disableTelemetry --skipApiVersionCheck &
azurite_blob_pid=$!
host_pid=
# Stops the host, then Azurite, each by its own PID. Their exit statuses are theirs (a killed process reports 143),
# not this script's: under set -e a failing wait would otherwise end the script with it.
stop() {
  trap - EXIT INT TERM
  for pid in $host_pid $azurite_pid $azurite_blob_pid; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  exit 0
}
trap stop EXIT INT TERM
# Waits until $3 (pid $2) listens on 127.0.0.1:$1, or fails saying which service did not.
wait_until_listening() {
  for _ in $(seq 100); do
    port_in_use "$1" && return
    kill -0 "$2" 2>/dev/null || fail "$3 exited before it listened on 127.0.0.1:$1"
    sleep 0.2
  done
  port_in_use "$1" || fail "$3 did not listen on 127.0.0.1:$1 within 20 seconds"
}
wait_until_listening "$azurite_port" "$azurite_pid" "Azurite"
wait_until_listening "$azurite_blob_port" "$azurite_blob_pid" "Azurite's blob service"

# Development settings unless the caller set their own: Azurite, and the Development environment, where the host
# accepts development tokens only until AzureAd__TenantId and AzureAd__ClientId name a real app registration.
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ProfileStorage="${ProfileStorage:-UseDevelopmentStorage=true}"
if [ "$ASPNETCORE_ENVIRONMENT" = Development ]; then
  ensure_development_token_key
fi

cat <<INFO

ProfileFunctions is starting on http://127.0.0.1:$port (Azurite: tables on 127.0.0.1:$azurite_port, pid $azurite_pid; blobs on 127.0.0.1:$azurite_blob_port, pid $azurite_blob_pid).
Get a development token, then create and read your profile:
  TOKEN=\$(./token.sh --user 6f1d3a7e-1b2c-4d5e-8f90-123456789abc)
  curl -i -X POST http://127.0.0.1:$port/user/me/profile -H "Authorization: Bearer \$TOKEN" \\
       -H 'Content-Type: application/json' -d '{"displayName":"Ada Lovelace"}'
  curl -i http://127.0.0.1:$port/user/me/profile -H "Authorization: Bearer \$TOKEN"
More requests: ProfileFunctions.http. API description: http://127.0.0.1:$port/openapi.json. Health: /healthz.

INFO

echo "Starting the API..."
dotnet "$LOCAL_HOST" --urls "http://127.0.0.1:$port" &
host_pid=$!
wait "$host_pid"
