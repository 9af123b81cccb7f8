import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { calibrationReport } from '../../src/core/calibration';
import { readPredictions } from '../../src/core/predictions';
import { runCli } from './cliRun';
import { REPO } from './helpers';

const IRIS = path.join(REPO, 'media', 'datasets', 'iris.csv');
const FAST = ['--epochs', '3', '--lr', '0.01', '--hidden', '8', '--backend', 'cpu'];

const run = runCli;

describe('gamma-ce train with seeds, noise-robust baselines and a noise sweep', function () {
  this.timeout(120_000);

  it('--seeds 3 --baselines gce,sce,mae --json: one entry per run and seed, the summary and the evidence', async () => {
    const { code, stdout, stderr } = await run(
      'train',
      IRIS,
      ...FAST,
      '--seeds',
      '3',
      '--baselines',
      'gce,sce,mae',
      '--noise',
      '0.2',
      '--json',
    );
    assert.strictEqual(code, 0, stderr);
    const report = JSON.parse(stdout);
    const names = ['CE', 'γ-CE (γ=0.1)', 'GCE (q=0.7)', 'SCE (α=0.1, β=1, A=-4)', 'MAE (γ-CE, γ=1)'];
    assert.deepStrictEqual(
      report.runs.map((r: { name: string; seed: number }) => [r.name, r.seed]),
      [0, 1, 2].flatMap((s) => names.map((n) => [n, s])),
    );
    assert.deepStrictEqual(Object.keys(report.summary), ['runs', 'differences']);
    assert.deepStrictEqual(Object.keys(report.summary.runs), names);
    assert.deepStrictEqual(Object.keys(report.summary.differences), names.slice(1));
    for (const metric of ['accuracy', 'ece', 'mce', 'adaptiveEce', 'nll', 'brier']) {
      assert.deepStrictEqual(Object.keys(report.summary.runs.CE[metric]), ['mean', 'sd', 'low', 'high', 'n']);
      assert.strictEqual(report.summary.runs.CE[metric].n, 3);
      assert.deepStrictEqual(Object.keys(report.summary.differences['GCE (q=0.7)'].vsCE[metric]), [
        'mean',
        'low',
        'high',
        'n',
      ]);
    }
    const ceAccuracy = report.runs
      .filter((r: { name: string }) => r.name === 'CE')
      .map((r: { test: { accuracy: number } }) => r.test.accuracy);
    assert.strictEqual(report.summary.runs.CE.accuracy.mean, ceAccuracy.reduce((a: number, b: number) => a + b, 0) / 3);
    assert.deepStrictEqual(report.seeds, [0, 1, 2]);
    assert.strictEqual(report.noise, 0.2);
    assert.deepStrictEqual(Object.keys(report.evidence), names);
    assert.match(report.intervals, /Student t/);
  });

  it('prints a table of mean ± half-width, the paired differences and one sentence per run', async () => {
    const { code, stdout } = await run('train', IRIS, ...FAST, '--seeds', '2', '--fixed-split');
    assert.strictEqual(code, 0);
    assert.match(stdout, /2 seeds \(0–1\), each varying the initial weights, batch order, noise draw \(split fixed\)/);
    assert.match(stdout, /\n {2}CE +\d\.\d{4} ± \d\.\d{4}/);
    assert.match(stdout, /difference from CE, paired by seed/);
    assert.match(stdout, /\n {2}γ-CE \(γ=0\.1\), over 2 seeds paired with CE: /);
    assert.match(stdout, /No label noise was injected/);
  });

  it('--noise-sweep 0,0.4 --json: a summary per noise rate; --out writes a predictions file per run, noise and seed', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gce-')), 'run');
    const { code, stdout, stderr } = await run(
      'train',
      IRIS,
      ...FAST,
      '--seeds',
      '2',
      '--noise-sweep',
      '0,0.4',
      '--json',
      '--out',
      out,
    );
    assert.strictEqual(code, 0, stderr);
    const report = JSON.parse(stdout);
    assert.deepStrictEqual(
      report.noiseSweep.map((e: { noise: number }) => e.noise),
      [0, 0.4],
    );
    assert.deepStrictEqual(Object.keys(report.noiseSweep[1].summary.runs.CE.ece), ['mean', 'sd', 'low', 'high', 'n']);
    assert.strictEqual(report.runs.length, 8);
    const files = fs.readdirSync(out).sort();
    assert.strictEqual(files.length, 10, 'report.json, report.md and 8 predictions files');
    assert.ok(files.includes('predictions-ce-noise-0.4-seed-1.csv'), files.join(' '));
    assert.ok(files.includes('report.md'), files.join(' '));
    const saved = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8'));
    const run04 = saved.runs.find(
      (r: { name: string; noise: number; seed: number }) => r.name === 'CE' && r.noise === 0.4 && r.seed === 1,
    );
    const csv = readPredictions(fs.readFileSync(path.join(out, 'predictions-ce-noise-0.4-seed-1.csv')), 'p.csv');
    assert.deepStrictEqual(calibrationReport(csv.probs, csv.labels), run04.test);
  });

  it('--seeds 3 --out: report.md holds, per run, mean ± half-width, the paired differences and one sentence of evidence', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gce-')), 'study');
    const { code, stderr } = await run('train', IRIS, ...FAST, '--seeds', '3', '--noise', '0.2', '--out', out);
    assert.strictEqual(code, 0, stderr);
    const saved = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8'));
    const md = fs.readFileSync(path.join(out, 'report.md'), 'utf8');
    assert.match(md, /^# γ-CE study: .*iris\.csv\n/);
    assert.match(
      md,
      /3 seeds \(0–2\), each varying the initial weights, batch order, noise draw and split\. Intervals: .*Student t/,
    );
    assert.match(md, /## Training-label noise 0\.2 \(validation and test clean\)/);
    const ce = saved.summary.runs.CE.ece;
    const half = (ce.high - ce.low) / 2;
    const row = md.split('\n').find((line) => line.startsWith('| CE |'))!;
    // Columns: accuracy, ECE, …; the ECE cell is the mean and half-width of report.json's interval.
    assert.strictEqual(row.split(' | ')[2], `${ce.mean.toFixed(4)} ± ${half.toFixed(4)}`);
    const d = saved.summary.differences['γ-CE (γ=0.1)'].vsCE.accuracy;
    const sign = d.mean >= 0 ? '+' : '−';
    const star = d.low > 0 || d.high < 0 ? '*' : '';
    const expected = `${sign}${Math.abs(d.mean).toFixed(4)} ± ${((d.high - d.low) / 2).toFixed(4)}${star}`;
    const diffRows = md.slice(md.indexOf('Difference from CE')).split('\n');
    assert.strictEqual(diffRows.find((line) => line.startsWith('| γ-CE (γ=0.1) |'))!.split(' | ')[1], expected);
    for (const sentence of Object.values(saved.evidence) as string[]) assert.ok(md.includes(`- ${sentence}`), sentence);
    assert.strictEqual(fs.readdirSync(out).filter((f) => f.startsWith('predictions-')).length, 6);
  });

  const bad: Array<[string[], RegExp, number]> = [
    [['--seeds', '0'], /seeds must be a whole number from 1 to 20, got 0/, 1],
    [['--seeds', '21'], /seeds must be a whole number from 1 to 20, got 21/, 1],
    [['--seeds', 'many'], /--seeds must be a number, got 'many'/, 2],
    [['--gce-q', '0', '--baselines', 'gce'], /gceQ \(the q of GCE\) must be in \(0, 1\], got 0/, 1],
    [['--gce-q', '1.2'], /gceQ \(the q of GCE\) must be in \(0, 1\], got 1\.2/, 1],
    [['--noise-sweep', '0,0.95'], /every noise rate of noiseSweep must be in \[0, 0\.9\], got 0\.95/, 1],
    [['--noise-sweep', '0.2,0.2'], /noiseSweep lists the noise rate 0\.2 more than once/, 1],
    [['--noise', '0.2', '--noise-sweep', '0,0.2'], /use --noise or --noise-sweep, not both/, 2],
    [
      ['--tailr-smoothing', '1', '--threshold', '0.2'],
      /tailrSmoothing \(the label smoothing ε of the TaiLr form\) must be in \[0, 1\)/,
      1,
    ],
    [['--baselines', 'mixup'], /unknown baseline 'mixup'; use ls, focal or ts, or gce, sce or mae/, 1],
  ];
  for (const [flags, message, exit] of bad) {
    it(`refuses ${flags.join(' ')} with a clear message (exit ${exit})`, async () => {
      const { code, stderr } = await run('train', IRIS, ...flags);
      assert.strictEqual(code, exit);
      assert.match(stderr, message);
    });
  }
});
