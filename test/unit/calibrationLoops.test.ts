import * as assert from 'assert';
import { assignBins, equalWidthBinIndex, predictedClasses } from '../../src/core/calibration/bins';
import { classEces } from '../../src/core/calibration/ece';
import { NLL_FLOOR, properScores } from '../../src/core/calibration/scores';
import { seededRandom } from '../../src/core/random';

/** The definitions, written out plainly: the fast loops must give these numbers bit for bit. */
function referenceClassEces(
  data: ArrayLike<number>,
  rows: number,
  cols: number,
  labels: ArrayLike<number>,
  bins: number,
) {
  const count = new Float64Array(cols * bins);
  const hits = new Float64Array(cols * bins);
  const confSum = new Float64Array(cols * bins);
  for (let i = 0; i < rows; i++)
    for (let c = 0; c < cols; c++) {
      const p = data[i * cols + c];
      const cell = c * bins + equalWidthBinIndex(p, bins);
      count[cell]++;
      confSum[cell] += p;
      if (labels[i] === c) hits[cell]++;
    }
  return Array.from({ length: cols }, (_, c) => {
    let ece = 0;
    for (let m = 0; m < bins; m++) {
      const cell = c * bins + m;
      if (count[cell] > 0)
        ece += (count[cell] / rows) * Math.abs(hits[cell] / count[cell] - confSum[cell] / count[cell]);
    }
    return ece;
  });
}

function referenceScores(data: ArrayLike<number>, rows: number, cols: number, labels: ArrayLike<number>) {
  let brier = 0;
  let nll = 0;
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < cols; c++) {
      const d = data[i * cols + c] - (c === labels[i] ? 1 : 0);
      brier += d * d;
    }
    nll += -Math.log(Math.max(data[i * cols + labels[i]], NLL_FLOOR));
  }
  return { brier: brier / rows, nll: nll / rows };
}

describe('the calibration loops over every probability', () => {
  const cases = [
    { name: 'softmax rows', odd: false },
    { name: 'edges, ties, p slightly past 1, −0', odd: true },
  ];
  for (const { name, odd } of cases)
    for (const [cols, bins] of [
      [2, 10],
      [3, 15],
      [10, 7],
      [7, 40000],
    ])
      it(`classEces, properScores, predictedClasses and assignBins: ${name}, ${cols} classes, ${bins} bins`, () => {
        const random = seededRandom(cols * 1000 + bins + (odd ? 1 : 0));
        const rows = 3000;
        const data = new Float64Array(rows * cols);
        const labels = new Int32Array(rows);
        for (let i = 0; i < rows; i++) {
          let total = 0;
          for (let c = 0; c < cols; c++) total += data[i * cols + c] = Math.exp(3 * random());
          for (let c = 0; c < cols; c++) data[i * cols + c] /= total;
          if (odd && i % 5 === 0) data[i * cols + (i % cols)] = Math.floor(random() * bins) / bins; // on an edge
          if (odd && i % 7 === 0) data[i * cols] = data[i * cols + cols - 1]; // a tie
          if (odd && i % 11 === 0) data[i * cols + 1] = 1 + 1e-4 * random();
          if (odd && i % 13 === 0) data[i * cols] = -0;
          labels[i] = Math.floor(random() * cols);
        }
        assert.deepStrictEqual(
          Array.from(classEces({ data, rows, cols }, labels, bins)),
          referenceClassEces(data, rows, cols, labels, bins),
        );
        assert.deepStrictEqual(properScores({ data, rows, cols }, labels), referenceScores(data, rows, cols, labels));
        const predicted = predictedClasses({ data, rows, cols });
        for (let i = 0; i < rows; i++) {
          let best = 0;
          for (let c = 1; c < cols; c++) if (data[i * cols + c] > data[i * cols + best]) best = c;
          assert.strictEqual(predicted[i], best);
        }
        const confidence = data.subarray(0, rows);
        assert.deepStrictEqual(
          Array.from(assignBins(confidence, bins)),
          Array.from(confidence, (c) => equalWidthBinIndex(c, bins)),
        );
      });

  it('classEces and properScores treat a label that is no class, and NaN, as the definitions do', () => {
    const data = Float64Array.from([0.2, 0.8, NaN, 0.5, 0.5, 0.5, 0.3, 0.7, 0.4, 0.6]);
    const rows = 5;
    const cols = 2;
    for (const labels of [
      [0, 1, -1, 1.5, 2],
      [1, 1, 0, 0, 1],
    ]) {
      assert.deepStrictEqual(
        Array.from(classEces({ data, rows, cols }, labels, 10)),
        referenceClassEces(data, rows, cols, labels, 10),
      );
      assert.deepStrictEqual(properScores({ data, rows, cols }, labels), referenceScores(data, rows, cols, labels));
    }
  });
});
