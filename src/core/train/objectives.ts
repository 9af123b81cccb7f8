import * as tf from '../tf';
import { hasKernel } from '../kernels/kernelIo';
import { SOFTMAX_LOSS, softmaxLoss } from '../kernels/softmaxLoss';
import { gammaCrossEntropy, tailrLoss } from '../loss';
import { generalizedCrossEntropy } from '../losses/generalizedCrossEntropy';
import { DEFAULT_GCE_Q, DEFAULT_SCE } from '../losses/options';
import { ROBUST_LOSS, robustLoss, RobustLossParams } from '../losses/robustKernel';
import { symmetricCrossEntropy } from '../losses/symmetricCrossEntropy';
import { uniformCrossEntropy } from '../losses/uniformCrossEntropy';
import type { BatchLoss } from './backprop';
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
      return (y, z) =>
        tailrLoss(y, z, {
          gamma,
          threshold: spec.threshold ?? 0,
          smoothing: spec.smoothing,
          validateLabels: false,
        }) as tf.Scalar;
    case 'gce':
      return (y, z) => generalizedCrossEntropy(y, z, { q: spec.q, validateLabels: false }) as tf.Scalar;
    case 'sce':
      return (y, z) => symmetricCrossEntropy(y, z, { ...spec.sce, validateLabels: false }) as tf.Scalar;
    case 'label-smoothing':
      return labelSmoothing(spec.smoothing ?? 0.1);
    case 'focal':
      return focal(spec.focalGamma ?? 2);
  }
}

/**
 * The training loss of a run at a given γ, as the batch sum and the gradient of the batch mean with
 * respect to the logits. CE, γ-CE, TaiLr, GCE and SCE take one kernel call; the others go through tf.grad.
 */
export function batchLossFor(spec: RunSpec, gamma: number): BatchLoss {
  const robust = robustParams(spec);
  if (robust && hasKernel(ROBUST_LOSS)) {
    return (y, z) => {
      const [sum, dLogits] = robustLoss(y, z, { ...robust, reduction: 'sum', gradScale: 1 / z.shape[0] });
      return { sum: sum as tf.Scalar, dLogits };
    };
  }
  if (!robust && spec.loss !== 'label-smoothing' && spec.loss !== 'focal' && hasKernel(SOFTMAX_LOSS)) {
    const kind = spec.loss === 'tailr' ? 'tailr' : 'gamma-ce';
    const attrs = {
      kind,
      gamma: spec.loss === 'ce' ? 0 : gamma,
      threshold: spec.loss === 'tailr' ? (spec.threshold ?? 0) : 0,
      reduction: 'sum',
    } as const;
    const epsilon = spec.loss === 'tailr' ? (spec.smoothing ?? 0) : 0;
    return (y, z) => {
      const [sum, dLogits] = softmaxLoss(y, z, { ...attrs, gradScale: 1 / z.shape[0] });
      if (epsilon === 0) return { sum: sum as tf.Scalar, dLogits };
      return smoothed(sum as tf.Scalar, dLogits, z, epsilon);
    };
  }
  const objective = objectiveFor(spec, gamma);
  return (y, z) => {
    const { value, grad } = tf.valueAndGrad((logits: tf.Tensor) => objective(y, logits as tf.Tensor2D))(z);
    return { sum: tf.mul(value, z.shape[0]) as tf.Scalar, dLogits: grad as tf.Tensor2D };
  };
}

function robustParams(spec: RunSpec): RobustLossParams | null {
  if (spec.loss === 'gce') return { kind: 'gce', q: spec.q ?? DEFAULT_GCE_Q };
  if (spec.loss === 'sce') {
    const { alpha, beta, A } = spec.sce ?? DEFAULT_SCE;
    return { kind: 'sce', alpha, beta, logZero: A };
  }
  return null;
}

/** The TaiLr form's (1 − ε)·TaiLr + ε·(uniform cross-entropy), from the kernel's TaiLr sum and gradient. */
function smoothed(
  sum: tf.Scalar,
  dLogits: tf.Tensor2D,
  z: tf.Tensor2D,
  epsilon: number,
): { sum: tf.Scalar; dLogits: tf.Tensor2D } {
  const { value, grad } = tf.valueAndGrad((logits: tf.Tensor) => uniformCrossEntropy(logits, 'mean'))(z);
  return {
    sum: tf.add(tf.mul(sum, 1 - epsilon), tf.mul(value, epsilon * z.shape[0])) as tf.Scalar,
    dLogits: tf.add(tf.mul(dLogits, 1 - epsilon), tf.mul(grad, epsilon)) as tf.Tensor2D,
  };
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
    if (focalGamma === 0) return tf.neg(tf.mean(logpy)) as tf.Scalar;
    // (1 − p)^γ_f as exp(γ_f·log(1 − p)), floored: pow's gradient is 0·∞ where p rounds to 1 and γ_f < 1.
    const modulator = tf.exp(tf.mul(tf.log(tf.maximum(tf.sub(1, tf.exp(logpy)), 1e-12)), focalGamma));
    return tf.neg(tf.mean(tf.mul(modulator, logpy))) as tf.Scalar;
  };
}
