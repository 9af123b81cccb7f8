import type * as tf from '../tf';
import { checkSceOptions, DEFAULT_SCE } from './options';
import { robustSoftmaxLoss, RobustLossOptions } from './robustLoss';

export interface SymmetricCrossEntropyOptions extends RobustLossOptions {
  /** Weight of cross-entropy, ≥ 0. Default 0.1. */
  alpha?: number;
  /** Weight of reverse cross-entropy, ≥ 0. Default 1. */
  beta?: number;
  /** The value given to log 0 in the reverse cross-entropy, < 0. Default −4. */
  A?: number;
}

/**
 * Symmetric cross-entropy (Wang et al., ICCV 2019): mean over rows of α·CE + β·RCE, where
 * RCE = −Σ_k p_k·log q_k against the one-hot target q with log 0 := A, that is −A·(1 − p_y).
 * Its gradient with respect to the logits is (α − A·β·p_y)·(softmax − onehot) per row.
 */
export function symmetricCrossEntropy(
  labels: tf.Tensor,
  logits: tf.Tensor,
  options: SymmetricCrossEntropyOptions = {},
): tf.Tensor {
  const { alpha, beta, A } = checkSceOptions({ ...DEFAULT_SCE, ...definedOnly(options) });
  return robustSoftmaxLoss(labels, logits, { kind: 'sce', alpha, beta, logZero: A }, options);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
