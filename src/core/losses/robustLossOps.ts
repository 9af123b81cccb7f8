import * as tf from '../tf';
import type { Reduction } from '../loss';
import { softmaxLossOps } from '../lossOps';
import type { RobustLossParams } from './robustKernel';

/**
 * GCE and SCE from tfjs ops, for backends without the robust-loss kernel (webgl): the rows'
 * cross-entropy c (accurate to float32 relative precision, with its gradient softmax − onehot) mapped
 * to the loss, whose derivative in c is the weight w(c). Arguments are checked by the caller.
 */
export function robustLossOps(
  labels: tf.Tensor,
  logits: tf.Tensor,
  params: RobustLossParams,
  reduction: Reduction,
): tf.Tensor {
  const ce = softmaxLossOps(labels, logits, { kind: 'gamma-ce', gamma: 0, threshold: 0, reduction: 'none' });
  const mapRows = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const c = args[0] as tf.Tensor;
    const save = args[1] as tf.GradSaveFunc;
    const { loss, weight } = rowsOf(params, c);
    save([weight]);
    return { value: loss, gradFunc: (dy: tf.Tensor, [w]: tf.Tensor[]) => tf.mul(dy, w) };
  });
  const perRow = mapRows(ce);
  if (reduction === 'none') return perRow;
  return reduction === 'sum' ? tf.sum(perRow) : tf.mean(perRow);
}

function rowsOf(params: RobustLossParams, ce: tf.Tensor): { loss: tf.Tensor; weight: tf.Tensor } {
  if (params.kind === 'gce') {
    // (1 − e^(−q·c))/q as c·(1 − e^x)/(−x), x = −q·c: no q·c underflow for a tiny c.
    const x = tf.mul(ce, -params.q);
    return { loss: tf.mul(ce, expm1OverX(x)), weight: tf.exp(x) };
  }
  const { alpha, beta, logZero } = params;
  const notLabel = tf.mul(ce, expm1OverX(tf.neg(ce)));
  return {
    loss: tf.add(tf.mul(ce, alpha), tf.mul(notLabel, -logZero * beta)),
    weight: tf.add(tf.mul(tf.exp(tf.neg(ce)), -logZero * beta), alpha),
  };
}

/**
 * (e^x − 1)/x for x ≤ 0 in float32 on every backend (webgl's Expm1 is exp(x) − 1, 0 for tiny x):
 * Kahan's (u − 1)/log u with u = e^x rounded; 1 where u rounds to 1, −1/x where it rounds to 0.
 */
function expm1OverX(x: tf.Tensor): tf.Tensor {
  const u = tf.exp(x);
  const d = tf.sub(u, 1);
  return tf.where(tf.equal(d, 0), tf.onesLike(x), tf.where(tf.equal(d, -1), tf.div(-1, x), tf.div(d, tf.log(u))));
}
