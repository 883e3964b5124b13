#!/usr/bin/env bash
# The main job: builds hushdesk and runs `hushdesk serve` on its embedded SQLite default in
# ./var. On first start it creates a master key, seeds a demo tenant with two conversations,
# an admin and an agent, and prints their passwords once; then the web UI is at
# http://127.0.0.1:8080/ (widget demo at /demo, agent desk at /desk). Ctrl-C stops it.
# Usage: sudo scripts/run.sh [extra serve flags, e.g. --listen 127.0.0.1:9090]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/deps.sh
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/hushdesk-ccache}"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target hushdesk
exec build/hushdesk serve "$@"
