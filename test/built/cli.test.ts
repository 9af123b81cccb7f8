import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { calibrationReport } from '../../src/core/calibration';
import { readPredictions } from '../../src/core/predictions';
import { fixture, REPO } from '../unit/helpers';

const pred = (name: string) => fixture('predictions', name);

describe('gamma-ce as a process (bin/gamma-ce.js over dist/cli.js)', () => {
  it('runs as a process through bin/gamma-ce.js (the built CLI)', function () {
    const bin = path.join(REPO, 'bin', 'gamma-ce.js');
    assert.ok(
      fs.existsSync(path.join(REPO, 'dist', 'cli.js')),
      'dist/cli.js exists: run `npm run build` before the tests',
    );
    const ok = spawnSync(process.execPath, [bin, 'calibrate', pred('preds.jsonl'), '--json'], { encoding: 'utf8' });
    assert.strictEqual(ok.status, 0, ok.stderr);
    const p = readPredictions(fs.readFileSync(pred('preds.jsonl')), pred('preds.jsonl'));
    assert.deepStrictEqual(JSON.parse(ok.stdout), {
      file: pred('preds.jsonl'),
      ...calibrationReport(p.probs, p.labels),
    });
    const bad = spawnSync(process.execPath, [bin, 'calibrate', pred('ragged.csv')], { encoding: 'utf8' });
    assert.strictEqual(bad.status, 1);
    assert.match(bad.stderr, /ragged\.csv, row 2 \(line 3\): has 2 fields but the header has 3/);
    const help = spawnSync(process.execPath, [bin, 'train', '--help'], { encoding: 'utf8' });
    assert.strictEqual(help.status, 0, help.stderr);
    assert.match(help.stdout, /^Usage: gamma-ce train <file>/);
  });
});
