import * as tf from '../tf';
import { registerJsKernel } from './kernelIo';

/**
 * One Adam step for every parameter at once, the update rule of tf.train.adam:
 *   m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²,  p ← p − lr·(m/(1−β1^t)) / (√(v/(1−β2^t)) + ε)
 * with g = gradient + l2·p. Inputs p0…, g0…, m0…, v0…; outputs the new p…, m…, v…, in that order.
 */
export const ADAM = 'GammaCeAdam';

export interface AdamAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** The step number t, from 1. */
  step: number;
  /** Per parameter: its (2-D) gradient comes transposed, [columns, rows]. */
  transposed: boolean[];
  /** Per parameter: the weight-decay coefficient added to its gradient times its value. */
  l2: number[];
}

export function adamStep(
  params: tf.Tensor[],
  grads: tf.Tensor[],
  m: tf.Tensor[],
  v: tf.Tensor[],
  attrs: AdamAttrs,
): tf.Tensor[] {
  const inputs: tf.NamedTensorMap = {};
  params.forEach((p, i) => {
    inputs[`p${i}`] = p;
    inputs[`g${i}`] = grads[i];
    inputs[`m${i}`] = m[i];
    inputs[`v${i}`] = v[i];
  });
  return tf.engine().runKernel(ADAM, inputs, { ...attrs }) as tf.Tensor[];
}

registerJsKernel(ADAM, (inputs, attrs, io) => {
  const a = attrs as unknown as AdamAttrs;
  const count = a.transposed.length;
  const shapes = Array.from({ length: count }, (_, i) => inputs[`p${i}`].shape);
  const outs = [...shapes, ...shapes, ...shapes].map((shape) => io.output(shape));
  const f32 = (info: tf.TensorInfo) => io.view(info) as Float32Array;
  const { beta1, beta2, epsilon } = a;
  const stepSize = a.learningRate / (1 - beta1 ** a.step);
  const c2 = 1 - beta2 ** a.step;
  for (let i = 0; i < count; i++) {
    const p = f32(inputs[`p${i}`]);
    const g = f32(inputs[`g${i}`]);
    const m = f32(inputs[`m${i}`]);
    const v = f32(inputs[`v${i}`]);
    const [pOut, mOut, vOut] = [f32(outs[i]), f32(outs[count + i]), f32(outs[2 * count + i])];
    const transposed = a.transposed[i];
    const [rows, cols] = transposed ? shapes[i] : [1, p.length];
    const l2 = a.l2[i];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const e = r * cols + c;
        const grad = g[transposed ? c * rows + r : e] + l2 * p[e];
        const mNew = beta1 * m[e] + (1 - beta1) * grad;
        const vNew = beta2 * v[e] + (1 - beta2) * grad * grad;
        mOut[e] = mNew;
        vOut[e] = vNew;
        pOut[e] = p[e] - (stepSize * mNew) / (Math.sqrt(vNew / c2) + epsilon);
      }
    }
  }
  return outs;
});
