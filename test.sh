#!/usr/bin/env bash
# Runs every test. Installs what the tests need on a fresh machine (Debian): chromium for the Swagger UI page test.
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

dotnet build Signaling.Gateway.sln -c Release -warnaserror --nologo -v quiet
set +e
dotnet test Signaling.Gateway.sln -c Release --no-build --nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee /tmp/signaling-test.log
status=${PIPESTATUS[0]}
set -e

# One closing line in the plain format CI reads, summed over every test project.
python3 - <<'PY'
import re
passed = failed = skipped = 0
for line in open('/tmp/signaling-test.log', encoding='utf-8', errors='replace'):
    m = re.search(r'(Passed|Failed)!\s+-\s+Failed:\s+(\d+),\s+Passed:\s+(\d+),\s+Skipped:\s+(\d+)', line)
    if m:
        failed += int(m.group(2)); passed += int(m.group(3)); skipped += int(m.group(4))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit "$status"
