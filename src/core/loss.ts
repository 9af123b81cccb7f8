import * as tf from './tf';
import { hasKernel } from './kernels/kernelIo';
import { SOFTMAX_LOSS, softmaxLoss, SoftmaxLossKind } from './kernels/softmaxLoss';
import { softmaxLossOps } from './lossOps';

export type Reduction = 'mean' | 'sum' | 'none';

export interface GammaCrossEntropyOptions {
  /** γ ∈ [0, 1]: 0 is cross-entropy, 1 is 1 − p_y. */
  gamma: number;
  reduction?: Reduction;
  /** Read the labels back to check their range (a synchronous download). Default true. */
  validateLabels?: boolean;
}

export interface TailrLossOptions extends GammaCrossEntropyOptions {
  /** The floor b ∈ [0, 1] of the stop-gradient weight. */
  threshold: number;
}

/**
 * γ-cross-entropy (Ji et al., ICLR 2023): mean over rows of −log(γ + (1−γ)·p_y) / (1−γ),
 * with p = softmax(logits). Its gradient with respect to the logits is w·(softmax − onehot)
 * per row, w = p_y / (γ + (1−γ)·p_y).
 */
export function gammaCrossEntropy(
  labels: tf.Tensor,
  logits: tf.Tensor,
  options: GammaCrossEntropyOptions,
): tf.Tensor {
  const gamma = checkUnitInterval(options.gamma, 'gamma');
  return weightedSoftmaxLoss(labels, logits, options, 'gamma-ce', gamma, 0);
}

/**
 * The paper's TaiLr objective: mean of −w·log p_y with w = stop_grad(max(b, p_y/(γ + (1−γ)·p_y))).
 */
export function tailrLoss(labels: tf.Tensor, logits: tf.Tensor, options: TailrLossOptions): tf.Tensor {
  const gamma = checkUnitInterval(options.gamma, 'gamma');
  const threshold = checkUnitInterval(options.threshold, 'threshold');
  return weightedSoftmaxLoss(labels, logits, options, 'tailr', gamma, threshold);
}

function weightedSoftmaxLoss(
  labels: tf.Tensor,
  logits: tf.Tensor,
  options: GammaCrossEntropyOptions,
  kind: SoftmaxLossKind,
  gamma: number,
  threshold: number,
): tf.Tensor {
  const reduction = checkReduction(options.reduction);
  checkShapes(labels, logits, options.validateLabels ?? true);
  if (!hasKernel(SOFTMAX_LOSS)) return softmaxLossOps(labels, logits, { kind, gamma, threshold, reduction });
  const rows = logits.shape[0];
  const attrs = { kind, gamma, threshold, reduction, gradScale: reduction === 'mean' ? 1 / rows : 1 };
  // Labels stay outside the custom gradient: they get none.
  const lossFn = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const save = args[1] as tf.GradSaveFunc;
    const [value, grad] = softmaxLoss(labels, args[0] as tf.Tensor2D, attrs);
    save([grad]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, [savedGrad]: tf.Tensor[]) =>
        tf.mul(savedGrad, reduction === 'none' ? tf.expandDims(dy, 1) : dy),
    };
  });
  return lossFn(logits);
}

function checkUnitInterval(value: unknown, name: string): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new RangeError(`${name} must be a number in [0, 1], got ${String(value)}`);
  }
  if (value < 0 || value > 1) throw new RangeError(`${name} must be in [0, 1], got ${value}`);
  return value;
}

function checkReduction(reduction: Reduction | undefined): Reduction {
  const value = reduction ?? 'mean';
  if (value !== 'mean' && value !== 'sum' && value !== 'none') {
    throw new RangeError(`reduction must be 'mean', 'sum' or 'none', got '${String(value)}'`);
  }
  return value;
}

function checkShapes(labels: tf.Tensor, logits: tf.Tensor, validateLabels: boolean): void {
  if (logits.rank !== 2) {
    throw new RangeError(`logits must be a 2-D tensor [rows, classes], got shape [${logits.shape}]`);
  }
  if (logits.dtype !== 'float32') throw new TypeError(`logits must be float32, got ${logits.dtype}`);
  const [rows, classes] = logits.shape;
  if (rows === 0 || classes === 0) throw new RangeError(`logits has an empty shape [${logits.shape}]`);
  if (labels.rank === 1) {
    if (labels.shape[0] !== rows) {
      throw new RangeError(`labels has ${labels.shape[0]} rows but logits has ${rows}`);
    }
    if (validateLabels) checkClassIndices(labels.dataSync(), classes);
  } else if (labels.rank === 2) {
    if (labels.shape[0] !== rows || labels.shape[1] !== classes) {
      throw new RangeError(`one-hot labels have shape [${labels.shape}] but logits have [${logits.shape}]`);
    }
    if (validateLabels) checkOneHot(labels.dataSync(), classes);
  } else {
    throw new RangeError(
      `labels must be 1-D class indices or a 2-D one-hot tensor, got shape [${labels.shape}]`,
    );
  }
}

function checkClassIndices(values: ArrayLike<number>, classes: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v) || v < 0 || v >= classes) {
      throw new RangeError(`label ${v} at row ${i} is not a class index in [0, ${classes - 1}]`);
    }
  }
}

function checkOneHot(values: ArrayLike<number>, classes: number): void {
  for (let row = 0; row * classes < values.length; row++) {
    let ones = 0;
    for (let k = 0; k < classes; k++) {
      const v = values[row * classes + k];
      if (v === 1) ones++;
      else if (v !== 0) {
        throw new RangeError(`one-hot labels hold ${v} at row ${row}, column ${k}; only 0 and 1 are allowed`);
      }
    }
    if (ones !== 1) throw new RangeError(`one-hot labels at row ${row} have ${ones} ones; exactly one is required`);
  }
}
