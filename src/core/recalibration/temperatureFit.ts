import type { ProbabilityMatrix } from '../calibration';
import { DataFileError } from '../data/dataFileError';
import { fitTemperature, TEMPERATURE_RANGE, temperedNll } from './temperature';

export interface TemperatureFit {
  /** The fitted T, or 1 when the fit has no interior optimum (see `atBound`). */
  temperature: number;
  /**
   * The NLL has no minimum inside [0.01, 100]: it falls all the way to an end of the range (on
   * separable data it strictly increases in T, so the "optimum" is T → 0). T is then kept at 1.
   */
  atBound: boolean;
  /** Why T was kept at 1, worded for the user; absent when the fit is used. */
  warning?: string;
  nllBefore: number;
  nllAfter: number;
}

/**
 * Logits from probabilities: log p. softmax(log p / T) = softmax(z / T) for any logits z with
 * p = softmax(z), so the fit is the same; a probability 0 becomes −∞ (0 at every T).
 */
export function logProbabilities(matrix: ProbabilityMatrix): Float64Array {
  const out = new Float64Array(matrix.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.log(matrix.data[i]);
  return out;
}

/**
 * Temperature scaling fitted on all given rows, with the checks that make it meaningful: at
 * least two classes among the labels, and a non-zero probability (finite logit) for each true class.
 * `rows` selects the rows to fit on (all by default); `file` names the file in messages.
 */
export function fitTemperatureScaling(
  logits: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
  file: string,
  rows?: ArrayLike<number>,
): TemperatureFit {
  const picked = rows ?? Int32Array.from({ length: labels.length }, (_, i) => i);
  if (classes < 2) throw new DataFileError(file, 'temperature scaling needs at least two classes');
  const z = new Float64Array(picked.length * classes);
  const y = new Int32Array(picked.length);
  for (let j = 0; j < picked.length; j++) {
    const i = picked[j];
    y[j] = labels[i];
    for (let k = 0; k < classes; k++) z[j * classes + k] = logits[i * classes + k];
    if (z[j * classes + y[j]] === -Infinity) {
      throw new DataFileError(
        file,
        'the true class has probability 0, so the NLL is infinite at every temperature; temperature scaling needs logits or unrounded probabilities',
        { row: i + 1 },
      );
    }
  }
  const first = y[0];
  if (y.every((label) => label === first)) {
    throw new DataFileError(
      file,
      `every one of the ${y.length} rows has the same label (class ${first}): a temperature fit needs at least two classes among the labels`,
    );
  }
  const fitted = fitTemperature(z, y, classes);
  const [low, high] = TEMPERATURE_RANGE;
  const atBound = fitted < low * (1 + 1e-6) || fitted > high * (1 - 1e-6);
  const nllBefore = temperedNll(z, y, classes, 1);
  if (!atBound) return { temperature: fitted, atBound, nllBefore, nllAfter: temperedNll(z, y, classes, fitted) };
  const towards =
    fitted < 1 ? `T → ${low} (the classes are separated: every sharpening lowers the NLL)` : `T → ${high}`;
  return {
    temperature: 1,
    atBound,
    warning: `${file}: the NLL has no minimum inside [${low}, ${high}], it keeps falling towards ${towards}; T is kept at 1 (no scaling)`,
    nllBefore,
    nllAfter: nllBefore,
  };
}
