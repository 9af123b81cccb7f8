import * as tf from '../tf';
import { registerJsKernel } from './kernelIo';

/** A 2-D transpose: the wasm backend's Transpose kernel, written for any rank, took 2–3 ns an element. */
export const TRANSPOSE_2D = 'GammaCeTranspose2d';

export function transpose2d(a: tf.Tensor2D): tf.Tensor2D {
  return tf.engine().runKernel(TRANSPOSE_2D, { a }) as tf.Tensor2D;
}

/** out [cols, rows] = the transpose of a [rows, cols], in tiles that stay in cache. */
export function transposeInto(a: Float32Array, out: Float32Array, rows: number, cols: number): void {
  const TILE = 16;
  for (let r0 = 0; r0 < rows; r0 += TILE) {
    const rEnd = Math.min(r0 + TILE, rows);
    for (let c0 = 0; c0 < cols; c0 += TILE) {
      const cEnd = Math.min(c0 + TILE, cols);
      for (let c = c0; c < cEnd; c++) {
        const o = c * rows;
        for (let r = r0; r < rEnd; r++) out[o + r] = a[r * cols + c];
      }
    }
  }
}

registerJsKernel(TRANSPOSE_2D, (inputs, _attrs, io) => {
  const [rows, cols] = inputs.a.shape;
  const out = io.output([cols, rows]);
  transposeInto(io.view(inputs.a) as Float32Array, io.view(out) as Float32Array, rows, cols);
  return out;
});
