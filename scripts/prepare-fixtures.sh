#!/usr/bin/env bash
# Test fixtures and examples that need a `node_modules` folder (Lambda layers' nodejs/node_modules,
# a handler bundling its own copy of a package) keep it in git as `node_modules.fixture`, so no
# node_modules folder is ever committed; this makes the real folders. `npm ci` runs it (the
# `prepare` script), and so does `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."
while IFS= read -r src; do
  dest="${src%.fixture}"
  rm -rf "$dest"
  cp -r "$src" "$dest"
done < <(find test/fixtures examples -type d -name 'node_modules.fixture')
