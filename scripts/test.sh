#!/usr/bin/env bash
# The whole suite: build the CLI bundle (the end-to-end tests run the real `stratus` binary), then
# every test file by name (Node 20 does not discover .ts tests by itself).
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/build.mjs
bash scripts/prepare-fixtures.sh
# Types are part of the contract between layers: a type error fails the suite.
node_modules/.bin/tsc --noEmit -p .
mapfile -t files < <(find test -name '*.test.ts' -not -path '*/fixtures/*' | sort)
if [ "${#files[@]}" -eq 0 ]; then echo "no test files found" >&2; exit 1; fi
exec node --import tsx --test --test-concurrency="${TEST_CONCURRENCY:-2}" "$@" "${files[@]}"
