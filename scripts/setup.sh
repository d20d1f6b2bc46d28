#!/usr/bin/env bash
# Installs what Localyst needs on a fresh machine. Safe to run again: it only does what is missing.
#   scripts/setup.sh            Node dependencies (npm ci; Electron's binary download is skipped, see README)
#   scripts/setup.sh --browser  also Debian's Chromium for the end-to-end tests
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=node_modules/.localyst-install-stamp
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "› Installing dependencies (npm ci)…"
  # Electron's own download needs a network this machine may not have; the desktop start tries it separately.
  # @tensorflow/tfjs-node is optional: where libtensorflow cannot be downloaded npm skips it and the engine
  # falls back to the WebAssembly backend.
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi

if [ "${1:-}" = "--browser" ]; then
  if [ -z "${LOCALYST_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then
    echo "› Installing Debian's Chromium for the browser tests…"
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
    elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
      sudo apt-get update -qq
      sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
    else
      echo "Chromium is needed for the end-to-end tests. Install it, or set LOCALYST_CHROMIUM to a Chromium binary." >&2
      exit 1
    fi
  fi
fi
