import * as assert from 'assert';
import { equalWidthBinIndex } from '../../src/core/calibration/bins';
import { tableBin, WidthBinTable } from '../../src/core/calibration/widthBinTable';
import { seededRandom } from '../../src/core/random';

/** The next float64 above (+1) or below (−1) x. */
function step(x: number, direction: 1 | -1): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  if (x === 0) return direction > 0 ? Number.MIN_VALUE : -Number.MIN_VALUE;
  view.setBigUint64(0, direction > 0 === x > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

describe('the equal-width bin table', () => {
  for (const bins of [1, 2, 3, 7, 10, 15, 49, 100, 1000, 32768, 40000]) {
    it(`gives equalWidthBinIndex's bin with ${bins} bins, at every edge, beside it and between`, () => {
      const table = new WidthBinTable(bins);
      const random = seededRandom(bins);
      const points = [0, Number.MIN_VALUE, 1, step(1, -1), 2 ** -16, step(2 ** -16, -1), 0.5, 1 / 3];
      for (let m = 0; m <= Math.min(bins, 5000); m++) {
        const edge = m / bins;
        points.push(edge, step(edge, 1), step(edge, -1));
      }
      for (let i = 0; i < 2000; i++) {
        const cellEdge = Math.floor(random() * 2 ** 16) / 2 ** 16;
        points.push(cellEdge, step(cellEdge, 1), step(cellEdge, -1));
      }
      for (let i = 0; i < 20_000; i++) points.push(random());
      for (const p of points.filter((x) => x >= 0 && x <= 1)) {
        assert.strictEqual(table.index(p), equalWidthBinIndex(p, bins), `p = ${p}`);
        assert.strictEqual(tableBin(table, p), equalWidthBinIndex(p, bins), `tableBin, p = ${p}`);
      }
    });
  }

  it('tableBin gives equalWidthBinIndex past 1 too (probabilities within the sum tolerance)', () => {
    for (const bins of [1, 10, 15, 32768, 40000]) {
      const table = new WidthBinTable(bins);
      for (const p of [1, step(1, 1), 1 + 2 ** -16, step(1 + 2 ** -16, 1), 1.0005, 1.001, 1.5])
        assert.strictEqual(tableBin(table, p), equalWidthBinIndex(p, bins), `${bins} bins, p = ${p}`);
    }
  });

  it('leaves p outside [0, 1] to equalWidthBinIndex', () => {
    const table = new WidthBinTable(10);
    for (const p of [-0.5, 1.5, Number.NaN]) assert.deepStrictEqual(table.index(p), equalWidthBinIndex(p, 10));
  });
});
