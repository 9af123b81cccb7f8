import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compareModels, ProbabilityMatrix } from '../../src/core/calibration';
import { pairedFile, pairedTableOptions, pairFiles } from '../../src/core/calibration/pairedFiles';
import { readColumns } from '../../src/core/data/columnReader';
import {
  fitTemperature,
  fitTemperatureScaling,
  logProbabilities,
  recalibrate,
  softmaxWithTemperature,
  temperedNll,
} from '../../src/core/recalibration';
import { runCli } from './cliRun';
import { readRealFile } from './pythonReference';

/** Every row right, confidences spread: the NLL falls as T → 0 (strictly increasing in T). */
function separable(rows: number): { probs: ProbabilityMatrix; labels: Int32Array } {
  const data = new Float64Array(rows * 3);
  const labels = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    labels[i] = i % 3;
    const top = 0.4 + (0.55 * i) / rows;
    for (let k = 0; k < 3; k++) data[i * 3 + k] = k === labels[i] ? top : (1 - top) / 2;
  }
  return { probs: { data, rows, cols: 3 }, labels };
}

describe('calibration fixes: temperature scaling without an interior optimum', () => {
  it('keeps T = 1 and warns on separable data, where the NLL strictly increases in T', function () {
    this.timeout(30000);
    const { probs, labels } = separable(60);
    const logits = logProbabilities(probs);
    // The premise, checked independently of the fit: the NLL rises at every step of T.
    const grid = [0.01, 0.05, 0.2, 1, 5, 20, 100].map((t) => temperedNll(logits, labels, 3, t));
    grid.forEach((v, i) => i > 0 && assert.ok(v > grid[i - 1], `NLL at step ${i}`));
    assert.ok(fitTemperature(logits, labels, 3) < 0.0100001, 'the raw search runs into the lower bound');

    const fit = fitTemperatureScaling(logits, labels, 3, 'sep.csv');
    assert.strictEqual(fit.temperature, 1);
    assert.strictEqual(fit.atBound, true);
    assert.strictEqual(fit.nllAfter, fit.nllBefore);
    assert.match(fit.warning!, /^sep\.csv: the NLL has no minimum inside \[0\.01, 100\].*T is kept at 1/);

    const result = recalibrate(probs, labels, { method: 'temperature', folds: 3, file: 'sep.csv' });
    assert.strictEqual(result.temperature, 1);
    assert.strictEqual(result.temperatureAtBound, true);
    assert.ok(result.perFold.every((f) => f.temperature === 1));
    // T = 1 leaves every row as it was, so the cross-validated metrics are the file's own.
    for (const k of ['ece', 'smoothEce', 'nll', 'brier', 'accuracy'] as const)
      assert.ok(Math.abs(result.after[k] - result.before[k]) < 1e-12, k);
    assert.strictEqual(result.warnings.length, 4, 'the whole file and each of the 3 folds');
  });

  it('still fits an interior T (no warning) on a real file', function () {
    this.timeout(30000);
    const p = readRealFile('samples/predictions/overconfident-digits.csv');
    const result = recalibrate(p.probs, p.labels, { method: 'temperature', folds: 3 });
    assert.ok(result.temperature! > 1.05, `T = ${result.temperature}`);
    assert.strictEqual(result.temperatureAtBound, false);
    assert.deepStrictEqual(result.warnings, []);
  });

  it('the CLI prints the warning instead of a temperature at the bound', async () => {
    const { probs, labels } = separable(30);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gamma-ce-sep-'));
    try {
      const file = path.join(dir, 'sep.csv');
      const lines = ['a,b,c,label'];
      for (let i = 0; i < probs.rows; i++)
        lines.push([...Array.from((probs.data as Float64Array).subarray(i * 3, i * 3 + 3)), labels[i]].join(','));
      fs.writeFileSync(file, lines.join('\n'));
      const { code, stdout } = await runCli('recalibrate', file, '--method', 'temperature', '--folds', '3');
      assert.strictEqual(code, 0);
      assert.match(stdout, /T = 1\.00000 \(kept: no minimum inside the search range\)/);
      assert.match(stdout, /warning: .*sep\.csv: the NLL has no minimum/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('calibration fixes: numeric ids in a comparison', () => {
  const A = readRealFile('samples/predictions/underconfident-iris.csv');
  const N = A.probs.rows;
  const names = A.classNames;
  const B: ProbabilityMatrix = { data: softmaxWithTemperature(logProbabilities(A.probs), N, 3, 0.7), rows: N, cols: 3 };
  const row = (m: ProbabilityMatrix, i: number) =>
    Array.from((m.data as Float64Array).subarray(i * 3, i * 3 + 3), String);
  // Ids are numbers (1000 + row); B lists its rows in reverse.
  const csvA = ['id,' + names.join(',') + ',label']
    .concat(Array.from({ length: N }, (_, i) => [1000 + i, ...row(A.probs, i), names[A.labels[i]]].join(',')))
    .join('\n');
  const reversed = Array.from({ length: N }, (_, j) => N - 1 - j);
  const csvB = ['label,' + names.join(',') + ',id']
    .concat(reversed.map((i) => [names[A.labels[i]], ...row(B, i), 1000 + i].join(',')))
    .join('\n');
  const read = (text: string, file: string) => pairedFile(readColumns(text, file, pairedTableOptions({})), {});

  it('sets a numeric id column aside instead of reading it as a class', () => {
    const a = read(csvA, 'a.csv');
    assert.deepStrictEqual(a.predictions.classNames, names);
    assert.strictEqual(a.ids?.column, 'id');
    assert.strictEqual(a.ids?.values[3], '1003');
    assert.deepStrictEqual(Array.from(a.predictions.probs.data), Array.from(A.probs.data));
    const paired = pairFiles(a, read(csvB, 'b.csv'), false);
    assert.strictEqual(paired.matchedBy, "id column 'id'");
    assert.strictEqual(paired.order[0], N - 1);
    assert.deepStrictEqual(Array.from(paired.b.data), Array.from(B.data));
  });

  it('gamma-ce compare matches numeric ids and measures the same differences', async function () {
    this.timeout(60000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gamma-ce-ids-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.csv'), csvA);
      fs.writeFileSync(path.join(dir, 'b.csv'), csvB);
      const args = [path.join(dir, 'a.csv'), path.join(dir, 'b.csv'), '--resamples', '20', '--json'];
      const { code, stdout, stderr } = await runCli('compare', ...args);
      assert.strictEqual(code, 0, stderr);
      const out = JSON.parse(stdout) as { matchedBy: string; differences: Record<string, { mean: number }> };
      assert.strictEqual(out.matchedBy, "id column 'id'");
      const want = compareModels(A.probs, B, A.labels, { resamples: 20 });
      assert.ok(Math.abs(out.differences.ece.mean - want.differences.ece.mean) < 1e-12);
      assert.ok(Math.abs(out.differences.nll.mean - want.differences.nll.mean) < 1e-12);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a named id column missing from one file, or a missing id, is one message naming the file and row', () => {
    const plain = csvA
      .split('\n')
      .map((line) => line.slice(line.indexOf(',') + 1))
      .join('\n');
    const noIds = (file: string) => pairedFile(readColumns(plain, file, pairedTableOptions({}, 'row')), {}, 'row');
    assert.throws(
      () => pairFiles(noIds('p.csv'), noIds('q.csv'), true, 'row'),
      /^DataFileError: p\.csv: has no id column 'row'/,
    );
    assert.strictEqual(pairFiles(noIds('p.csv'), noIds('q.csv'), false, 'row').matchedBy, 'position');
    const gap = csvA.split('\n');
    gap[4] = gap[4].replace(/^\d+/, '');
    assert.throws(() => read(gap.join('\n'), 'gap.csv'), /gap\.csv, row 4 \(line 5\), column 'id': the id is missing/);
  });
});
