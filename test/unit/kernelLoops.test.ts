import * as assert from 'assert';
import { reluGradInto } from '../../src/core/kernels/backprop';
import { transposeInto } from '../../src/core/kernels/transpose';
import { seededRandom } from '../../src/core/random';

// The unrolled loops of the training kernels against the plain loops they replaced: the same bits.

function randomArray(length: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length }, () => random() * 2 - 1);
}

const SHAPES = [
  [1, 1],
  [3, 5],
  [8, 8],
  [13, 7],
  [128, 256],
  [256, 64],
  [17, 10],
];

describe('training kernel loops', () => {
  it('transposeInto = the element-by-element transpose, every shape', () => {
    for (const [rows, cols] of SHAPES) {
      const a = randomArray(rows * cols, rows * 31 + cols);
      const out = new Float32Array(rows * cols);
      transposeInto(a, out, rows, cols);
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < cols; c++) assert.strictEqual(out[c * rows + r], a[r * cols + c], `${rows}×${cols}`);
    }
  });

  it('reluGradInto = the one-unit-at-a-time loop bit for bit, zeros, NaN and ∞ included', () => {
    for (const [units, rows] of SHAPES) {
      const daT = randomArray(units * rows, units + rows);
      const a = randomArray(rows * units, units * rows + 1);
      a[0] = 0;
      if (daT.length > 3) {
        daT[1] = NaN;
        daT[2] = Infinity;
      }
      const outT = new Float32Array(units * rows);
      const outB = new Float32Array(units);
      reluGradInto(daT, a, outT, outB, units, rows);
      for (let j = 0; j < units; j++) {
        let sum = 0;
        for (let i = 0; i < rows; i++) {
          const g = daT[j * rows + i] * +(a[i * units + j] > 0);
          assert.ok(Object.is(outT[j * rows + i], Math.fround(g)), `${units}×${rows} at ${j}, ${i}`);
          sum += g;
        }
        assert.ok(Object.is(outB[j], Math.fround(sum)), `${units}×${rows} sum ${j}`);
      }
    }
  });
});
