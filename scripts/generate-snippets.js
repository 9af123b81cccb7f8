#!/usr/bin/env node
// Writes snippets/*.json from the templates in src/snippets (bundled as dist/snippets.js by
// webpack). Run by `npm run build`; the generated files are committed, and
// test/unit/snippetsFresh.test.ts (`npm run check:snippets`) fails when they are stale.
'use strict';
const fs = require('fs');
const path = require('path');

const repo = path.resolve(__dirname, '..');
const { snippetFiles } = require(path.join(repo, 'dist', 'snippets.js'));

for (const file of snippetFiles()) {
  const target = path.join(repo, file.path);
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
  if (current === file.content) continue;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, file.content);
  console.log(`generate-snippets: wrote ${file.path}`);
}
