import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { calibrationReport } from '../../src/core/calibration';
import { readPredictions } from '../../src/core/predictions';
import { runCli } from './cliRun';
import { REPO } from './helpers';

const IRIS = path.join(REPO, 'media', 'datasets', 'iris.csv');

const run = runCli;

describe('gamma-ce train', function () {
  this.timeout(120_000);

  it('reaches ≥ 0.9 test accuracy on Iris with both CE and γ-CE, and prints the --json shape', async () => {
    const { code, stdout, stderr } = await run('train', IRIS, '--epochs', '40', '--lr', '0.01', '--json');
    assert.strictEqual(code, 0, stderr);
    assert.strictEqual(stderr, '', 'no progress bar with --json');
    const report = JSON.parse(stdout);
    assert.deepStrictEqual(Object.keys(report).sort(), ['backend', 'config', 'dataset', 'runs', 'schema']);
    assert.strictEqual(report.backend, 'wasm');
    assert.strictEqual(report.schema.label, 'species');
    assert.deepStrictEqual(
      report.runs.map((r: { name: string }) => r.name),
      ['CE', 'γ-CE (γ=0.1)'],
    );
    for (const r of report.runs) {
      for (const key of ['name', 'loss', 'gamma', 'threshold', 'history', 'test'])
        assert.ok(key in r, `${r.name} has ${key}`);
      assert.strictEqual(r.history.length, 40);
      assert.ok(r.test.accuracy >= 0.9, `${r.name}: test accuracy ${r.test.accuracy}`);
    }
  });

  it('--out writes report.json and one predictions CSV per run, readable by the calibration reader', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gce-')), 'run');
    const { code, stderr } = await run('train', IRIS, '--epochs', '5', '--baselines', 'ts', '--out', out);
    assert.strictEqual(code, 0, stderr);
    assert.deepStrictEqual(fs.readdirSync(out).sort(), [
      'predictions-ce-ts.csv',
      'predictions-ce.csv',
      'predictions-gamma-ce-gamma-0.1-ts.csv',
      'predictions-gamma-ce-gamma-0.1.csv',
      'report.json',
      'report.md',
    ]);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8'));
    const csv = readPredictions(fs.readFileSync(path.join(out, 'predictions-ce.csv')), 'predictions-ce.csv');
    assert.deepStrictEqual(calibrationReport(csv.probs, csv.labels), report.runs[0].test);
    // Temperature-scaled runs say which run they re-calibrate; report.md has the same table as the terminal.
    assert.deepStrictEqual(
      report.runs.map((r: { baseRun?: number }) => r.baseRun),
      [undefined, undefined, 0, 1],
    );
    const md = fs.readFileSync(path.join(out, 'report.md'), 'utf8');
    assert.match(md, /^\| Run \| Accuracy \| ECE \| MCE \| Adaptive ECE \| NLL \| Brier \| Epochs \|$/m);
    assert.match(
      md,
      new RegExp(
        `^\\| CE \\+ TS \\(T=${report.runs[2].temperature.toFixed(3)}\\) \\| ${report.runs[2].test.accuracy.toFixed(4)} \\|`,
        'm',
      ),
    );
  });

  it('never writes into an existing non-empty --out folder', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gce-'));
    fs.writeFileSync(path.join(out, 'keep.txt'), 'mine');
    const { code, stderr } = await run('train', IRIS, '--epochs', '1', '--out', out);
    assert.strictEqual(code, 1);
    assert.match(stderr, /already exists and is not empty; nothing was written/);
    assert.deepStrictEqual(fs.readdirSync(out), ['keep.txt']);
  });

  const bad: Array<[string[], RegExp, number]> = [
    [['--gamma', '1.5'], /gamma must be in \[0, 1\], got 1\.5/, 1],
    [['--epochs', '0'], /epochs must be a whole number from 1/, 1],
    [['--batch', '0'], /batchSize must be a whole number from 1/, 1],
    [['--baselines', 'mixup'], /unknown baseline 'mixup'; use ls, focal or ts/, 1],
    [['--gamma', 'abc'], /--gamma must be a number, got 'abc'/, 2],
    [['--noise', '0.95'], /noise rate must be in \[0, 0\.9\]/, 1],
  ];
  for (const [flags, message, exit] of bad) {
    it(`refuses ${flags.join(' ')} with a clear message (exit ${exit})`, async () => {
      const { code, stderr } = await run('train', IRIS, ...flags);
      assert.strictEqual(code, exit);
      assert.match(stderr, message);
    });
  }
});
