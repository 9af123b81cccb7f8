import * as tf from '../tf';
import { KernelArray, registerJsKernel } from './kernelIo';

/**
 * One kernel for the softmax losses of loss.ts: from logits [N, K] and labels (class indices [N] or
 * targets [N, K]) it returns the loss (reduced or per row) and the gradient with respect to the
 * logits, w·(softmax − target)·gradScale per row. Computed in float64, stored as float32.
 */
export const SOFTMAX_LOSS = 'GammaCeSoftmaxLoss';

export type SoftmaxLossKind = 'gamma-ce' | 'tailr';

export interface SoftmaxLossAttrs {
  kind: SoftmaxLossKind;
  gamma: number;
  /** TaiLr's floor b of the weight; unused by γ-CE. */
  threshold: number;
  /** 'none' returns the [N] per-row losses. */
  reduction: 'mean' | 'sum' | 'none';
  /** Multiplies the gradient: 1/N for the gradient of a mean. */
  gradScale: number;
}

/** Runs the kernel: [loss, gradient]. Labels of rank 1 are class indices, of rank 2 targets. */
export function softmaxLoss(labels: tf.Tensor, logits: tf.Tensor2D, attrs: SoftmaxLossAttrs): [tf.Tensor, tf.Tensor2D] {
  const outs = tf.engine().runKernel(SOFTMAX_LOSS, { logits, labels }, { ...attrs }) as tf.Tensor[];
  return [outs[0], outs[1] as tf.Tensor2D];
}

registerJsKernel(SOFTMAX_LOSS, (inputs, attrs, io) => {
  const { logits, labels } = inputs;
  const [rows, classes] = logits.shape;
  const a = attrs as unknown as SoftmaxLossAttrs;
  const value = io.output(a.reduction === 'none' ? [rows] : []);
  const grad = io.output([rows, classes]);
  const perRow = computeSoftmaxLoss(
    io.view(logits) as Float32Array,
    io.view(labels),
    labels.shape.length === 2,
    rows,
    classes,
    a,
    io.view(grad) as Float32Array,
  );
  const out = io.view(value) as Float32Array;
  if (a.reduction === 'none') out.set(perRow);
  else {
    let sum = 0;
    for (let i = 0; i < rows; i++) sum += perRow[i];
    out[0] = a.reduction === 'mean' ? sum / rows : sum;
  }
  return [value, grad];
});

/**
 * Per-row losses (returned, float64) and the scaled gradient (written to `grad`). The γ-CE loss is
 * −log(γ + (1−γ)·p_y)/(1−γ); γ = 0 is exactly cross-entropy and γ = 1 exactly 1 − p_y. TaiLr is
 * −max(b, w)·log p_y. Both have the gradient w·(p − target), w = p_y/(γ + (1−γ)·p_y) (floored at b
 * for TaiLr). For finite logits the float64 arithmetic neither overflows nor divides by zero.
 */
export function computeSoftmaxLoss(
  logits: Float32Array,
  labels: KernelArray,
  targets: boolean,
  rows: number,
  classes: number,
  attrs: SoftmaxLossAttrs,
  grad: Float32Array | Float64Array,
): Float64Array {
  const { kind, gamma, threshold, gradScale } = attrs;
  const logGamma = Math.log(gamma);
  const log1mGamma = Math.log1p(-gamma);
  const exps = new Float64Array(classes);
  const perRow = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const row = i * classes;
    const label = targets ? oneHotIndex(labels, row, classes) : classIndex(labels[i], classes);
    let top = 0;
    for (let k = 1; k < classes; k++) if (logits[row + k] > logits[row + top]) top = k;
    const max = logits[row + top];
    let sumExp = 0;
    // Σ exp over all classes but the largest (whose exp is 1): log Σ exp = log1p(rest) keeps every
    // digit of a tiny rest, so log p_top = −log1p(rest) is accurate even where p_top rounds to 1.
    let rest = 0;
    for (let k = 0; k < classes; k++) {
      sumExp += exps[k] = Math.exp(logits[row + k] - max);
      if (k !== top) rest += exps[k];
    }
    const logSum = Math.log1p(rest);
    // log p_y; for targets that are not one-hot, Σ_k t_k·log p_k; no target at all (a class index
    // outside [0, K), as tf.oneHot leaves it) gives 0.
    let logpy = 0;
    // 1 − p_y as Σ_{k≠y} p_k: exact where p_y rounds to 1.
    let others = 0;
    if (label >= 0) {
      logpy = logits[row + label] - max - logSum;
      for (let k = 0; k < classes; k++) if (k !== label) others += exps[k];
      others /= sumExp;
    } else if (targets) {
      for (let k = 0; k < classes; k++) {
        const t = labels[row + k];
        if (t !== 0) logpy += t * (logits[row + k] - max - logSum);
      }
    }
    // log(γ + (1−γ)·p_y) and w. With a class, from p_y and 1 − p_y, both accurate to the last
    // digit, so one log suffices; otherwise as logaddexp(log γ, log(1−γ) + log p_y).
    let logMix: number;
    let weight: number;
    if (gamma === 0) {
      logMix = logpy;
      weight = 1;
    } else if (label >= 0) {
      const py = exps[label] / sumExp;
      const mix = gamma + (1 - gamma) * py;
      logMix = mix <= 0.5 ? Math.log(mix) : Math.log1p(-(1 - gamma) * others);
      weight = py / mix;
    } else {
      const b = logpy + log1mGamma;
      logMix = gamma === 1 ? 0 : Math.max(logGamma, b) + Math.log1p(Math.exp(-Math.abs(b - logGamma)));
      weight = Math.exp(logpy - logMix);
    }
    if (kind === 'tailr') {
      weight = Math.max(weight, threshold);
      perRow[i] = -weight * logpy;
    } else {
      perRow[i] = gamma !== 1 ? -logMix / (1 - gamma) : label >= 0 ? others : -Math.expm1(logpy);
    }
    const scale = weight * gradScale;
    const probScale = scale / sumExp;
    for (let k = 0; k < classes; k++) grad[row + k] = probScale * exps[k];
    if (label >= 0) grad[row + label] = -scale * others;
    else if (targets) for (let k = 0; k < classes; k++) grad[row + k] -= scale * labels[row + k];
  }
  return perRow;
}

function classIndex(value: number, classes: number): number {
  const index = Math.trunc(value);
  return index >= 0 && index < classes ? index : -1;
}

/** The class of a one-hot row; −1 for any other row of targets. */
function oneHotIndex(labels: KernelArray, row: number, classes: number): number {
  let index = -1;
  for (let k = 0; k < classes; k++) {
    const t = labels[row + k];
    if (t === 0) continue;
    if (t !== 1 || index >= 0) return -1;
    index = k;
  }
  return index;
}
