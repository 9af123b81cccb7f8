import { predictedClasses, ProbabilityMatrix } from '../calibration';
import { applyHistogram, HistogramMap } from './histogram';
import { applyIsotonic, IsotonicMap } from './isotonic';
import { softmaxWithTemperature } from './temperature';

export type RecalibrationMethod = 'temperature' | 'histogram' | 'isotonic';
export const RECALIBRATION_METHODS: readonly RecalibrationMethod[] = ['temperature', 'histogram', 'isotonic'];

export const CALIBRATOR_FORMAT = 'gamma-ce-calibrator';

interface CalibratorBase {
  format: typeof CALIBRATOR_FORMAT;
  version: 1;
  classes: number;
}

/** softmax(z / T) of the logits z (log-probabilities serve as logits). */
export interface TemperatureCalibrator extends CalibratorBase {
  method: 'temperature';
  temperature: number;
}

/** The top-label confidence c = max p goes to values[bin(c)], Guo's equal-width bins. */
export interface HistogramCalibrator extends CalibratorBase, HistogramMap {
  method: 'histogram';
}

/** The top-label confidence c goes to numpy.interp(c, x, y). */
export interface IsotonicCalibrator extends CalibratorBase, IsotonicMap {
  method: 'isotonic';
}

export type Calibrator = TemperatureCalibrator | HistogramCalibrator | IsotonicCalibrator;

/** Recalibrated probabilities, with the class each row predicts (unchanged by any method). */
export interface Recalibrated {
  probs: ProbabilityMatrix;
  predicted: Int32Array;
}

/**
 * Applies a calibrator to probability rows (`logits`: their log-probabilities or the raw logits, for
 * temperature scaling). Top-label methods replace the predicted class's probability c by c′ and
 * scale the other classes by (1 − c′)/(1 − c) so that the row still sums to 1 (an equal share of
 * 1 − c′ each when they were all 0); the predicted class stays the same, so accuracy does not move.
 */
export function applyCalibrator(
  calibrator: Calibrator,
  probs: ProbabilityMatrix,
  logits: ArrayLike<number>,
): Recalibrated {
  const { rows, cols } = probs;
  if (calibrator.classes !== cols) {
    throw new RangeError(`the calibrator was fitted on ${calibrator.classes} classes, the predictions have ${cols}`);
  }
  const predicted = predictedClasses(probs);
  if (calibrator.method === 'temperature') {
    return {
      probs: { data: softmaxWithTemperature(logits, rows, cols, calibrator.temperature), rows, cols },
      predicted,
    };
  }
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    const top = predicted[i];
    const c = probs.data[row + top];
    const mapped = calibrator.method === 'histogram' ? applyHistogram(calibrator, c) : applyIsotonic(calibrator, c);
    let rest = 0;
    for (let k = 0; k < cols; k++) if (k !== top) rest += probs.data[row + k];
    for (let k = 0; k < cols; k++) {
      if (k === top) data[row + k] = mapped;
      else data[row + k] = rest > 0 ? (probs.data[row + k] * (1 - mapped)) / rest : (1 - mapped) / (cols - 1);
    }
  }
  return { probs: { data, rows, cols }, predicted };
}

/** The calibrator as its JSON file. */
export function calibratorJson(calibrator: Calibrator): string {
  return `${JSON.stringify(calibrator, null, 2)}\n`;
}

/** Reads a calibrator back from its JSON, or says what is wrong with it. */
export function parseCalibrator(text: string): Calibrator {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RangeError(`not JSON: ${(error as Error).message}`, { cause: error });
  }
  const c = value as Partial<Calibrator> & Record<string, unknown>;
  if (typeof c !== 'object' || c === null || c.format !== CALIBRATOR_FORMAT || c.version !== 1) {
    throw new RangeError(`not a ${CALIBRATOR_FORMAT} version 1 file`);
  }
  if (!Number.isInteger(c.classes) || (c.classes as number) < 2) throw new RangeError('classes must be an integer ≥ 2');
  const numbers = (v: unknown): v is number[] => Array.isArray(v) && v.length > 0 && v.every((x) => Number.isFinite(x));
  switch (c.method) {
    case 'temperature':
      if (!(typeof c.temperature === 'number' && c.temperature > 0 && Number.isFinite(c.temperature))) {
        throw new RangeError('temperature must be a positive number');
      }
      break;
    case 'histogram':
      if (!numbers(c.values) || c.values.length !== c.bins)
        throw new RangeError('a histogram calibrator needs one value per bin');
      break;
    case 'isotonic':
      if (!numbers(c.x) || !numbers(c.y) || c.x.length !== c.y.length)
        throw new RangeError('an isotonic calibrator needs x and y of one length');
      for (let i = 1; i < c.x.length; i++) {
        if (!(c.x[i] > c.x[i - 1]) || c.y[i] < c.y[i - 1])
          throw new RangeError('isotonic x must increase and y must not decrease');
      }
      break;
    default:
      throw new RangeError(`unknown method '${String(c.method)}' (expected ${RECALIBRATION_METHODS.join(', ')})`);
  }
  return c as Calibrator;
}
