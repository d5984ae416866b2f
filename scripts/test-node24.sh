#!/usr/bin/env bash
# Runs the unit suite a second time under Node 24 LTS (the main run uses the machine's Node).
# Node 24 comes from the npm registry's `node` package; better-sqlite3 13 (Node-API, prebuilt
# addons inside the npm package, no compile) comes with it, because the 12.x addon the workspace
# pins for Node 20 aborts under Node 24 (docs/decisions/0014). packages/db loads it through
# TANDEM_SQLITE_MODULE. Both live in .cache/node24 and are reused by later runs.
set -euo pipefail
cd "$(dirname "$0")/.."

node_major="${TANDEM_NODE24_VERSION:-24}"
sqlite_range="${TANDEM_NODE24_SQLITE:-^13.2.0}"
cache="$PWD/.cache/node24"
node24="$cache/node_modules/.bin/node"
driver="$cache/node_modules/better-sqlite3"

if [ ! -x "$node24" ] || [ ! -f "$driver/package.json" ] || [ "$("$node24" -p 'process.versions.node.split(".")[0]')" != "$node_major" ]; then
  echo "Installing Node $node_major and better-sqlite3 $sqlite_range into .cache/node24 …"
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node@$node_major" "better-sqlite3@$sqlite_range" >/dev/null
fi

echo "Unit tests under Node $("$node24" --version) with better-sqlite3 $("$node24" -p "require('$driver/package.json').version")"
TANDEM_SQLITE_MODULE="$driver" "$node24" node_modules/vitest/vitest.mjs run
