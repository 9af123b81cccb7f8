import type * as tf from '../tf';
import { hasKernel } from '../kernels/kernelIo';
import type { Reduction } from '../loss';
import { checkReduction, checkShapes } from './checks';
import { ROBUST_LOSS, robustLoss, RobustLossParams } from './robustKernel';
import { robustLossOps } from './robustLossOps';
import { withSavedGradient } from './savedGradient';

export interface RobustLossOptions {
  reduction?: Reduction;
  /** Read the labels back to check their range (a synchronous download). Default true. */
  validateLabels?: boolean;
}

/** GCE or SCE on class indices [N] or one-hot rows [N, K]: the kernel on cpu and wasm, tf ops elsewhere. */
export function robustSoftmaxLoss(
  labels: tf.Tensor,
  logits: tf.Tensor,
  params: RobustLossParams,
  options: RobustLossOptions,
): tf.Tensor {
  const reduction = checkReduction(options.reduction);
  checkShapes(labels, logits, options.validateLabels ?? true);
  if (!hasKernel(ROBUST_LOSS)) return robustLossOps(labels, logits, params, reduction);
  const attrs = { ...params, reduction, gradScale: reduction === 'mean' ? 1 / logits.shape[0] : 1 };
  return withSavedGradient(logits, reduction, (z) => robustLoss(labels, z, attrs));
}
