import * as tf from './tf';
import type { SoftmaxLossAttrs } from './kernels/softmaxLoss';

/**
 * The γ-CE and TaiLr losses from tfjs ops, for backends without the SOFTMAX_LOSS kernel (webgl):
 * the same values and gradient, w·(softmax − onehot) per row, in float32 arithmetic.
 * Arguments are checked by loss.ts.
 */
export function softmaxLossOps(
  labels: tf.Tensor,
  logits: tf.Tensor,
  attrs: Omit<SoftmaxLossAttrs, 'gradScale'>,
): tf.Tensor {
  const { kind, gamma, threshold, reduction } = attrs;
  const [rows, classes] = logits.shape as [number, number];

  const lossFn = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const z = args[0] as tf.Tensor2D;
    const save = args[1] as tf.GradSaveFunc;
    const onehot = toOneHot(labels, classes);
    const logp = tf.logSoftmax(z);
    // The gradient keeps its float32 form: w = p_y / (γ + (1−γ)p_y) as a difference of logs, finite
    // for any logit. The value is computed apart, to float32 relative precision however small.
    const logpyOfGrad = tf.sum(tf.mul(onehot, logp), 1);
    let weight: tf.Tensor =
      gamma === 0 ? tf.onesLike(logpyOfGrad) : tf.exp(tf.sub(logpyOfGrad, logGammaMixture(logpyOfGrad, gamma)));
    const { logpy, others, oneClass } = labelTerms(z, onehot, labels.rank === 2);
    let perRow: tf.Tensor;
    if (kind === 'tailr') {
      if (threshold > 0) weight = tf.maximum(weight, threshold);
      perRow = tf.neg(tf.mul(weight, logpy));
    } else {
      perRow = gammaCeRows(logpy, others, oneClass, gamma);
    }
    save([logp, onehot, weight]);
    return {
      value: reduce(perRow, reduction),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [savedLogp, savedOnehot, savedWeight] = saved;
        const rowScale =
          reduction === 'none'
            ? tf.mul(savedWeight, dy)
            : tf.mul(savedWeight, reduction === 'mean' ? tf.div(dy, rows) : dy);
        return tf.mul(tf.sub(tf.exp(savedLogp), savedOnehot), tf.expandDims(rowScale, 1));
      },
    };
  });
  return lossFn(logits);
}

/**
 * Per row: log p_y (Σ_k t_k·log p_k for targets that are not one class), 1 − p_y as Σ_{k≠y} p_k,
 * and whether the target is one class. log Σ exp is log1p of the sum over all classes but the
 * largest logit (whose exp is 1), so a tiny loss keeps its digits where p_y rounds to 1.
 */
function labelTerms(
  z: tf.Tensor2D,
  target: tf.Tensor,
  soft: boolean,
): { logpy: tf.Tensor; others: tf.Tensor; oneClass: tf.Tensor } {
  const classes = z.shape[1];
  const shifted = tf.sub(z, tf.max(z, 1, true));
  const exps = tf.exp(shifted);
  const notTop = tf.sub(1, tf.oneHot(tf.argMax(z, 1), classes));
  const logProbs = tf.sub(shifted, log1p(tf.sum(tf.mul(exps, notTop), 1, true)));
  const logpy = tf.sum(tf.mul(target, logProbs), 1);
  const others = tf.div(tf.sum(tf.mul(exps, tf.sub(1, target)), 1), tf.sum(exps, 1));
  let oneClass = tf.equal(tf.sum(target, 1), 1);
  if (soft)
    oneClass = tf.logicalAnd(
      oneClass,
      tf.logicalAnd(tf.equal(tf.max(target, 1), 1), tf.greaterEqual(tf.min(target, 1), 0)),
    );
  return { logpy, others, oneClass };
}

/**
 * The γ-CE loss −log(γ + (1−γ)·p_y)/(1−γ) per row. Where the mixture exceeds 1/2 for a one-class
 * target, from x = (1−γ)·(1 − p_y) as (1 − p_y)·(−log(1−x)/x): accurate however close p_y is to 1
 * and however small 1 − γ (x may underflow, the loss does not). Elsewhere from the logaddexp form,
 * whose result is at least log 2 in size.
 */
function gammaCeRows(logpy: tf.Tensor, others: tf.Tensor, oneClass: tf.Tensor, gamma: number): tf.Tensor {
  if (gamma === 0) return tf.neg(logpy);
  if (gamma === 1) return tf.where(oneClass, others, tf.neg(tf.expm1(logpy)));
  const nearOne = tf.logicalAnd(oneClass, tf.greater(tf.add(tf.mul(tf.exp(logpy), 1 - gamma), gamma), 0.5));
  const nearOneRows = tf.mul(others, log1pOverX(tf.mul(others, gamma - 1)));
  return tf.where(nearOne, nearOneRows, tf.mul(logGammaMixture(logpy, gamma), -1 / (1 - gamma)));
}

/**
 * log(γ + (1−γ)·p) as logaddexp(log γ, log(1−γ) + log p). The logs of γ and 1−γ are taken in
 * float64 before they become float32 scalars, so γ close to 0 or 1 keeps its precision.
 */
function logGammaMixture(logp: tf.Tensor, gamma: number): tf.Tensor {
  if (gamma === 0) return logp;
  if (gamma === 1) return tf.zerosLike(logp);
  const a = Math.log(gamma);
  const b = tf.add(logp, Math.log1p(-gamma));
  const hi = tf.maximum(b, a);
  const gap = tf.neg(tf.abs(tf.sub(b, a)));
  return tf.add(hi, tf.log1p(tf.exp(gap)));
}

/**
 * log(1 + x)/x in float32 on every backend (wasm's Log1p kernel computes log(1 + x), which is 0 for
 * |x| < 6e-8): Goldberg's log(u)/(u − 1) with u = 1 + x rounded, and 1 where u rounds to 1.
 */
function log1pOverX(x: tf.Tensor): tf.Tensor {
  const u = tf.add(x, 1);
  const d = tf.sub(u, 1);
  return tf.where(tf.equal(d, 0), tf.onesLike(x), tf.div(tf.log(u), d));
}

function log1p(x: tf.Tensor): tf.Tensor {
  return tf.mul(x, log1pOverX(x));
}

function reduce(perRow: tf.Tensor, reduction: SoftmaxLossAttrs['reduction']): tf.Tensor {
  if (reduction === 'none') return perRow;
  return reduction === 'sum' ? tf.sum(perRow) : tf.mean(perRow);
}

function toOneHot(labels: tf.Tensor, classes: number): tf.Tensor {
  if (labels.rank === 2) return labels.dtype === 'float32' ? labels : tf.cast(labels, 'float32');
  const indices = labels.dtype === 'int32' ? labels : tf.cast(labels, 'int32');
  return tf.oneHot(indices, classes);
}
