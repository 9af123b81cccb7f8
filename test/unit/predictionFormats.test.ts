import * as assert from 'assert';
import * as fs from 'fs';
import { calibrationReport } from '../../src/core/calibration';
import { StreamedReport, StreamingCalibration } from '../../src/core/calibration/streamingReport';
import { streamCalibration } from '../../src/core/calibration/streamingSource';
import { memorySource } from '../../src/core/data/byteSource';
import { collectPredictions, openBinaryPredictions } from '../../src/core/data/collectPredictions';
import { DataFileError } from '../../src/core/data/dataFileError';
import { openNpyPairPredictions } from '../../src/core/data/numpyPredictions';
import { halfToNumber } from '../../src/core/data/npyArray';
import type { PredictionSource } from '../../src/core/data/predictionSource';
import { CLI_LOGITS_HINT, readPredictions } from '../../src/core/predictions';
import { seededRandom } from '../../src/core/random';
import { runCli } from './cliRun';
import { assertClose, fixture } from './helpers';

const dir = (f: string) => fixture('formats', f);
const read = (f: string) => new Uint8Array(fs.readFileSync(dir(f)));
const OPTIONS = { logitsHint: CLI_LOGITS_HINT };

function open(
  f: string,
  options: { probs?: string; label?: string; softmax?: boolean } = {},
): Promise<PredictionSource> {
  const format = f.endsWith('.parquet') ? 'parquet' : 'npz';
  return openBinaryPredictions(format, memorySource(read(f)), f, { ...OPTIONS, ...options });
}

function openPair(probs: string, labels: string): Promise<PredictionSource> {
  return openNpyPairPredictions(
    { source: memorySource(read(probs)), file: probs },
    { source: memorySource(read(labels)), file: labels },
    OPTIONS,
  );
}

const METRIC_KEYS = [
  'ece',
  'mce',
  'brier',
  'nll',
  'accuracy',
  'adaptiveEce',
  'classwiseEce',
  'smoothEce',
  'smoothEceSigma',
  'n',
] as const;

function metrics(report: object): Record<string, unknown> {
  const r = report as Record<string, unknown>;
  return Object.fromEntries([...METRIC_KEYS, 'bins'].map((k) => [k, r[k]]));
}

interface Expected {
  ece: number;
  mce: number;
  brier: number;
  nll: number;
  accuracy: number;
  classwiseEce: number;
  n: number;
}
const expected = JSON.parse(fs.readFileSync(dir('expected.json'), 'utf8')) as Record<string, Expected>;

async function rejection(promise: Promise<unknown>): Promise<DataFileError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DataFileError, `not a DataFileError: ${String(error)}`);
    return error;
  }
  return assert.fail('expected a DataFileError');
}

describe('predictions in Parquet and NumPy', () => {
  const csv = readPredictions(read('preds.csv'), 'preds.csv');
  const csvReport = calibrationReport(csv.probs, csv.labels);

  const sameAsCsv: Array<[string, () => Promise<PredictionSource>]> = [
    ['Parquet, a column per class, snappy, 3 row groups', () => open('columns-snappy.parquet')],
    ['Parquet, a column per class, gzip', () => open('columns-gzip.parquet')],
    ['Parquet, a list column, zstd, with a text column left out', () => open('list-zstd.parquet')],
    ['Parquet, logits in a list column, --softmax', () => open('logits-list.parquet', { softmax: true })],
    ['Parquet, labels that are class names', () => open('columns-names.parquet')],
    ['.npz (numpy.savez)', () => open('preds.npz')],
    ['.npz (numpy.savez_compressed: deflated members)', () => open('preds-compressed.npz')],
    ['.npz of logits (softmaxed because the array is named logits)', () => open('logits.npz')],
    ['.npz with --probs/--labels keys', () => open('named.npz', { probs: 'scores', label: 'y' })],
    ['a pair of .npy files (float64, int64)', () => openPair('probs.npy', 'labels.npy')],
    ['a pair of .npy files (int32 labels)', () => openPair('probs.npy', 'labels-i4.npy')],
  ];
  for (const [name, source] of sameAsCsv) {
    it(`${name}: the report of the CSV, number for number`, async () => {
      const report = await streamCalibration(await source(), { bins: 15 });
      assert.deepStrictEqual(metrics(report), metrics(csvReport));
      assert.strictEqual(report.form, 'probabilities');
      assert.deepStrictEqual(report.unavailable, []);
    });
  }

  it('agree with the metrics NumPy computes (scripts/generate-format-fixtures.py)', async () => {
    const report = await streamCalibration(await open('columns-snappy.parquet'), { bins: 15 });
    for (const key of ['ece', 'mce', 'brier', 'nll', 'accuracy', 'classwiseEce'] as const)
      assertClose(report[key], expected.preds[key], { rtol: 1e-12, atol: 1e-15 }, key);
    assert.strictEqual(report.n, expected.preds.n);
  });

  it('read float32 and float16 arrays as the numbers they hold', async () => {
    const f4 = await streamCalibration(await openPair('probs-f4.npy', 'labels.npy'), { bins: 15 });
    for (const key of ['ece', 'brier', 'nll', 'accuracy'] as const)
      assertClose(f4[key], expected.f4[key], { rtol: 1e-12, atol: 1e-15 }, key);
    const f2 = await collectPredictions(await openPair('probs-f2.npy', 'labels.npy'));
    assertClose(f2.probs.data, csv.probs.data, { atol: 1e-3 }, 'float16');
    assert.strictEqual(halfToNumber(0x3c00), 1);
    assert.strictEqual(halfToNumber(0xc000), -2);
    assert.strictEqual(halfToNumber(0x0001), 2 ** -24);
    assert.ok(Number.isNaN(halfToNumber(0x7e00)));
  });

  it('give compare and recalibrate the same rows as the CSV', async () => {
    const p = await collectPredictions(await open('list-zstd.parquet'));
    assert.deepStrictEqual(Array.from(p.probs.data), Array.from(csv.probs.data));
    assert.deepStrictEqual(Array.from(p.labels), Array.from(csv.labels));
    assert.deepStrictEqual(p.ignoredColumns, ['id']);
  });

  for (const f of ['toplabel.parquet', 'toplabel.npz']) {
    it(`${f}: top-label form gives the top-label metrics and reports the class-wise ones unavailable`, async () => {
      const report = await streamCalibration(await open(f), { bins: 15 });
      assert.strictEqual(report.form, 'top-label');
      for (const key of ['ece', 'mce', 'accuracy', 'adaptiveEce', 'smoothEce', 'smoothEceSigma', 'n'] as const)
        assert.strictEqual(report[key], csvReport[key], key);
      assert.deepStrictEqual(report.bins, csvReport.bins);
      assert.deepStrictEqual(report.unavailable, ['brier', 'nll', 'classwiseEce']);
      assert.ok(Number.isNaN(report.classwiseEce) && Number.isNaN(report.brier));
      await rejection(collectPredictions(await open(f)));
    });
  }

  const problems: Array<[string, () => Promise<unknown>, RegExp]> = [
    [
      'a row that does not sum to 1, by row group and row',
      () => drain(open('bad-sum.parquet')),
      /^bad-sum\.parquet, row group 2, row 151: the probabilities sum to 1\.5/,
    ],
    [
      'logits without --softmax',
      () => drain(open('logits-list.parquet')),
      /row group 1, row 1, column 'logits': .* is not a probability in \[0, 1\]; if the columns hold logits, use the softmax option/,
    ],
    [
      'NaN, by array, row and class',
      () => drain(open('nan.npz')),
      /^nan\.npz, array 'probs', row 8, column '2': NaN is not a finite number$/,
    ],
    [
      'Fortran order',
      () => openPair('probs-fortran.npy', 'labels.npy'),
      /probs-fortran\.npy, array 'probs': is in Fortran \(column-major\) order/,
    ],
    ['big-endian', () => openPair('probs-bigendian.npy', 'labels.npy'), /array 'probs': is big-endian \(dtype '>f8'\)/],
    ['an object array', () => openPair('probs-object.npy', 'labels.npy'), /holds Python objects \(dtype '\|O'\)/],
    [
      'labels and probabilities of different lengths',
      () => openPair('probs.npy', 'labels-short.npy'),
      /^labels-short\.npy, array 'labels': holds 299 labels for the 300 rows of array 'probs' in probs\.npy$/,
    ],
    [
      'an .npz without the arrays',
      () => open('named.npz'),
      /has no array 'probs' or 'logits' \(name it with --probs KEY\) \(arrays: scores, y\)/,
    ],
    [
      'a Parquet file without the label column',
      () => open('columns-snappy.parquet', { label: 'y' }),
      /has no label column 'y'/,
    ],
    [
      'a --probs column that is not a list',
      () => open('columns-snappy.parquet', { probs: 'a' }),
      /column 'a' is not a list of numbers/,
    ],
  ];
  for (const [name, run, message] of problems) {
    it(`refuse ${name} with one message`, async () => {
      assert.match((await rejection(run())).message, message);
    });
  }
});

async function drain(source: Promise<PredictionSource>): Promise<StreamedReport> {
  return streamCalibration(await source, { bins: 15 });
}

describe('StreamingCalibration', () => {
  function randomRows(n: number, k: number, seed: number) {
    const random = seededRandom(seed);
    const data = new Float64Array(n * k);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let c = 0; c < k; c++) sum += data[i * k + c] = random() ** 3;
      for (let c = 0; c < k; c++) data[i * k + c] /= sum;
      labels[i] = Math.floor(random() * k);
    }
    return { data, labels };
  }

  it('gives calibrationReport’s numbers exactly, whatever the batches', () => {
    const n = 5000;
    const k = 7;
    const { data, labels } = randomRows(n, k, 3);
    const whole = calibrationReport({ data, rows: n, cols: k }, labels, { bins: 12 });
    const engine = new StreamingCalibration({ bins: 12, classes: k });
    const random = seededRandom(9);
    for (let at = 0; at < n;) {
      const rows = Math.min(n - at, 1 + Math.floor(random() * 700));
      engine.addProbabilities(data.subarray(at * k, (at + rows) * k), labels.subarray(at, at + rows), rows);
      at += rows;
    }
    assert.deepStrictEqual(metrics(engine.finish()), metrics(whole));
  });

  it('past its capacity keeps a reservoir sample for the equal-mass and smooth ECE, and says so', () => {
    const n = 4000;
    const { data, labels } = randomRows(n, 3, 5);
    const whole = calibrationReport({ data, rows: n, cols: 3 }, labels);
    const engine = new StreamingCalibration({ bins: 15, classes: 3, keepRows: 1000 });
    engine.addProbabilities(data, labels, n);
    const report = engine.finish();
    assert.deepStrictEqual(report.sample, { size: 1000, of: n, metrics: ['adaptiveEce', 'smoothEce'] });
    assert.strictEqual(report.keptRows, 1000);
    for (const key of ['ece', 'mce', 'brier', 'nll', 'accuracy', 'classwiseEce'] as const)
      assert.strictEqual(report[key], whole[key], key);
    assert.ok(Math.abs(report.adaptiveEce - whole.adaptiveEce) < 0.05);
    assert.notStrictEqual(report.adaptiveEce, whole.adaptiveEce);
  });
});

describe('gamma-ce calibrate on Parquet and NumPy', () => {
  it('prints the same JSON report for the CSV, the Parquet file and the .npy pair', async () => {
    const keys = (out: string) => metrics(JSON.parse(out) as object);
    const a = await runCli('calibrate', dir('preds.csv'), '--json');
    const b = await runCli('calibrate', dir('list-zstd.parquet'), '--json');
    const c = await runCli('calibrate', dir('probs.npy'), '--labels', dir('labels.npy'), '--json');
    assert.deepStrictEqual([a.code, b.code, c.code], [0, 0, 0]);
    assert.deepStrictEqual(keys(b.stdout), keys(a.stdout));
    assert.deepStrictEqual(keys(c.stdout), keys(a.stdout));
  });

  it('says what a top-label file cannot give, and asks for the labels of a lone .npy', async () => {
    const top = await runCli('calibrate', dir('toplabel.parquet'));
    assert.strictEqual(top.code, 0);
    assert.match(top.stdout, /top-label form/);
    assert.match(top.stdout, /unavailable without class probabilities: brier, nll, classwiseEce/);
    assert.doesNotMatch(top.stdout, /Brier|NaN/);
    const lone = await runCli('calibrate', dir('probs.npy'));
    assert.strictEqual(lone.code, 2);
    assert.match(lone.stderr, /give the labels' \.npy file with --labels FILE/);
  });
});

describe('gamma-ce compare and recalibrate on Parquet and NumPy', function () {
  this.timeout(60_000);
  const json = (out: string) => {
    const report = JSON.parse(out) as Record<string, unknown>;
    delete report.file;
    delete report.files;
    return report;
  };

  it('compare gives the CSV pair’s comparison whatever the two files’ formats', async () => {
    const csv = await runCli('compare', dir('preds.csv'), dir('preds.csv'), '--resamples', '50', '--json');
    const mixed = await runCli(
      'compare',
      dir('list-zstd.parquet'),
      dir('probs.npy'),
      '--labels',
      dir('labels.npy'),
      '--resamples',
      '50',
      '--json',
    );
    const npz = await runCli(
      'compare',
      dir('preds.npz'),
      dir('probs.npy'),
      '--labels',
      dir('labels.npy'),
      '--resamples',
      '50',
      '--json',
    );
    assert.deepStrictEqual([csv.code, mixed.code, npz.code], [0, 0, 0], mixed.stderr + npz.stderr);
    assert.deepStrictEqual(json(mixed.stdout), json(csv.stdout));
    assert.deepStrictEqual(json(npz.stdout), json(csv.stdout));
  });

  it('recalibrate fits and scores the same calibrator from the CSV, the Parquet file and the .npy pair', async () => {
    const run = (...file: string[]) => runCli('recalibrate', ...file, '--method', 'temperature', '--json');
    const csv = await run(dir('preds.csv'));
    const parquet = await run(dir('columns-snappy.parquet'));
    const npy = await run(dir('probs.npy'), '--labels', dir('labels.npy'));
    assert.deepStrictEqual([csv.code, parquet.code, npy.code], [0, 0, 0], parquet.stderr + npy.stderr);
    assert.deepStrictEqual(json(parquet.stdout), json(csv.stdout));
    assert.deepStrictEqual(json(npy.stdout), json(csv.stdout));
  });

  it('refuses --id with a Parquet or NumPy file, and --labels without one, with one message', async () => {
    const id = await runCli('compare', dir('preds.npz'), dir('preds.csv'), '--id', 'id');
    assert.strictEqual(id.code, 2);
    assert.match(id.stderr, /--id is for text files: .*preds\.npz is matched to the other file by position/);
    const labels = await runCli('compare', dir('preds.csv'), dir('preds.csv'), '--labels', 'y');
    assert.strictEqual(labels.code, 2);
    assert.match(labels.stderr, /--probs and --labels are for Parquet and NumPy files/);
  });
});
