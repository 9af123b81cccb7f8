#!/usr/bin/env node
// Rewrites the parts of package.json that restate core — the gammaCe.training.* settings and the
// menus' file-type clauses — from src/core/packageContributes.ts (bundled as dist/contributes.js by
// webpack). Run by `npm run build`; test/unit/packageFresh.test.ts fails when package.json is stale.
'use strict';
const fs = require('fs');
const path = require('path');

const repo = path.resolve(__dirname, '..');
const { regeneratePackageJson } = require(path.join(repo, 'dist', 'contributes.js'));

const target = path.join(repo, 'package.json');
const current = fs.readFileSync(target, 'utf8');
const fresh = regeneratePackageJson(current);
if (fresh !== current) {
  fs.writeFileSync(target, fresh);
  console.log('generate-package-contributes: wrote package.json');
}
