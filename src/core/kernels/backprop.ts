import * as tf from '../tf';
import { registerJsKernel } from './kernelIo';

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
  for (let j = 0; j < units; j++) {
    const row = j * rows;
    let sum = 0;
    for (let i = 0; i < rows; i++) {
      // A multiply, not a branch: the sign of a is a coin toss, and mispredictions tripled the time.
      const g = daT[row + i] * +(a[i * units + j] > 0);
      outT[row + i] = g;
      sum += g;
    }
    outB[j] = sum;
  }
  return [dzT, db];
});
