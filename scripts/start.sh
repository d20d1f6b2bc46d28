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
# The desktop engine needs better-sqlite3 built for Electron, made here (a packaging step, checksum pinned), never
# by the app while it runs.
binding_ready() {
  node -e "const e=require('electron/package.json').version;require('fs').statSync('build/native/better_sqlite3-electron-'+e+'-'+process.platform+'-'+process.arch+'.node')" >/dev/null 2>&1
}
if [ "${LOCALYST_BROWSER_MODE:-}" != "1" ] && electron_ready && has_display; then
  if binding_ready || bash scripts/build-electron-binding.sh; then
    exec npx electron . "$@"
  fi
  echo "› The database component for Electron is not available (see above)."
fi
echo "› No Electron runtime or display here: starting the browser mode. Open the address below in your browser."
exec node bin/localyst.js serve "$@"
