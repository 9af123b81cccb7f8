import * as tf from '@tensorflow/tfjs';
import { gammaCrossEntropy, tailrLoss } from '../loss';
import type { RunSpec } from './types';

export type Objective = (onehot: tf.Tensor2D, logits: tf.Tensor2D) => tf.Scalar;

/**
 * The training loss of a run at a given γ. Labels come one-hot and already checked, so the losses
 * skip their label validation (a synchronous download per batch).
 */
export function objectiveFor(spec: RunSpec, gamma: number): Objective {
  switch (spec.loss) {
    case 'ce':
      return (y, z) => gammaCrossEntropy(y, z, { gamma: 0, validateLabels: false }) as tf.Scalar;
    case 'gamma-ce':
      return (y, z) => gammaCrossEntropy(y, z, { gamma, validateLabels: false }) as tf.Scalar;
    case 'tailr':
      return (y, z) => tailrLoss(y, z, { gamma, threshold: spec.threshold ?? 0, validateLabels: false }) as tf.Scalar;
    case 'label-smoothing':
      return labelSmoothing(spec.smoothing ?? 0.1);
    case 'focal':
      return focal(spec.focalGamma ?? 2);
  }
}

/** Cross-entropy against (1−ε)·onehot + ε/K. */
function labelSmoothing(epsilon: number): Objective {
  return (y, z) => {
    const classes = z.shape[1];
    const target = tf.add(tf.mul(y, 1 - epsilon), epsilon / classes);
    return tf.neg(tf.mean(tf.sum(tf.mul(target, tf.logSoftmax(z)), 1))) as tf.Scalar;
  };
}

/** Focal loss (Lin et al. 2017): −(1 − p_y)^γ_f · log p_y. */
function focal(focalGamma: number): Objective {
  return (y, z) => {
    const logpy = tf.sum(tf.mul(y, tf.logSoftmax(z)), 1);
    const modulator = tf.pow(tf.sub(1, tf.exp(logpy)), focalGamma);
    return tf.neg(tf.mean(tf.mul(modulator, logpy))) as tf.Scalar;
  };
}
