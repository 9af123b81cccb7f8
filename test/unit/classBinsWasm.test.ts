import * as assert from 'assert';
import { WasmClassRows } from '../../src/core/calibration/wasmClassRows';
import { StreamingCalibration } from '../../src/core/calibration/streamingReport';
import { WidthBinTable } from '../../src/core/calibration/widthBinTable';
import { seededRandom } from '../../src/core/random';

/** Softmax rows of random logits, with rows at bin edges, a one-hot row and one row past the bin table. */
function rows(n: number, k: number, bins: number, seed: number): { probs: Float64Array; labels: Int32Array } {
  const random = seededRandom(seed);
  const probs = new Float64Array(n * k);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) sum += probs[i * k + c] = Math.exp(3 * (random() * 2 - 1));
    for (let c = 0; c < k; c++) probs[i * k + c] /= sum;
    labels[i] = Math.floor(random() * k);
  }
  const set = (i: number, values: number[]) => probs.set(values, (i % n) * k);
  // An edge m/bins, exactly, and its neighbours; a one-hot row; equal probabilities (ties for the top).
  const edge = Math.floor(bins / 2) / bins;
  set(1, [edge, 1 - edge, ...new Array<number>(k - 2).fill(0)]);
  set(2, [1 - edge, edge, ...new Array<number>(k - 2).fill(0)]);
  set(3, [1, ...new Array<number>(k - 1).fill(0)]);
  set(4, new Array<number>(k).fill(1 / k));
  // Beyond the table (p ≥ 1 + 2⁻¹⁶): the JS loop takes the row.
  set(Math.floor(n / 2), [1.5, ...new Array<number>(k - 1).fill(0)]);
  return { probs, labels };
}

function report(probs: Float64Array, labels: Int32Array, k: number, bins: number, wasm: boolean, batch: number) {
  const n = labels.length;
  const stream = new StreamingCalibration({ bins, classes: k, smooth: false, wasm });
  for (let at = 0; at < n; at += batch) {
    const m = Math.min(batch, n - at);
    stream.addProbabilities(probs.subarray(at * k, (at + m) * k), labels.subarray(at, at + m), m);
  }
  return { report: stream.finish(), kept: stream.keptTopLabel() };
}

describe('the streamed report’s per-class loop in WebAssembly', () => {
  it('runs here (Node has WebAssembly with saturating conversions)', () => {
    assert.ok(WasmClassRows.create(new WidthBinTable(15), 10));
  });

  it('gives the JS loop’s report bit for bit: classes, bin counts, batch sizes, edges, ties and rows past the table', () => {
    const cases = [
      [2, 1, 5000, 777],
      [3, 2, 3000, 1000],
      [10, 15, 40_000, 65_536],
      [10, 15, 30_000, 9999],
      [37, 10, 6000, 512],
      [1000, 64, 700, 333],
      [5, 32_768, 2000, 2000],
    ];
    for (const [k, bins, n, batch] of cases) {
      const { probs, labels } = rows(n, k, bins, k * 7 + bins);
      const js = report(probs, labels, k, bins, false, batch);
      const wasm = report(probs, labels, k, bins, true, batch);
      assert.deepStrictEqual(wasm, js, `K = ${k}, ${bins} bins, ${n} rows in batches of ${batch}`);
    }
  });

  it('leaves more bins than the table holds to the JS loop', () => {
    assert.strictEqual(WasmClassRows.create(new WidthBinTable(40_000), 3), null);
  });
});
