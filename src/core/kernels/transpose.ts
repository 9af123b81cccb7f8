import * as tf from '../tf';
import { registerJsKernel } from './kernelIo';
import type { TransposeWasm } from './transposeWasm';
import { wasmKernels } from './wasmKernels';

/** A 2-D transpose: the wasm backend's Transpose kernel, written for any rank, took 2–3 ns an element. */
export const TRANSPOSE_2D = 'GammaCeTranspose2d';

export function transpose2d(a: tf.Tensor2D): tf.Tensor2D {
  return tf.engine().runKernel(TRANSPOSE_2D, { a }) as tf.Tensor2D;
}

/** Below this many rows or columns the JS loop is the faster (the WebAssembly one leaves up to three of each to it). */
const WASM_FROM = 16;

/**
 * out [cols, rows] = the transpose of a [rows, cols]. With `wasm` (a and out then in its memory),
 * the 4×4 blocks in WebAssembly and the edges here; otherwise all here, eight rows at a time: eight
 * read streams, and eight adjacent floats written per column (twice the speed of 16×16 tiles for
 * the shapes of training, 0.7 against 1.6 ns an element).
 */
export function transposeInto(
  a: Float32Array,
  out: Float32Array,
  rows: number,
  cols: number,
  wasm?: TransposeWasm | null,
): void {
  if (wasm && rows >= WASM_FROM && cols >= WASM_FROM) {
    const rows4 = rows & ~3;
    const cols4 = cols & ~3;
    wasm(a.byteOffset, out.byteOffset, rows, cols, rows4, cols4);
    for (let r = 0; r < rows; r++)
      for (let c = r < rows4 ? cols4 : 0; c < cols; c++) out[c * rows + r] = a[r * cols + c];
    return;
  }
  let r = 0;
  for (; r + 7 < rows; r += 8) {
    const a0 = r * cols;
    const a1 = a0 + cols;
    const a2 = a1 + cols;
    const a3 = a2 + cols;
    const a4 = a3 + cols;
    const a5 = a4 + cols;
    const a6 = a5 + cols;
    const a7 = a6 + cols;
    for (let c = 0, o = r; c < cols; c++, o += rows) {
      out[o] = a[a0 + c];
      out[o + 1] = a[a1 + c];
      out[o + 2] = a[a2 + c];
      out[o + 3] = a[a3 + c];
      out[o + 4] = a[a4 + c];
      out[o + 5] = a[a5 + c];
      out[o + 6] = a[a6 + c];
      out[o + 7] = a[a7 + c];
    }
  }
  for (; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = a[r * cols + c];
}

registerJsKernel(TRANSPOSE_2D, (inputs, _attrs, io) => {
  const [rows, cols] = inputs.a.shape;
  const out = io.output([cols, rows]);
  const wasm = io.memory ? wasmKernels(io.memory)?.transpose : null;
  transposeInto(io.view(inputs.a) as Float32Array, io.view(out) as Float32Array, rows, cols, wasm);
  return out;
});
