import type * as tf from '@tensorflow/tfjs';
import { robustSoftmaxLoss, RobustLossOptions } from './robustLoss';

export const DEFAULT_SCE = { alpha: 0.1, beta: 1, A: -4 } as const;

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
export function symmetricCrossEntropy(labels: tf.Tensor, logits: tf.Tensor, options: SymmetricCrossEntropyOptions = {}): tf.Tensor {
  const { alpha, beta, A } = checkSceOptions({ ...DEFAULT_SCE, ...definedOnly(options) });
  return robustSoftmaxLoss(labels, logits, { kind: 'sce', alpha, beta, logZero: A }, options);
}

/** α and β finite, ≥ 0 and not both 0; A finite and < 0. Messages name the option (with a prefix, e.g. 'sce'). */
export function checkSceOptions(o: { alpha: number; beta: number; A: number }, prefix = ''): { alpha: number; beta: number; A: number } {
  const name = (n: string) => (prefix ? `${prefix}${n[0].toUpperCase()}${n.slice(1)}` : n);
  for (const key of ['alpha', 'beta'] as const) {
    if (typeof o[key] !== 'number' || !(o[key] >= 0 && Number.isFinite(o[key]))) {
      throw new RangeError(`${name(key)} (the ${key === 'alpha' ? 'α' : 'β'} of SCE) must be a finite number ≥ 0, got ${String(o[key])}`);
    }
  }
  if (o.alpha === 0 && o.beta === 0) throw new RangeError(`${name('alpha')} and ${name('beta')} of SCE are both 0: the loss would be 0`);
  if (typeof o.A !== 'number' || !(o.A < 0 && Number.isFinite(o.A))) {
    throw new RangeError(`${name('A')} (the log 0 of SCE's reverse cross-entropy) must be a finite negative number, got ${String(o.A)}`);
  }
  return o;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
