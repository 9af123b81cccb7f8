import type * as tf from '../tf';
import type { Reduction } from '../loss';

/** The argument checks every softmax loss of the core shares. */
export function checkReduction(reduction: Reduction | undefined): Reduction {
  const value = reduction ?? 'mean';
  if (value !== 'mean' && value !== 'sum' && value !== 'none') {
    throw new RangeError(`reduction must be 'mean', 'sum' or 'none', got '${String(value)}'`);
  }
  return value;
}

export function checkShapes(labels: tf.Tensor, logits: tf.Tensor, validateLabels: boolean): void {
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
    throw new RangeError(`labels must be 1-D class indices or a 2-D one-hot tensor, got shape [${labels.shape}]`);
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
