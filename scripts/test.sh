#!/usr/bin/env bash
# Runs every test: installs dependencies, builds with warnings as errors, runs the unit and
# command-line tests (ctest), the browser end-to-end test, then the unit tests again under AddressSanitizer and
# UndefinedBehaviorSanitizer. Usage: sudo scripts/test.sh   (also what .ci/run runs)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/deps.sh
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/hushdesk-ccache}"
jobs="$(nproc)"

echo "== build (RelWithDebInfo, -Werror)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHUSHDESK_WERROR=ON >/dev/null
cmake --build build -j "$jobs"
echo "== tests"
ctest --test-dir build --output-on-failure -j "$jobs"

echo "== browser end-to-end (Debian chromium, playwright-core)"
(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
HUSHDESK=build/hushdesk node tests/e2e/desk.e2e.mjs

if [ "${HUSHDESK_SKIP_SANITIZERS:-0}" != "1" ]; then
  echo "== sanitizer build (address, undefined)"
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DHUSHDESK_SANITIZE=ON \
        -DHUSHDESK_BUILD_BENCH=OFF -DHUSHDESK_WERROR=ON >/dev/null
  cmake --build build-asan -j "$jobs"
  echo "== tests under sanitizers"
  ctest --test-dir build-asan --output-on-failure -j "$jobs"
fi
