// The committed package.json against a fresh generation of its settings and file-type clauses from
// core. scripts/test.sh runs this before `npm run build` (which rewrites them), so CI fails when
// package.json was not regenerated.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { regeneratePackageJson } from '../../src/core/packageContributes';
import { REPO } from './helpers';

describe('committed package.json', () => {
  it('holds the settings and file-type clauses core generates', () => {
    const committed = fs.readFileSync(path.join(REPO, 'package.json'), 'utf8');
    const fresh = regeneratePackageJson(committed).split('\n');
    const lines = committed.split('\n');
    const line = fresh.findIndex((l, i) => l !== lines[i]);
    const stale = line >= 0 || lines.length !== fresh.length;
    assert.ok(
      !stale,
      `package.json is stale (first difference at line ${(line >= 0 ? line : fresh.length) + 1}: ` +
        `${JSON.stringify(fresh[line >= 0 ? line : fresh.length - 1])}): run npm run build, which regenerates it, and commit the result`,
    );
  });
});
