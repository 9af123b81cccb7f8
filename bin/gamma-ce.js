#!/usr/bin/env node
'use strict';
const path = require('path');
const fs = require('fs');

const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('gamma-ce: dist/cli.js is missing; run `npm run build` first\n');
  process.exit(2);
}
require(cli)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error) => {
    process.stderr.write(`gamma-ce: internal error: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 3;
  });
