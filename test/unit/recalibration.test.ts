import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { topLabel } from '../../src/core/calibration';
import { DataFileError } from '../../src/core/data/dataFileError';
import {
  applyCalibrator,
  applyIsotonic,
  calibratorJson,
  fitIsotonic,
  kFolds,
  parseCalibrator,
  recalibrate,
  RecalibrationMethod,
  RecalibrationMetrics,
  RecalibrationResult,
  temperedNll,
  logProbabilities,
  trainingRows,
} from '../../src/core/recalibration';
import * as training from '../../src/core/train/temperature';
import * as recal from '../../src/core/recalibration/temperature';
import { runCli } from './cliRun';
import { nested, readRealFile, runReference } from './pythonReference';

type Metrics = Omit<RecalibrationMetrics, 'rows'>;
interface Reference {
  id: string;
  calibrator: { temperature?: number; values?: number[]; x?: number[]; y?: number[] };
  before: Metrics;
  after: Metrics;
  per_fold: ({ after: Metrics } & Reference['calibrator'])[];
  nll_derivative_root?: number;
  nll_at_fit?: number;
}

const FILES = [
  'samples/predictions/overconfident-digits.csv',
  'samples/predictions/underconfident-iris.csv',
  'samples/predictions/calibrated-digits.csv',
];
const METHODS: RecalibrationMethod[] = ['temperature', 'histogram', 'isotonic'];
const KEYS = ['ece', 'smoothEce', 'nll', 'brier', 'accuracy'] as const;

function close(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
}

function assertMetrics(actual: RecalibrationMetrics, expected: Metrics, tol: number, what: string): void {
  for (const key of KEYS) close(actual[key], expected[key], tol, `${what} ${key}`);
}

describe('recalibration against SciPy and an independent PAV (5-fold, sample files)', () => {
  const runs: { id: string; file: string; method: RecalibrationMethod; result: RecalibrationResult }[] = [];
  let refs: Map<string, Reference>;
  before(function () {
    this.timeout(300000);
    const cases = [];
    for (const file of FILES) {
      const p = readRealFile(file);
      for (const method of METHODS) {
        const id = `${file} ${method}`;
        const result = recalibrate(p.probs, p.labels, { method, folds: 5, seed: 3, file });
        runs.push({ id, file, method, result });
        const folds = kFolds(p.probs.rows, 5, 3).map((f) => Array.from(f));
        cases.push({
          id,
          probs: nested(p.probs.data, p.probs.rows, p.probs.cols),
          labels: Array.from(p.labels),
          method,
          bins: 15,
          folds,
        });
      }
    }
    const out = runReference<{ results: Reference[] }>('recalibration_reference.py', { cases });
    refs = new Map(out.results.map((r) => [r.id, r]));
  });

  for (const file of FILES) {
    for (const method of METHODS) {
      it(`${file}: ${method}`, () => {
        const { result } = runs.find((r) => r.file === file && r.method === method)!;
        const want = refs.get(`${file} ${method}`)!;
        // T is found to ~1e-8 relative by either minimiser, so metrics after temperature scaling agree to ~1e-8.
        const tol = method === 'temperature' ? 1e-6 : 1e-9;
        assertMetrics(result.before, want.before, 1e-9, 'before');
        assertMetrics(result.after, want.after, tol, 'after (out of fold)');
        result.perFold.forEach((fold, f) => {
          assertMetrics(fold.after, want.per_fold[f].after, tol, `fold ${f + 1}`);
          if (method === 'temperature')
            close(fold.temperature!, want.per_fold[f].temperature!, 1e-6, `fold ${f + 1} T`);
        });
        const c = result.calibrator;
        if (c.method === 'temperature') {
          close(c.temperature, want.calibrator.temperature!, 1e-6, 'T vs minimize_scalar');
          close(c.temperature, want.nll_derivative_root!, 1e-6, 'T vs the root of dNLL/dβ');
          const p = readRealFile(file);
          const nll = temperedNll(logProbabilities(p.probs), p.labels, p.probs.cols, c.temperature);
          assert.ok(nll <= want.nll_at_fit! + 1e-12, `NLL at our T ${nll} vs SciPy's ${want.nll_at_fit}`);
          assert.strictEqual(result.temperature, c.temperature);
        } else if (c.method === 'histogram') {
          c.values.forEach((v, m) => close(v, want.calibrator.values![m], 1e-12, `bin ${m}`));
        } else {
          assert.deepStrictEqual(c.x, want.calibrator.x);
          c.y.forEach((v, j) => close(v, want.calibrator.y![j], 1e-12, `y[${j}]`));
        }
      });
    }
  }

  it('cools the over-confident file and warms the under-confident one', () => {
    const t = (file: string) => runs.find((r) => r.file === file && r.method === 'temperature')!.result.temperature!;
    assert.ok(t(FILES[0]) > 1.5, `over-confident T = ${t(FILES[0])}`);
    assert.ok(t(FILES[1]) < 0.8, `under-confident T = ${t(FILES[1])}`);
    for (const r of runs.filter((run) => run.file !== FILES[2])) {
      assert.ok(
        r.result.after.ece < r.result.before.ece / 2,
        `${r.id}: ECE ${r.result.before.ece} → ${r.result.after.ece}`,
      );
    }
  });
});

describe('recalibration rules', () => {
  const p = readRealFile(FILES[1]);

  it("uses the training baseline's temperature fit itself (one implementation)", () => {
    assert.strictEqual(training.fitTemperature, recal.fitTemperature);
    assert.strictEqual(training.softmaxWithTemperature, recal.softmaxWithTemperature);
  });

  it('cuts deterministic folds that partition the rows', () => {
    const a = kFolds(103, 5, 9);
    assert.deepStrictEqual(a, kFolds(103, 5, 9));
    assert.notDeepStrictEqual(a, kFolds(103, 5, 10));
    assert.deepStrictEqual(
      a.map((f) => f.length),
      [21, 21, 21, 20, 20],
    );
    const all = a.flatMap((f) => Array.from(f)).sort((x, y) => x - y);
    assert.deepStrictEqual(
      all,
      Array.from({ length: 103 }, (_, i) => i),
    );
    assert.strictEqual(trainingRows(a, 2).length, 103 - 21);
    assert.ok(!trainingRows(a, 2).some((i) => a[2].includes(i)));
  });

  it('pools adjacent violators, ties first, and interpolates like numpy.interp', () => {
    assert.deepStrictEqual(fitIsotonic([0.1, 0.2, 0.3], [1, 0, 1]), { x: [0.1, 0.2, 0.3], y: [0.5, 0.5, 1] });
    assert.deepStrictEqual(fitIsotonic([0.5, 0.5, 0.9, 0.2], [1, 0, 1, 0]), { x: [0.2, 0.5, 0.9], y: [0, 0.5, 1] });
    assert.deepStrictEqual(fitIsotonic([0.9, 0.8, 0.7, 0.6], [0, 0, 1, 1]), { x: [0.6, 0.9], y: [0.5, 0.5] });
    const map = { x: [0.2, 0.5, 0.9], y: [0, 0.5, 1] };
    // numpy.interp([0, 0.2, 0.35, 0.7, 0.9, 1], x, y), bit for bit
    assert.deepStrictEqual(
      [0, 0.2, 0.35, 0.7, 0.9, 1].map((c) => applyIsotonic(map, c)),
      [0, 0, 0.24999999999999994, 0.75, 1, 1],
    );
    const top = topLabel(p.probs, p.labels);
    const fit = fitIsotonic(top.confidence, top.hit);
    for (let j = 1; j < fit.x.length; j++) assert.ok(fit.x[j] > fit.x[j - 1] && fit.y[j] >= fit.y[j - 1]);
  });

  it('keeps each row summing to 1 and its predicted class; the calibrator survives its JSON', () => {
    for (const method of METHODS) {
      const { calibrator } = recalibrate(p.probs, p.labels, { method, folds: 3 });
      const again = parseCalibrator(calibratorJson(calibrator));
      assert.deepStrictEqual(again, calibrator);
      const out = applyCalibrator(again, p.probs, logProbabilities(p.probs));
      const top = topLabel(p.probs, p.labels);
      for (let i = 0; i < p.probs.rows; i++) {
        let sum = 0;
        for (let k = 0; k < 3; k++) sum += out.probs.data[i * 3 + k];
        assert.ok(Math.abs(sum - 1) < 1e-12, `${method} row ${i} sums to ${sum}`);
        assert.strictEqual(out.probs.data[i * 3 + out.predicted[i]] >= 0, true);
        assert.strictEqual(p.probs.data[i * 3 + out.predicted[i]], top.confidence[i]);
      }
    }
    assert.throws(
      () => parseCalibrator('{"format":"gamma-ce-calibrator","version":1,"classes":3,"method":"platt"}'),
      /unknown method 'platt'/,
    );
    assert.throws(
      () =>
        parseCalibrator(
          '{"format":"gamma-ce-calibrator","version":1,"classes":3,"method":"temperature","temperature":-1}',
        ),
      /positive/,
    );
    assert.throws(() => parseCalibrator('[1'), /not JSON/);
  });

  it('refuses bad input with one message naming the file and row', () => {
    const probs = { data: [0.9, 0.1, 0.8, 0.2, 0.3, 0.7], rows: 3, cols: 2 };
    const check = (fn: () => unknown, pattern: RegExp) =>
      assert.throws(fn, (e: unknown) => e instanceof DataFileError && pattern.test(e.message), String(pattern));
    check(
      () => recalibrate(probs, [0, 0, 0], { method: 'temperature', folds: 2, file: 'a.csv' }),
      /^a\.csv: every one of the 3 rows has the same label/,
    );
    check(
      () => recalibrate(probs, [0, 1, 0], { method: 'temperature', folds: 4, file: 'a.csv' }),
      /^a\.csv: 4 folds need at least 4 rows, the file has 3/,
    );
    const zero = { data: [1, 0, 0.8, 0.2, 0.3, 0.7], rows: 3, cols: 2 };
    check(
      () => recalibrate(zero, [1, 0, 1], { method: 'temperature', folds: 2, file: 'z.csv' }),
      /^z\.csv, row 1: the true class has probability 0/,
    );
    // A fold whose complement holds one class only.
    const twoOfEach = { data: [0.9, 0.1, 0.8, 0.2, 0.3, 0.7, 0.4, 0.6], rows: 4, cols: 2 };
    assert.throws(
      () => recalibrate(twoOfEach, [0, 0, 0, 1], { method: 'temperature', folds: 4, file: 'f.csv' }),
      /outside fold \d of 4\): every one of the 3 rows/,
    );
    assert.throws(
      () => recalibrate(probs, [0, 1, 0], { method: 'histogram', folds: 1 }),
      /folds must be an integer ≥ 2/,
    );
  });
});

describe('gamma-ce recalibrate', () => {
  const file = FILES[0];
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gamma-ce-recal-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--json is the cross-validated result plus file; --out writes the whole-file calibrator', async function () {
    this.timeout(60000);
    const out = path.join(dir, 'calibrator.json');
    const { code, stdout, stderr } = await runCli(
      'recalibrate',
      file,
      '--method',
      'temperature',
      '--folds',
      '4',
      '--seed',
      '8',
      '--out',
      out,
      '--json',
    );
    assert.strictEqual(code, 0, stderr);
    const p = readRealFile(file);
    const want = recalibrate(p.probs, p.labels, { method: 'temperature', folds: 4, seed: 8, file });
    assert.deepStrictEqual(JSON.parse(stdout), JSON.parse(JSON.stringify({ file, ...want })));
    assert.deepStrictEqual(parseCalibrator(fs.readFileSync(out, 'utf8')), want.calibrator);
    const text = await runCli('recalibrate', file, '--method', 'isotonic');
    assert.match(text.stdout, /3000 rows; isotonic regression, 5-fold cross-validation/);
    assert.match(text.stdout, /ECE\s+0\.1314\s+0\.0\d{3}/);
  });

  it('exits 2 on usage errors and 1, naming the file, on data it cannot fit', async () => {
    assert.strictEqual((await runCli('recalibrate', file)).code, 2);
    assert.strictEqual((await runCli('recalibrate', file, '--method', 'platt')).code, 2);
    assert.strictEqual((await runCli('recalibrate', file, '--method', 'histogram', '--folds', '1')).code, 2);
    const one = path.join(dir, 'one-class.csv');
    fs.writeFileSync(one, 'a,b,label\n0.9,0.1,a\n0.6,0.4,a\n0.2,0.8,a\n');
    const cases: [string[], RegExp][] = [
      [[one, '--method', 'temperature', '--folds', '2'], /one-class\.csv: every one of the 3 rows has the same label/],
      [[one, '--method', 'isotonic', '--folds', '4'], /one-class\.csv: 4 folds need at least 4 rows, the file has 3/],
      [[path.join(dir, 'nope.csv'), '--method', 'isotonic'], /cannot read .*nope\.csv: no such file/],
    ];
    for (const [args, pattern] of cases) {
      const { code, stdout, stderr } = await runCli('recalibrate', ...args);
      assert.strictEqual(code, 1, stderr);
      assert.strictEqual(stdout, '');
      assert.match(stderr, pattern);
      assert.strictEqual(stderr.trimEnd().split('\n').length, 1);
    }
  });
});
