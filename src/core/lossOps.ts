import * as tf from '@tensorflow/tfjs';
import type { SoftmaxLossAttrs } from './kernels/softmaxLoss';

/**
 * The γ-CE and TaiLr losses from tfjs ops, for backends without the SOFTMAX_LOSS kernel (webgl):
 * the same values and gradient, w·(softmax − onehot) per row, in float32 arithmetic.
 * Arguments are checked by loss.ts.
 */
export function softmaxLossOps(labels: tf.Tensor, logits: tf.Tensor, attrs: Omit<SoftmaxLossAttrs, 'gradScale'>): tf.Tensor {
  const { kind, gamma, threshold, reduction } = attrs;
  const [rows, classes] = logits.shape as [number, number];

  const lossFn = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const z = args[0] as tf.Tensor2D;
    const save = args[1] as tf.GradSaveFunc;
    const onehot = toOneHot(labels, classes);
    const logp = tf.logSoftmax(z);
    const logpy = tf.sum(tf.mul(onehot, logp), 1);
    const logMix = logGammaMixture(logpy, gamma);
    // w = p_y / (γ + (1−γ)p_y), computed as a difference of logs so it stays finite for any logit.
    let weight: tf.Tensor = gamma === 0 ? tf.onesLike(logpy) : tf.exp(tf.sub(logpy, logMix));
    let perRow: tf.Tensor;
    if (kind === 'tailr') {
      if (threshold > 0) weight = tf.maximum(weight, threshold);
      perRow = tf.neg(tf.mul(weight, logpy));
    } else if (gamma === 1) {
      perRow = tf.sub(1, tf.exp(logpy));
    } else {
      perRow = tf.mul(logMix, -1 / (1 - gamma));
    }
    save([logp, onehot, weight]);
    return {
      value: reduce(perRow, reduction),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [savedLogp, savedOnehot, savedWeight] = saved;
        const rowScale = reduction === 'none'
          ? tf.mul(savedWeight, dy)
          : tf.mul(savedWeight, reduction === 'mean' ? tf.div(dy, rows) : dy);
        return tf.mul(tf.sub(tf.exp(savedLogp), savedOnehot), tf.expandDims(rowScale, 1));
      },
    };
  });
  return lossFn(logits);
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

function reduce(perRow: tf.Tensor, reduction: SoftmaxLossAttrs['reduction']): tf.Tensor {
  if (reduction === 'none') return perRow;
  return reduction === 'sum' ? tf.sum(perRow) : tf.mean(perRow);
}

function toOneHot(labels: tf.Tensor, classes: number): tf.Tensor {
  if (labels.rank === 2) return labels.dtype === 'float32' ? labels : tf.cast(labels, 'float32');
  const indices = labels.dtype === 'int32' ? labels : tf.cast(labels, 'int32');
  return tf.oneHot(indices as tf.Tensor1D, classes);
}
