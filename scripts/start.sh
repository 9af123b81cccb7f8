#!/usr/bin/env bash
# npm start: build and package the extension, install it into a private code-server (the real VS
# Code workbench, served locally) with a sample workspace, and print the URL to open.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
npm run build
npm run package
exec node scripts/serve.js "$@"
