import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readPredictions } from '../../src/core/predictions';
import { runCli } from './cliRun';

const TINY = ['--steps', '2', '--context', '8', '--dim', '8', '--heads', '2', '--layers', '1', '--batch', '2'];
const SAMPLING = ['--samples', '1', '--length', '12', '--backend', 'cpu'];

describe('gamma-ce lm', function () {
  this.timeout(120_000);
  let dir: string;
  const file = (name: string, content: string | Uint8Array) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  };

  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lm-cli-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('shows its usage with --help', async () => {
    const { code, stdout } = await runCli('lm', '--help');
    assert.strictEqual(code, 0);
    assert.match(stdout, /Usage: gamma-ce lm <file>… \[--gamma 1e-7\] \[--threshold 0\.2\]/);
  });

  it('answers bad input with one line naming the file or setting', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[file('empty.txt', '')], /empty\.txt: is empty/],
      [[file('bin.dat', Uint8Array.from([1, 2, 0, 3]))], /bin\.dat: is a binary file/],
      [[file('bad.txt', Uint8Array.from([104, 105, 0xff, 10]))], /bad\.txt, line 1: is not valid UTF-8/],
      [[file('small.txt', 'tiny text'), '--context', '64'], /small\.txt: is too small for a context of 64/],
      [[path.join(dir, 'missing.txt')], /cannot read .*missing\.txt/],
      [
        [file('ok.txt', 'x'.repeat(200)), '--dim', '30', '--heads', '4'],
        /dim \(30\) must be a multiple of heads \(4\)/,
      ],
      [[file('ok2.txt', 'x'.repeat(200)), '--gamma', '2'], /gamma must be a number in \[0, 1\]/],
    ];
    for (const [args, message] of cases) {
      const { code, stdout, stderr } = await runCli('lm', ...args);
      assert.strictEqual(code, 1, `${args.join(' ')}: ${stderr}`);
      assert.strictEqual(stdout, '');
      assert.match(stderr, message);
      assert.strictEqual(stderr.trim().split('\n').length, 1, stderr);
    }
    const usage = await runCli('lm', '--steps', 'many', 'a.txt');
    assert.strictEqual(usage.code, 2);
    assert.match(usage.stderr, /--steps must be a number, got 'many'/);
  });

  it("prints the issue's --json shape and writes predictions the calibration panel reads", async () => {
    const text = file('text.txt', 'the quick brown fox jumps over the lazy dog. '.repeat(8));
    const out = path.join(dir, 'out');
    const { code, stdout, stderr } = await runCli('lm', text, ...TINY, ...SAMPLING, '--json', '--out', out);
    assert.strictEqual(code, 0, stderr);
    const report = JSON.parse(stdout);
    assert.deepStrictEqual(
      report.runs.map((r: { name: string; loss: string; gamma: number | null; threshold: number | null }) => [
        r.name,
        r.loss,
        r.gamma,
        r.threshold,
      ]),
      [
        ['CE', 'ce', null, null],
        ['TaiLr', 'tailr', 1e-7, 0.2],
      ],
    );
    for (const run of report.runs) {
      assert.strictEqual(run.history.length, 1);
      for (const key of ['bitsPerChar', 'perplexity', 'accuracy', 'ece'])
        assert.strictEqual(typeof run.test[key], 'number');
      assert.strictEqual(run.test.bins.length, 15);
      assert.strictEqual(run.samples.length, 1);
      assert.deepStrictEqual(Object.keys(run.repetition.rep), ['2', '3', '4']);
    }
    assert.ok(report.reference.unigramBitsPerChar > 0);
    assert.deepStrictEqual(Object.keys(report.reference.repetition.distinct), ['2', '3', '4']);
    const csv = fs.readFileSync(path.join(out, 'predictions-ce.csv'));
    const predictions = readPredictions(csv, 'predictions-ce.csv');
    assert.strictEqual(predictions.labels.length, report.runs[0].test.n);
    assert.strictEqual(predictions.classNames[1], 'U+0020');
    // Writing again into the same folder is refused, and nothing is overwritten.
    const again = await runCli('lm', text, ...TINY, ...SAMPLING, '--out', out);
    assert.strictEqual(again.code, 1);
    assert.match(again.stderr, /already exists and is not empty/);
  });
});
