import * as tf from '@tensorflow/tfjs';

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

type LossKind = 'gamma-ce' | 'tailr';

function weightedSoftmaxLoss(
  labels: tf.Tensor,
  logits: tf.Tensor,
  options: GammaCrossEntropyOptions,
  kind: LossKind,
  gamma: number,
  threshold: number,
): tf.Tensor {
  const reduction = checkReduction(options.reduction);
  checkShapes(labels, logits, options.validateLabels ?? true);
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

function reduce(perRow: tf.Tensor, reduction: Reduction): tf.Tensor {
  if (reduction === 'none') return perRow;
  return reduction === 'sum' ? tf.sum(perRow) : tf.mean(perRow);
}

function toOneHot(labels: tf.Tensor, classes: number): tf.Tensor {
  if (labels.rank === 2) return labels.dtype === 'float32' ? labels : tf.cast(labels, 'float32');
  const indices = labels.dtype === 'int32' ? labels : tf.cast(labels, 'int32');
  return tf.oneHot(indices as tf.Tensor1D, classes);
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
