import * as assert from 'assert';
import { reluGradInto } from '../../src/core/kernels/backprop';
import { transposeInto } from '../../src/core/kernels/transpose';
import { wasmKernels } from '../../src/core/kernels/wasmKernels';
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

  it('transposeInto with the WebAssembly SIMD blocks = the element-by-element transpose, every shape, unaligned starts included', () => {
    const memory = new WebAssembly.Memory({ initial: 16 });
    const wasm = wasmKernels(memory)!.transpose;
    const shapes = [...SHAPES, [16, 16], [19, 33], [64, 128], [130, 67], [256, 10], [10, 256], [4, 400]];
    for (const [rows, cols] of shapes) {
      for (const skew of [0, 1, 3]) {
        const a = new Float32Array(memory.buffer, 4 * skew, rows * cols);
        a.set(randomArray(rows * cols, rows * 17 + cols));
        a[0] = NaN;
        a[a.length - 1] = -0;
        const out = new Float32Array(memory.buffer, 4 * (rows * cols + 8 + skew), rows * cols).fill(7);
        transposeInto(a, out, rows, cols, wasm);
        for (let r = 0; r < rows; r++)
          for (let c = 0; c < cols; c++)
            assert.ok(Object.is(out[c * rows + r], a[r * cols + c]), `${rows}×${cols}, skew ${skew}, at ${r}, ${c}`);
      }
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

  it('the WebAssembly SIMD Adam update = the JS loop bit for bit over 30 steps, unaligned starts included', () => {
    const memory = new WebAssembly.Memory({ initial: 4 });
    const run = wasmKernels(memory)?.adam;
    assert.ok(run, 'this Node has WebAssembly SIMD');
    const n = 1000;
    const heap = new Float32Array(memory.buffer);
    // Five arrays at odd float offsets: the function loads and stores unaligned.
    const [p, g, m, v, out] = [1, 2, 3, 5, 7].map((k) => heap.subarray(k * 2048 + k, k * 2048 + k + n));
    p.set(randomArray(n, 1));
    g.set(randomArray(n, 2).map((x, i) => x * 10 ** ((i % 9) - 4)));
    const [P, G, M, V, O] = [p, g, m, v, out].map((x) => Float32Array.from(x));
    const [b1, b2, eps] = [0.9, 0.999, 1e-7];
    for (let step = 1; step <= 30; step++) {
      const l2 = step % 2 ? 0.01 : 0;
      const stepSize = 1e-3 / (1 - b1 ** step);
      const c2 = 1 - b2 ** step;
      for (let e = 0; e < n; e++) {
        const pe = P[e];
        const grad = G[e] + l2 * pe;
        const mNew = b1 * M[e] + (1 - b1) * grad;
        const vNew = b2 * V[e] + (1 - b2) * grad * grad;
        M[e] = mNew;
        V[e] = vNew;
        O[e] = pe - (stepSize * mNew) / (Math.sqrt(vNew / c2) + eps);
      }
      run!(
        p.byteOffset,
        g.byteOffset,
        m.byteOffset,
        v.byteOffset,
        out.byteOffset,
        n * 4,
        b1,
        1 - b1,
        b2,
        1 - b2,
        l2,
        stepSize,
        c2,
        eps,
      );
      for (const [ours, reference] of [
        [out, O],
        [m, M],
        [v, V],
      ])
        assert.deepStrictEqual(Array.from(ours), Array.from(reference), `step ${step}`);
      P.set(O);
      p.set(out);
    }
  });

  it('the WebAssembly ReLU gradient = the JS loop bit for bit, four units at a time and the rest in JS', () => {
    const memory = new WebAssembly.Memory({ initial: 16 });
    const kernels = wasmKernels(memory)!;
    for (const [units, rows] of [...SHAPES, [7, 129]]) {
      const heap = new Float32Array(memory.buffer);
      const n = units * rows;
      const [daT, a, outT] = [0, 1, 2].map((k) => heap.subarray(k * 40000 + 1, k * 40000 + 1 + n));
      const outB = heap.subarray(3 * 40000 + 3, 3 * 40000 + 3 + units);
      daT.set(randomArray(n, units + rows));
      a.set(randomArray(n, units * rows + 1));
      a[0] = 0;
      if (n > 3) {
        daT[1] = NaN;
        daT[2] = -Infinity;
      }
      const first = units & ~3;
      kernels.reluGrad(daT.byteOffset, a.byteOffset, outT.byteOffset, outB.byteOffset, first, rows, units);
      reluGradInto(daT, a, outT, outB, units, rows, first);
      const [refT, refB] = [new Float32Array(n), new Float32Array(units)];
      reluGradInto(daT, a, refT, refB, units, rows);
      for (let e = 0; e < n; e++) assert.ok(Object.is(outT[e], refT[e]), `${units}×${rows} at ${e}`);
      for (let j = 0; j < units; j++) assert.ok(Object.is(outB[j], refB[j]), `${units}×${rows} sum ${j}`);
    }
  });
});
