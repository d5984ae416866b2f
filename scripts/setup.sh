#!/usr/bin/env bash
# Installs everything Tandem Studio needs on a fresh Debian/Ubuntu machine with Node >= 20.19:
# pnpm, the workspace's packages (better-sqlite3 compiles against the local Node headers),
# and Chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v pnpm >/dev/null 2>&1; then
  npm install -g pnpm@12
fi

# Native addons build against the installed Node's headers; nothing is downloaded.
if [ -d /usr/include/node ]; then export npm_config_nodedir=/usr; fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

pnpm install --frozen-lockfile --reporter=silent

if [ "${1:-}" = "--browser" ] && ! command -v chromium >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is not installed; browser tests need it (or Playwright's own browser)." >&2
  fi
fi
