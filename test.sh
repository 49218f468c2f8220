#!/usr/bin/env bash
# Runs every test. Installs what the tests need on a fresh machine (Debian): chromium for the Swagger UI page test and
# the browser suite, redis-server for the Redis provider's suites and the multi-node tests (they start their own
# servers), Node.js for the JavaScript clients' suites, and their npm packages from the committed lock file.
set -euo pipefail
cd "$(dirname "$0")"

# ./test.sh contract --url https://gw.example.com [--surface tencent …]: the contract kit against a running gateway
# (README, "Proving a deployment"); secrets come from the environment, as the gateway reads them.
if [ "${1-}" = "contract" ]; then
  shift
  if ! built=$(dotnet build tests/Signaling.Contract/Signaling.Contract.csproj -c Release --nologo -v quiet 2>&1); then echo "$built" >&2; exit 2; fi
  exec dotnet tests/Signaling.Contract/bin/Release/net10.0/Signaling.Contract.dll "$@"
fi

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -x /usr/bin/redis-server ] || command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v node >/dev/null 2>&1 || need+=(nodejs npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# The package starts a system redis-server on 6379; the tests use their own on free ports and do not need it.

dotnet build Signaling.Gateway.sln -c Release -warnaserror --nologo -v quiet
# The JS clients' packages, exactly as locked (reinstalled only when the lock file changed).
if ! cmp -s clients/js/package-lock.json clients/js/node_modules/.package-lock.json; then
  (cd clients/js && npm ci --no-audit --no-fund --loglevel=error)
fi

set +e
rm -f /tmp/signaling-conformance-violations.txt
dotnet test Signaling.Gateway.sln -c Release --no-build --nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee /tmp/signaling-test.log
status=${PIPESTATUS[0]}
if [ -s /tmp/signaling-conformance-violations.txt ]; then
  echo "Exchanges that did not match the committed OpenAPI documents:"; sort -u /tmp/signaling-conformance-violations.txt; status=1
fi
# The JS clients against the gateway just built: type-check, Node's test runner, then the browser suite (Chromium).
(cd clients/js && npm test) 2>&1 | tee /tmp/signaling-js-test.log
js_status=${PIPESTATUS[0]}
set -e

# The failed tests by name, so a short log still says which ones.
grep -hE '^\s+Failed [A-Za-z]' /tmp/signaling-test.log | sort -u || true
grep -hE '^\s+✘|^not ok ' /tmp/signaling-js-test.log | sort -u || true

# One closing line in the plain format CI reads, summed over every test project and both JS suites.
awk '/^[[:space:]]+(Passed|Failed|Skipped):[[:space:]]+[0-9]+[[:space:]]*$/ { sub(":", "", $1); n[$1] += $2 }
     /^# pass [0-9]+$/ { n["Passed"] += $3 } /^# fail [0-9]+$/ { n["Failed"] += $3 } /^# skipped [0-9]+$/ { n["Skipped"] += $3 }
     /^  [0-9]+ passed/ { n["Passed"] += $1 } /^  [0-9]+ failed/ { n["Failed"] += $1 } /^  [0-9]+ skipped/ { n["Skipped"] += $1 }
     END { printf "%d passed, %d failed, %d skipped\n", n["Passed"], n["Failed"], n["Skipped"] }' /tmp/signaling-test.log /tmp/signaling-js-test.log
[ "$status" -eq 0 ] && [ "$js_status" -eq 0 ]
