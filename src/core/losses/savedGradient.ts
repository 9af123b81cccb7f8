import * as tf from '../tf';
import type { Reduction } from '../loss';

/**
 * A loss whose kernel returns its value and its gradient with respect to the logits in one call:
 * the gradient is saved and scaled by the upstream gradient (per row for reduction 'none').
 * Labels stay outside the custom gradient: they get none.
 */
export function withSavedGradient(
  logits: tf.Tensor,
  reduction: Reduction,
  compute: (logits: tf.Tensor2D) => [tf.Tensor, tf.Tensor2D],
): tf.Tensor {
  const lossFn = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const save = args[1] as tf.GradSaveFunc;
    const [value, grad] = compute(args[0] as tf.Tensor2D);
    save([grad]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, [savedGrad]: tf.Tensor[]) =>
        tf.mul(savedGrad, reduction === 'none' ? tf.expandDims(dy, 1) : dy),
    };
  });
  return lossFn(logits);
}
