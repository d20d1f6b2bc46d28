#!/usr/bin/env bash
# Starts Localyst: the desktop window where an Electron runtime exists, else the browser mode on 127.0.0.1.
# Extra arguments go to the app (for example --workspace DIR, or --port P in browser mode).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

electron_ready() { node -e "require('fs').statSync(require('electron'))" >/dev/null 2>&1; }
if ! electron_ready && [ "${LOCALYST_BROWSER_MODE:-}" != "1" ]; then
  echo "› Fetching the Electron runtime (needs a network connection)…"
  (cd node_modules/electron && node install.js) >/dev/null 2>&1 || true
fi

echo "› Building…"
mkdir -p out
if ! npm run --silent build >out/build.log 2>&1; then
  cat out/build.log >&2
  echo "The build failed (log above, also in out/build.log)." >&2
  exit 1
fi

has_display() { [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ "$(uname)" = "Darwin" ] || [[ "$(uname)" == MINGW* ]]; }
if [ "${LOCALYST_BROWSER_MODE:-}" != "1" ] && electron_ready && has_display; then
  exec npx electron . "$@"
fi
echo "› No Electron runtime or display here: starting the browser mode. Open the address below in your browser."
exec node bin/localyst.js serve "$@"
