import * as tf from './tf';
import { hasKernel } from './kernels/kernelIo';
import { SOFTMAX_LOSS, softmaxLoss, SoftmaxLossKind } from './kernels/softmaxLoss';
import { softmaxLossOps } from './lossOps';
import { checkReduction, checkShapes } from './losses/checks';
import { withSavedGradient } from './losses/savedGradient';
import { checkTailrSmoothing } from './losses/options';
import { uniformCrossEntropy } from './losses/uniformCrossEntropy';

export type Reduction = 'mean' | 'sum' | 'none';

export interface GammaCrossEntropyOptions {
  /** γ ∈ [0, 1]: 0 is cross-entropy, 1 is 1 − p_y. */
  gamma: number;
  reduction?: Reduction;
  /** Read the labels back to check their range (a synchronous download). Default true. */
  validateLabels?: boolean;
}

export interface TailrLossOptions extends GammaCrossEntropyOptions {
  /** The floor b ∈ [0, 1] of the stop-gradient weight. */
  threshold: number;
  /**
   * ε ∈ [0, 1) of the official TaiLr code's label smoothing: (1 − ε)·TaiLr + (ε/V)·Σ_v −log p_v
   * per row. Default 0 (the paper's objective alone).
   */
  smoothing?: number;
}

/**
 * γ-cross-entropy (Ji et al., ICLR 2023): mean over rows of −log(γ + (1−γ)·p_y) / (1−γ),
 * with p = softmax(logits). Its gradient with respect to the logits is w·(softmax − onehot)
 * per row, w = p_y / (γ + (1−γ)·p_y).
 */
export function gammaCrossEntropy(labels: tf.Tensor, logits: tf.Tensor, options: GammaCrossEntropyOptions): tf.Tensor {
  const gamma = checkUnitInterval(options.gamma, 'gamma');
  return weightedSoftmaxLoss(labels, logits, options, 'gamma-ce', gamma, 0);
}

/**
 * The paper's TaiLr objective: mean of −w·log p_y with w = stop_grad(max(b, p_y/(γ + (1−γ)·p_y))),
 * optionally label-smoothed as in the official code (see TailrLossOptions.smoothing).
 */
export function tailrLoss(labels: tf.Tensor, logits: tf.Tensor, options: TailrLossOptions): tf.Tensor {
  const gamma = checkUnitInterval(options.gamma, 'gamma');
  const threshold = checkUnitInterval(options.threshold, 'threshold');
  const epsilon = checkTailrSmoothing(options.smoothing ?? 0);
  if (epsilon === 0) return weightedSoftmaxLoss(labels, logits, options, 'tailr', gamma, threshold);
  return tf.tidy(() => {
    const loss = weightedSoftmaxLoss(labels, logits, options, 'tailr', gamma, threshold);
    return tf.add(tf.mul(loss, 1 - epsilon), tf.mul(uniformCrossEntropy(logits, options.reduction ?? 'mean'), epsilon));
  });
}

function weightedSoftmaxLoss(
  labels: tf.Tensor,
  logits: tf.Tensor,
  options: GammaCrossEntropyOptions,
  kind: SoftmaxLossKind,
  gamma: number,
  threshold: number,
): tf.Tensor {
  const reduction = checkReduction(options.reduction);
  checkShapes(labels, logits, options.validateLabels ?? true);
  if (!hasKernel(SOFTMAX_LOSS)) return softmaxLossOps(labels, logits, { kind, gamma, threshold, reduction });
  const rows = logits.shape[0];
  const attrs = { kind, gamma, threshold, reduction, gradScale: reduction === 'mean' ? 1 / rows : 1 };
  return withSavedGradient(logits, reduction, (z) => softmaxLoss(labels, z, attrs));
}

function checkUnitInterval(value: unknown, name: string): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new RangeError(`${name} must be a number in [0, 1], got ${String(value)}`);
  }
  if (value < 0 || value > 1) throw new RangeError(`${name} must be in [0, 1], got ${value}`);
  return value;
}
