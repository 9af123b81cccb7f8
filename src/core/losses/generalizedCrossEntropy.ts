import type * as tf from '../tf';
import { checkQ, DEFAULT_GCE_Q } from './options';
import { robustSoftmaxLoss, RobustLossOptions } from './robustLoss';

export interface GeneralizedCrossEntropyOptions extends RobustLossOptions {
  /** q ∈ (0, 1]: q → 0 tends to cross-entropy, q = 1 is MAE, 1 − p_y. Default 0.7. */
  q?: number;
}

/**
 * Generalized cross-entropy (Zhang & Sabuncu, NeurIPS 2018): mean over rows of (1 − p_y^q)/q with
 * p = softmax(logits). Its gradient with respect to the logits is p_y^q·(softmax − onehot) per row.
 */
export function generalizedCrossEntropy(
  labels: tf.Tensor,
  logits: tf.Tensor,
  options: GeneralizedCrossEntropyOptions = {},
): tf.Tensor {
  const q = checkQ(options.q ?? DEFAULT_GCE_Q);
  return robustSoftmaxLoss(labels, logits, { kind: 'gce', q }, options);
}
