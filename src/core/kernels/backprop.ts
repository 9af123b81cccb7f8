import * as tf from '../tf';
import { registerJsKernel } from './kernelIo';
import { wasmKernels } from './wasmKernels';

/**
 * The elementwise parts of an MLP's backward pass, which hands gradients down transposed ([units,
 * rows]) so each matrix product is a plain a·b. Both kernels also return the bias gradient.
 */
export const OUTPUT_GRAD = 'GammaCeOutputGrad';
export const RELU_GRAD = 'GammaCeReluGrad';

/** From ∂L/∂logits [N, K]: its transpose [K, N] and column sums [K] (the output bias gradient). */
export function outputGrad(dLogits: tf.Tensor2D): [tf.Tensor2D, tf.Tensor1D] {
  return tf.engine().runKernel(OUTPUT_GRAD, { dz: dLogits }) as [tf.Tensor2D, tf.Tensor1D];
}

/**
 * Through a ReLU layer: from ∂L/∂a transposed [H, N] and the layer's output a [N, H], ∂L/∂(pre-
 * activation) transposed, zero where a ≤ 0, and its row sums [H] (the layer's bias gradient).
 */
export function reluGrad(dActivationT: tf.Tensor2D, activation: tf.Tensor2D): [tf.Tensor2D, tf.Tensor1D] {
  return tf.engine().runKernel(RELU_GRAD, { daT: dActivationT, a: activation }) as [tf.Tensor2D, tf.Tensor1D];
}

registerJsKernel(OUTPUT_GRAD, (inputs, _attrs, io) => {
  const [rows, units] = inputs.dz.shape;
  const dzT = io.output([units, rows]);
  const db = io.output([units]);
  const dz = io.view(inputs.dz) as Float32Array;
  const outT = io.view(dzT) as Float32Array;
  const outB = io.view(db) as Float32Array;
  for (let j = 0; j < units; j++) {
    let sum = 0;
    for (let i = 0; i < rows; i++) sum += outT[j * rows + i] = dz[i * units + j];
    outB[j] = sum;
  }
  return [dzT, db];
});

registerJsKernel(RELU_GRAD, (inputs, _attrs, io) => {
  const [units, rows] = inputs.daT.shape;
  const dzT = io.output([units, rows]);
  const db = io.output([units]);
  const daT = io.view(inputs.daT) as Float32Array;
  const a = io.view(inputs.a) as Float32Array;
  const outT = io.view(dzT) as Float32Array;
  const outB = io.view(db) as Float32Array;
  const wasm = io.memory ? wasmKernels(io.memory) : null;
  // WebAssembly takes the units in fours, the JS loop the rest (all of them on the cpu backend).
  const first = wasm ? units & ~3 : 0;
  wasm?.reluGrad(daT.byteOffset, a.byteOffset, outT.byteOffset, outB.byteOffset, first, rows, units);
  reluGradInto(daT, a, outT, outB, units, rows, first);
  return [dzT, db];
});

/**
 * Units `first`… of the ReLU gradient, four at a time: four independent sums (each still over the
 * rows in order, so the same numbers) instead of one chain of dependent additions.
 */
export function reluGradInto(
  daT: Float32Array,
  a: Float32Array,
  outT: Float32Array,
  outB: Float32Array,
  units: number,
  rows: number,
  first = 0,
): void {
  let j = first;
  for (; j + 3 < units; j += 4) {
    const r0 = j * rows;
    const r1 = r0 + rows;
    const r2 = r1 + rows;
    const r3 = r2 + rows;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0, ai = j; i < rows; i++, ai += units) {
      // A multiply, not a branch: the sign of a is a coin toss, and mispredictions tripled the time.
      const g0 = daT[r0 + i] * +(a[ai] > 0);
      const g1 = daT[r1 + i] * +(a[ai + 1] > 0);
      const g2 = daT[r2 + i] * +(a[ai + 2] > 0);
      const g3 = daT[r3 + i] * +(a[ai + 3] > 0);
      outT[r0 + i] = g0;
      outT[r1 + i] = g1;
      outT[r2 + i] = g2;
      outT[r3 + i] = g3;
      s0 += g0;
      s1 += g1;
      s2 += g2;
      s3 += g3;
    }
    outB[j] = s0;
    outB[j + 1] = s1;
    outB[j + 2] = s2;
    outB[j + 3] = s3;
  }
  for (; j < units; j++) {
    const row = j * rows;
    let sum = 0;
    for (let i = 0; i < rows; i++) {
      const g = daT[row + i] * +(a[i * units + j] > 0);
      outT[row + i] = g;
      sum += g;
    }
    outB[j] = sum;
  }
}
