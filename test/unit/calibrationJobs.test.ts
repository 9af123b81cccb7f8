import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { compareModels, expectedCalibrationError, smoothReliabilityCurve, topLabel } from '../../src/core/calibration';
import { bootstrapEce, bootstrapSmoothEce } from '../../src/core/bootstrap';
import { recalibrate } from '../../src/core/recalibration';
import { comparison, eceInterval, recalibration, smoothCalibration } from '../../src/worker/calibrationJobs';
import { REPO } from './helpers';
import { readRealFile } from './pythonReference';

/** The data worker's calibration handlers, called in-process: the same numbers as the core functions. */
describe('calibration jobs of the data worker', function () {
  this.timeout(120000);
  const relative = 'samples/predictions/underconfident-iris.csv';
  const p = readRealFile(relative);
  const rows = { probs: Float64Array.from(p.probs.data), labels: p.labels, rows: p.probs.rows, cols: p.probs.cols };

  it("eceInterval: bootstrapEce's interval at the panel's bins (equal-width, top label), progress a step per resample", () => {
    const { confidence, hit } = topLabel(p.probs, p.labels);
    const fractions: number[] = [];
    const result = eceInterval({ type: 'eceInterval', confidence, hit, bins: 12 }, (f) => fractions.push(f));
    assert.deepStrictEqual(result, bootstrapEce(confidence, hit, 12, 'equal-width'));
    assert.strictEqual(result.resamples, 1000);
    assert.strictEqual(fractions.length, 999);
    assert.ok(fractions.every((f, i) => i === 0 || f > fractions[i - 1]));
  });

  it('smoothCalibration: the smooth ECE interval and the curve with its band; progress rises to 1', () => {
    const { confidence, hit } = topLabel(p.probs, p.labels);
    const fractions: number[] = [];
    const result = smoothCalibration(
      { type: 'smoothCalibration', confidence, hit, resamples: 30, bandResamples: 20 },
      (f) => fractions.push(f),
    );
    assert.deepStrictEqual(result.interval, bootstrapSmoothEce(confidence, hit, { resamples: 30 }));
    const curve = smoothReliabilityCurve(confidence, hit, { resamples: 20 });
    assert.deepStrictEqual(result.curve.mu, curve.mu);
    assert.deepStrictEqual(result.curve.lower, curve.lower);
    assert.ok(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]));
    assert.strictEqual(fractions.at(-1), 1);
  });

  for (const method of ['temperature', 'isotonic'] as const) {
    it(`recalibrate (${method}): the core's cross-validated metrics, and the after-diagram is theirs`, () => {
      const result = recalibration(
        { type: 'recalibrate', ...rows, method, folds: 4, bins: 12, file: relative },
        () => {},
      );
      const want = recalibrate(p.probs, p.labels, { method, folds: 4, bins: 12, file: relative });
      assert.deepStrictEqual(result.before, want.before);
      assert.deepStrictEqual(result.after, want.after);
      assert.deepStrictEqual(result.calibrator, want.calibrator);
      // The diagrams are of the same rows as the metrics: their ECE is the metrics' ECE.
      assert.ok(Math.abs(expectedCalibrationError(result.afterBins) - want.after.ece) < 1e-12);
      assert.ok(Math.abs(expectedCalibrationError(result.beforeBins) - want.before.ece) < 1e-12);
      assert.strictEqual(
        result.afterBins.reduce((s, b) => s + b.count, 0),
        p.probs.rows,
      );
    });
  }

  it('comparePredictions: reads both files, pairs them and measures as compareModels does', async () => {
    const bytes = fs.readFileSync(path.join(REPO, relative));
    const other = 'samples/predictions/calibrated-digits.csv';
    const result = await comparison(
      {
        type: 'comparePredictions',
        a: { bytes, file: 'a.csv' },
        b: { bytes, file: 'b.csv' },
        read: {},
        bins: 15,
        resamples: 10,
      },
      () => {},
    );
    assert.strictEqual(result.matchedBy, 'position');
    assert.deepStrictEqual(result.comparison, compareModels(p.probs, p.probs, p.labels, { resamples: 10 }));
    assert.deepStrictEqual(Array.from(result.b.probs), Array.from(p.probs.data));
    // Files of different models and lengths: one message naming the file.
    await assert.rejects(
      () =>
        comparison(
          {
            type: 'comparePredictions',
            a: { bytes, file: 'a.csv' },
            b: { bytes: fs.readFileSync(path.join(REPO, other)), file: 'b.csv' },
            read: {},
            bins: 15,
            resamples: 10,
          },
          () => {},
        ),
      /^DataFileError: b\.csv: has \d+ rows and a\.csv has 600: rows are matched by position/,
    );
  });

  it('comparePredictions reads Parquet and .npz files too, matched by position', async () => {
    const formats = path.join(REPO, 'test', 'fixtures', 'formats');
    const file = (name: string) => ({ bytes: fs.readFileSync(path.join(formats, name)), file: name });
    const request = { type: 'comparePredictions' as const, read: {}, bins: 15, resamples: 10 };
    const csv = await comparison({ ...request, a: file('preds.csv'), b: file('preds.csv') }, () => {});
    const binary = await comparison({ ...request, a: file('list-zstd.parquet'), b: file('preds.npz') }, () => {});
    assert.strictEqual(binary.matchedBy, 'position');
    assert.deepStrictEqual(binary.comparison, csv.comparison);
    assert.deepStrictEqual(Array.from(binary.b.probs), Array.from(csv.b.probs));
    await assert.rejects(
      () => comparison({ ...request, a: file('preds.npz'), b: file('probs.npy') }, () => {}),
      /probs\.npy: is one \.npy array, without the labels/,
    );
  });
});
