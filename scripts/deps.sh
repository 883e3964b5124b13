#!/usr/bin/env bash
# Installs every Debian package hushdesk needs to build, test and run. This file is the one
# list of packages; nothing else in the project installs system packages.
#
# Usage: sudo scripts/deps.sh        (idempotent; quick when everything is already there)
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git python3
  openssl                # test certificates for the TLS test
  # libraries (see ../ARCHITECTURE.md for who uses what)
  libboost1.81-dev       # Beast/Asio/JSON (server), Boost.JSON in the CLI
  libvectorscan-dev      # multi-pattern regex engine (the regex baseline of the PII scanner)
  libphonenumber8        # international phone number validation (runtime; headers below)
  libprotobuf-dev        # libphonenumber's PhoneNumber type is a protobuf message
  libabsl-dev            # libphonenumber's public headers use absl containers
  libsodium-dev          # AEAD for the vault, keyed BLAKE2b for pseudonyms
  libicu-dev             # Unicode normalization (NFKC)
  libcli11-dev           # command line
  libspdlog-dev          # structured logs
  libtomlplusplus-dev    # configuration
  libsqlite3-dev         # the embedded store (default)
  libssl-dev             # TLS for the server
  libgtest-dev libgmock-dev libbenchmark-dev
  fasttext               # the intent baseline compared in bench/intent_vs_fasttext.sh
  python3-xapian         # the search-engine baseline compared in bench/kb_vs_xapian.py
)

# The browser end-to-end tests: Debian's Chromium driven by playwright-core from npm.
BROWSER_PACKAGES=(chromium)
# Node.js and npm, only when no node is on the PATH already (a machine may carry a newer one).
NODE_PACKAGES=(nodejs npm)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

wanted=("${PACKAGES[@]}" "${BROWSER_PACKAGES[@]}")
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || wanted+=("${NODE_PACKAGES[@]}")
missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# libphonenumber-dev cannot be installed with dpkg next to libboost1.81-dev: it depends on the
# Boost 1.74 development packages, which conflict with 1.81. Its headers do not need Boost, so
# we take them from the same Debian package, unpacked into a project-local prefix that CMake
# searches (HUSHDESK_DEPS_PREFIX, default .deps/ in the source tree).
root="$(cd "$(dirname "$0")/.." && pwd)"
prefix="${HUSHDESK_DEPS_PREFIX:-$root/.deps}"
if [ ! -f "$prefix/usr/include/phonenumbers/phonenumberutil.h" ]; then
  echo "deps: unpacking libphonenumber-dev headers into $prefix"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && apt-get download libphonenumber-dev 2>/dev/null >/dev/null \
     || { $SUDO apt-get update -qq && apt-get download libphonenumber-dev; })
  mkdir -p "$prefix"
  dpkg -x "$tmp"/libphonenumber-dev_*.deb "$prefix"
fi
