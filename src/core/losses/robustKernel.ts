import * as tf from '../tf';
import { registerJsKernel } from '../kernels/kernelIo';
import { computeSoftmaxLoss, SoftmaxLossAttrs } from '../kernels/softmaxLoss';

/**
 * One kernel for the noise-robust losses GCE and SCE. Both are functions of the cross-entropy
 * c = −log p_y of a row alone, with the gradient w(c)·(softmax − onehot): so the kernel takes c and
 * the unit gradient from the γ-CE kernel at γ = 0 (float64, exact where p_y rounds to 1), and maps
 * them row by row. Computed in float64, stored as float32.
 */
export const ROBUST_LOSS = 'GammaCeRobustLoss';

/** GCE (1 − p_y^q)/q; SCE α·CE + β·RCE with RCE = −A·(1 − p_y). */
export type RobustLossParams =
  { kind: 'gce'; q: number } | { kind: 'sce'; alpha: number; beta: number; logZero: number };

export type RobustLossAttrs = RobustLossParams & {
  reduction: 'mean' | 'sum' | 'none';
  /** Multiplies the gradient: 1/N for the gradient of a mean. */
  gradScale: number;
};

const CROSS_ENTROPY: SoftmaxLossAttrs = { kind: 'gamma-ce', gamma: 0, threshold: 0, reduction: 'none', gradScale: 1 };

/** A row's loss and gradient weight w from its cross-entropy c = −log p_y. */
export function robustRow(params: RobustLossParams, ce: number): { loss: number; weight: number } {
  if (params.kind === 'gce') {
    // p_y^q = e^(−q·c); 1 − p_y^q as −expm1 keeps every digit where p_y is close to 1.
    const x = -params.q * ce;
    return { loss: -Math.expm1(x) / params.q, weight: Math.exp(x) };
  }
  const { alpha, beta, logZero } = params;
  return { loss: alpha * ce - logZero * beta * -Math.expm1(-ce), weight: alpha - logZero * beta * Math.exp(-ce) };
}

/** Runs the kernel: [loss, gradient]. Labels of rank 1 are class indices, of rank 2 one-hot rows. */
export function robustLoss(labels: tf.Tensor, logits: tf.Tensor2D, attrs: RobustLossAttrs): [tf.Tensor, tf.Tensor2D] {
  const outs = tf.engine().runKernel(ROBUST_LOSS, { logits, labels }, { ...attrs }) as tf.Tensor[];
  return [outs[0], outs[1] as tf.Tensor2D];
}

registerJsKernel(ROBUST_LOSS, (inputs, attrs, io) => {
  const { logits, labels } = inputs;
  const [rows, classes] = logits.shape;
  const a = attrs as unknown as RobustLossAttrs;
  const value = io.output(a.reduction === 'none' ? [rows] : []);
  const grad = io.output([rows, classes]);
  const unitGrad = new Float64Array(rows * classes);
  const ce = computeSoftmaxLoss(
    io.view(logits) as Float32Array,
    io.view(labels),
    labels.shape.length === 2,
    rows,
    classes,
    CROSS_ENTROPY,
    unitGrad,
  );
  const out = io.view(grad) as Float32Array;
  const perRow = io.view(value) as Float32Array;
  let sum = 0;
  for (let i = 0; i < rows; i++) {
    const { loss, weight } = robustRow(a, ce[i]);
    if (a.reduction === 'none') perRow[i] = loss;
    sum += loss;
    const scale = weight * a.gradScale;
    for (let k = i * classes; k < (i + 1) * classes; k++) out[k] = unitGrad[k] * scale;
  }
  if (a.reduction !== 'none') perRow[0] = a.reduction === 'mean' ? sum / rows : sum;
  return [value, grad];
});
