#!/usr/bin/env bash
# Installs Node 22 from the npm registry's `node` package into the cache (once)
# and prints the path of its `node` binary.
set -euo pipefail
dir="${HOME}/.cache/aglais/node22"
bin="$dir/node_modules/.bin/node"
if ! "$bin" --version >/dev/null 2>&1; then
  npm install --no-audit --no-fund --silent --prefix "$dir" node@22 >&2
fi
"$bin" --version >/dev/null
echo "$bin"
