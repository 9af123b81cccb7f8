import * as tf from '../tf';
import type { Reduction } from '../loss';

/**
 * The label-smoothing term of the official TaiLr code, (1/V)·Σ_v −log p_v per row (the
 * cross-entropy against the uniform distribution, unweighted), with its gradient softmax − 1/V.
 * As log Σ exp(z − max) − mean(z − max): no cancellation between large logits.
 */
export function uniformCrossEntropy(logits: tf.Tensor, reduction: Reduction): tf.Tensor {
  const classes = logits.shape[1]!;
  const lossFn = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const z = args[0] as tf.Tensor2D;
    const save = args[1] as tf.GradSaveFunc;
    const shifted = tf.sub(z, tf.max(z, 1, true));
    const perRow = tf.sub(tf.log(tf.sum(tf.exp(shifted), 1)), tf.mean(shifted, 1));
    save([z]);
    const value = reduction === 'none' ? perRow : reduction === 'sum' ? tf.sum(perRow) : tf.mean(perRow);
    return {
      value,
      gradFunc: (dy: tf.Tensor, [saved]: tf.Tensor[]) => {
        const scale =
          reduction === 'none' ? tf.expandDims(dy, 1) : reduction === 'mean' ? tf.div(dy, saved.shape[0]) : dy;
        return tf.mul(tf.sub(tf.softmax(saved), 1 / classes), scale);
      },
    };
  });
  return lossFn(logits);
}
