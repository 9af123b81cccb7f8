import * as tf from '../tf';
import { batchMatMul } from './batchMatMulKernel';

/**
 * a·b (2-D, or batched over leading axes) whose gradients are plain products of explicitly
 * transposed operands: dA = dy·(bᵀ), dB = (aᵀ)·dy. tfjs's own gradient asks matMul for transposed
 * operands, which the wasm backend runs in a naive loop several times slower than XNNPACK's
 * kernel; a transpose costs far less than the difference.
 */
export const matMul = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [a, b] = args as [tf.Tensor, tf.Tensor];
  const save = args[2] as tf.GradSaveFunc;
  save([a, b]);
  return {
    value: product(a, b),
    gradFunc: (dy: tf.Tensor, [sa, sb]: tf.Tensor[]) => [product(dy, swapLast(sb)), product(swapLast(sa), dy)],
  };
}) as <T extends tf.Tensor>(a: T, b: tf.Tensor) => T;

/** The tensor with its last two axes swapped. */
export function swapLast(t: tf.Tensor): tf.Tensor {
  const perm = t.shape.map((_, i) => i);
  [perm[perm.length - 2], perm[perm.length - 1]] = [perm[perm.length - 1], perm[perm.length - 2]];
  return tf.transpose(t, perm);
}

/** Untransposed a·b: 2-D through tfjs (XNNPACK on wasm), batched through the core's JS kernel. */
function product(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  if (a.rank === 2) return tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D);
  const lead = a.shape.slice(0, -2);
  const batch = lead.reduce((x, y) => x * y, 1);
  const [m, k] = a.shape.slice(-2);
  const n = b.shape[b.rank - 1];
  const out = batchMatMul(tf.reshape(a, [batch, m, k]), tf.reshape(b, [batch, k, n]));
  return tf.reshape(out, [...lead, m, n]);
}
