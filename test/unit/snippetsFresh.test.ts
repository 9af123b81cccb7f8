// The committed snippets/*.json against a fresh generation from src/snippets. scripts/test.sh runs
// this before `npm run build` (which rewrites them), so CI fails when they were not regenerated.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { snippetFiles } from '../../src/snippets/snippetFiles';
import { REPO } from './helpers';

describe('committed snippet files', () => {
  const files = snippetFiles();

  for (const file of files) {
    it(`${file.path} is what src/snippets generates`, () => {
      const target = path.join(REPO, file.path);
      assert.ok(fs.existsSync(target), `${file.path} is missing: run npm run build and commit snippets/`);
      const committed = fs.readFileSync(target, 'utf8').split('\n');
      const fresh = file.content.split('\n');
      const line = fresh.findIndex((l, i) => l !== committed[i]);
      const stale = line >= 0 || committed.length !== fresh.length;
      assert.ok(
        !stale,
        `${file.path} is stale (first difference at line ${(line >= 0 ? line : fresh.length) + 1}): ` +
          'run npm run build, which regenerates snippets/, and commit the result',
      );
    });
  }

  it('snippets/ holds only generated files', () => {
    const generated = files.map((f) => path.basename(f.path)).sort();
    assert.deepStrictEqual(fs.readdirSync(path.join(REPO, 'snippets')).sort(), generated);
  });
});
