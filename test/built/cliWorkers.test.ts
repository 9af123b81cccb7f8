import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { REPO } from '../unit/helpers';

const bin = path.join(REPO, 'bin', 'gamma-ce.js');
const IRIS = path.join(REPO, 'media', 'datasets', 'iris.csv');

function train(...args: string[]) {
  return spawnSync(process.execPath, [bin, 'train', IRIS, '--epochs', '3', '--json', ...args], { encoding: 'utf8' });
}

describe('gamma-ce train --workers (the built CLI)', function () {
  this.timeout(120_000);

  it('prints the same report in-process (0) and on 1 or 2 workers, for a study and an experiment', () => {
    for (const extra of [
      ['--seeds', '2', '--baselines', 'ts'],
      ['--baselines', 'gce,ts'],
    ]) {
      const [inProcess, one, two] = ['0', '1', '2'].map((n) => train(...extra, '--workers', n));
      assert.strictEqual(inProcess.status, 0, inProcess.stderr);
      const report = JSON.parse(inProcess.stdout) as { runs: Array<{ status: string }> };
      assert.strictEqual(report.runs.length, extra.includes('--seeds') ? 8 : 5);
      assert.ok(report.runs.every((r) => r.status === 'ok'));
      assert.strictEqual(one.stdout, inProcess.stdout);
      assert.strictEqual(two.stdout, inProcess.stdout);
    }
  });

  it('refuses a bad --workers, and reports a bad file from the workers as one line', () => {
    for (const value of ['1.5', '65', 'two']) {
      const bad = train('--workers', value);
      assert.strictEqual(bad.status, 2);
      assert.match(bad.stderr, new RegExp(`--workers must be a whole number from 0 to 64, got '${value}'`));
    }
    const ragged = spawnSync(
      process.execPath,
      [bin, 'train', path.join(REPO, 'test', 'fixtures', 'datasets', 'bad', 'unclosed-quote.csv'), '--seeds', '2'],
      { encoding: 'utf8' },
    );
    assert.strictEqual(ragged.status, 1, ragged.stderr);
    assert.match(
      ragged.stderr,
      /^gamma-ce: .*unclosed-quote\.csv, row 2 \(line 3\): a quoted field is never closed\n$/,
    );
  });
});
