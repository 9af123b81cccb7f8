#!/usr/bin/env bash
# The project's one test command (README, CI): the unit tests in Node (they need no build), then the
# build and every suite that needs it — the tests of the built bundles (test/built: worker threads,
# the CLI process, wall-clock bounds, the library's types), the integration suite inside a real VS
# Code extension host, the UI suite in Chromium against code-server — and one closing line,
# "N passed, N failed", summed over all of them.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-output
logs=()
status=0

run_suite() { # name command...
  local name=$1; shift
  local log="test-output/$name.log"
  echo "== $name: $*"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  if [ "$rc" -ne 0 ]; then echo "== $name exited with $rc"; status=1; fi
  logs+=("$log")
}

lint_suite() { # ESLint (type-aware) and Prettier, counted as one test
  if npm run lint; then echo "  1 passing (lint)"; else echo "  1 failing (lint)"; return 1; fi
}

fail_early() { echo "== $1 failed"; echo "0 passed, 1 failed"; exit 1; }

npm run compile-tests || fail_early "compile-tests"
# Before the build, which regenerates snippets/*.json and parts of package.json: fails when the committed ones are stale.
run_suite snippets npx mocha --timeout 20000 out/test/unit/snippetsFresh.test.js
run_suite package npx mocha --timeout 20000 out/test/unit/packageFresh.test.js
run_suite unit npx mocha --config test/unit/.mocharc.json
run_suite lint lint_suite
npm run build || fail_early "build"
run_suite built npx mocha --config test/built/.mocharc.json

# A real VS Code (code-server) and Debian's Chromium, installed into .vscode-test/ when missing.
bash scripts/install-test-deps.sh || fail_early "installing code-server and Chromium"
npm run package >/dev/null || fail_early "packaging the .vsix"
run_suite integration node out/test/integration/runIntegration.js
run_suite ui npx mocha --config test/ui/.mocharc.json

node scripts/summarize-tests.js "${logs[@]}" || status=1
exit $status
