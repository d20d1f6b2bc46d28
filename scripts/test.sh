#!/usr/bin/env bash
# The whole test suite on a fresh machine: set-up, type check (node and web), lint, build, unit tests,
# then the end-to-end tests in Chromium against the browser mode.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
echo "› Type check";  npm run --silent typecheck
echo "› Lint";        npm run --silent lint
echo "› Build";       npm run --silent build
echo "› Unit tests";  npx vitest run
echo "› End-to-end";  npx playwright test
