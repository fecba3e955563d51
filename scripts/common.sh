# Shared by run.sh, test.sh and token.sh: tool checks and the one-time npm install.
# shellcheck shell=bash

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() {
  printf 'error: %s\n' "$1" >&2
  exit 1
}

require_tools() {
  local tool
  for tool in "$@"; do
    case "$tool" in
      dotnet) command -v dotnet >/dev/null || fail "the .NET 10 SDK is needed (dotnet was not found on PATH): https://dot.net" ;;
      node) command -v node >/dev/null || fail "Node.js is needed to run Azurite (node was not found on PATH): https://nodejs.org" ;;
      npm) command -v npm >/dev/null || fail "npm is needed to install Azurite (npm was not found on PATH); it comes with Node.js" ;;
    esac
  done
}

# npm ci, unless node_modules already holds exactly what package-lock.json pins.
install_node_modules() {
  if [ -f node_modules/.installed-lock ] && cmp -s package-lock.json node_modules/.installed-lock; then
    return
  fi
  echo "Installing Azurite (npm ci, first run only)..."
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.installed-lock
}

# True when something on this machine accepts connections on 127.0.0.1:$1.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The local host, built (incrementally) into its usual output; LOCAL_HOST is the dll to run.
LOCAL_HOST=ProfileFunctions.LocalHost/bin/Release/net10.0/ProfileFunctions.LocalHost.dll
build_local_host() {
  dotnet build ProfileFunctions.LocalHost --configuration Release --nologo --verbosity quiet -clp:NoSummary
  # An up-to-date build leaves the dll as it was; the stamp tells local_host_is_current that it reflects every source.
  touch "$LOCAL_HOST"
}

# True when the built local host is newer than every source it is built from: a find takes milliseconds, where
# dotnet build takes several seconds to find it has nothing to do.
local_host_is_current() {
  [ -f "$LOCAL_HOST" ] && [ -z "$(find ProfileFunctions.LocalHost ProfileFunctions.Core Directory.Build.props Directory.Packages.props \
    \( -path '*/bin' -o -path '*/obj' \) -prune -o -newer "$LOCAL_HOST" -type f -print -quit)" ]
}

# The signing key of development tokens: dotnet user-jwts' own, in the local host's user secrets, made on first use.
make_development_token_key() {
  echo "Creating the development-token signing key with dotnet user-jwts (first use only)..." >&2
  dotnet user-jwts key --project ProfileFunctions.LocalHost --scheme DevelopmentTokens --reset --force >/dev/null
}

# The host reads user secrets when it starts, so run.sh makes the key before starting it: a token signed with a key
# made later would be refused until a restart. Exit code 3 of the token command means "no key yet".
ensure_development_token_key() {
  local status=0
  dotnet "$LOCAL_HOST" token --user key-check >/dev/null 2>&1 || status=$?
  if [ "$status" -eq 3 ]; then
    make_development_token_key
  fi
}
