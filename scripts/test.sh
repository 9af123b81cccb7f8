#!/usr/bin/env bash
# The project's one test command (README, CI): build, then every suite; ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-output
logs=()
status=0

run_suite() { # name command...
  local name=$1; shift
  local log="test-output/$name.log"
  echo "== $name"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  [ "$rc" -eq 0 ] || { echo "== $name exited $rc"; status=1; }
  logs+=("$log")
}

npm run build || { echo "0 passed, 1 failed"; exit 1; }
npm run compile-tests || { echo "0 passed, 1 failed"; exit 1; }
run_suite unit npx mocha --config test/unit/.mocharc.json
node scripts/summarize-tests.js "${logs[@]}" || status=1
exit $status
