#!/usr/bin/env bash
# Builds the dashboard into web/dist (npm ci, then vite build), skipping both when dist is newer than every source.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
stamp=dist/index.html
if [ -f "$stamp" ] && [ -z "$(find index.html vite.config.js package.json package-lock.json src -newer "$stamp" -type f -print -quit)" ]; then
  echo "web: dist is up to date"
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "web: npm is not installed; the dashboard cannot be built (the API works without it)" >&2
  exit 1
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npx vite build --logLevel warn
touch "$stamp"
echo "web: built $(pwd)/dist"
