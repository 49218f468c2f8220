#!/usr/bin/env bash
# Runs every test. Installs what the tests need on a fresh machine (Debian): chromium for the Swagger UI page test,
# redis-server for the Redis provider's suites and the multi-node tests (they start their own servers).
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -x /usr/bin/redis-server ] || command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# The package starts a system redis-server on 6379; the tests use their own on free ports and do not need it.

dotnet build Signaling.Gateway.sln -c Release -warnaserror --nologo -v quiet
set +e
dotnet test Signaling.Gateway.sln -c Release --no-build --nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee /tmp/signaling-test.log
status=${PIPESTATUS[0]}
set -e

# One closing line in the plain format CI reads, summed over every test project.
awk '/^[[:space:]]+(Passed|Failed|Skipped):[[:space:]]+[0-9]+[[:space:]]*$/ { sub(":", "", $1); n[$1] += $2 }
     END { printf "%d passed, %d failed, %d skipped\n", n["Passed"], n["Failed"], n["Skipped"] }' /tmp/signaling-test.log
exit "$status"
