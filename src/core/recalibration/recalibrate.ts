import { DEFAULT_BINS, predictedClasses, ProbabilityMatrix, runToEnd, topLabel } from '../calibration';
import { toLabels, toMatrix } from '../calibration/input';
import { DataFileError } from '../data/dataFileError';
import {
  applyCalibrator,
  Calibrator,
  CALIBRATOR_FORMAT,
  RecalibrationMethod,
  RECALIBRATION_METHODS,
} from './calibrator';
import { DEFAULT_FOLD_SEED, DEFAULT_FOLDS, kFolds, trainingRows } from './folds';
import { fitHistogram } from './histogram';
import { fitIsotonic } from './isotonic';
import { recalibrationMetrics, RecalibrationMetrics } from './metrics';
import { fitTemperatureScaling, logProbabilities } from './temperatureFit';

export interface RecalibrationOptions {
  method: RecalibrationMethod;
  /** k of the k-fold cross-validation (default 5). */
  folds?: number;
  seed?: number;
  /** Bins of the histogram method and of the ECE (default 15). */
  bins?: number;
  /** Logits of the rows (row-major); by default the log-probabilities. */
  logits?: ArrayLike<number>;
  /** The file's name, for messages. */
  file?: string;
  /** Filled, when given (rows × classes), with each row's probabilities recalibrated by the fit on the other folds: the diagram of `after`. */
  outOfFold?: Float64Array;
}

export interface FoldResult {
  rows: number;
  before: RecalibrationMetrics;
  after: RecalibrationMetrics;
  temperature?: number;
}

export interface RecalibrationResult {
  method: RecalibrationMethod;
  folds: number;
  seed: number;
  bins: number;
  /** The file's metrics as they are. */
  before: RecalibrationMetrics;
  /** Every row recalibrated by the fit on the other k − 1 folds, pooled. */
  after: RecalibrationMetrics;
  perFold: FoldResult[];
  /** The fit on the whole file, for use. */
  calibrator: Calibrator;
  /** The whole-file fit measured on the rows it was fitted on (optimistic). */
  inSample: RecalibrationMetrics;
  /** Temperature of the whole-file fit. */
  temperature?: number;
  /** The whole-file fit had no minimum inside [0.01, 100], so T was kept at 1 (see `warnings`). */
  temperatureAtBound?: boolean;
  /** What the user should know about the fits (a temperature kept at 1, in the whole file or a fold). */
  warnings: string[];
}

export function recalibrate(
  probs: ProbabilityMatrix,
  labels: ArrayLike<number>,
  options: RecalibrationOptions,
): RecalibrationResult {
  return runToEnd(recalibrateSteps(probs, labels, options));
}

/** The same, yielding the fraction done after each fold. */
export function* recalibrateSteps(
  probsInput: ProbabilityMatrix,
  labelsInput: ArrayLike<number>,
  options: RecalibrationOptions,
): Generator<number, RecalibrationResult> {
  const file = options.file ?? 'the predictions';
  const method = options.method;
  if (!RECALIBRATION_METHODS.includes(method)) {
    throw new RangeError(`unknown recalibration method '${method}' (expected ${RECALIBRATION_METHODS.join(', ')})`);
  }
  const k = options.folds ?? DEFAULT_FOLDS;
  const seed = options.seed ?? DEFAULT_FOLD_SEED;
  const bins = options.bins ?? DEFAULT_BINS;
  const probs = toMatrix(probsInput);
  const labels = toLabels(labelsInput, probs);
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`the number of folds must be an integer ≥ 2, got ${k}`);
  if (k > probs.rows) throw new DataFileError(file, `${k} folds need at least ${k} rows, the file has ${probs.rows}`);
  const logits = options.logits ?? logProbabilities(probs);
  if (logits.length !== probs.data.length)
    throw new RangeError(`${logits.length} logits for ${probs.rows}×${probs.cols} probabilities`);

  const top = topLabel(probs, labels);
  const warnings: string[] = [];
  const fit = (rows: ArrayLike<number> | undefined, where: string): { calibrator: Calibrator; atBound?: boolean } => {
    const base = { format: CALIBRATOR_FORMAT, version: 1, classes: probs.cols } as const;
    if (method === 'temperature') {
      const t = fitTemperatureScaling(logits, labels, probs.cols, where, rows);
      if (t.warning) warnings.push(t.warning);
      return { calibrator: { ...base, method, temperature: t.temperature }, atBound: t.atBound };
    }
    if (method === 'histogram')
      return { calibrator: { ...base, method, ...fitHistogram(top.confidence, top.hit, bins, rows) } };
    return { calibrator: { ...base, method, ...fitIsotonic(top.confidence, top.hit, rows) } };
  };

  const whole = fit(undefined, file);
  const scaled = applyCalibrator(whole.calibrator, probs, logits);
  const folds = kFolds(probs.rows, k, seed);
  const outOfFold = options.outOfFold ?? new Float64Array(probs.data.length);
  if (outOfFold.length !== probs.data.length)
    throw new RangeError(`outOfFold holds ${outOfFold.length} values for ${probs.rows}×${probs.cols} probabilities`);
  const original = predictedClasses(probs);
  const perFold: FoldResult[] = [];
  for (let f = 0; f < k; f++) {
    const { calibrator } = fit(trainingRows(folds, f), `${file} (the rows outside fold ${f + 1} of ${k})`);
    const held = applyCalibrator(calibrator, probs, logits);
    for (const i of folds[f]) {
      for (let c = i * probs.cols; c < (i + 1) * probs.cols; c++) outOfFold[c] = held.probs.data[c];
    }
    perFold.push({
      rows: folds[f].length,
      before: recalibrationMetrics(probs, labels, original, bins, folds[f]),
      after: recalibrationMetrics(held.probs, labels, held.predicted, bins, folds[f]),
      ...(calibrator.method === 'temperature' ? { temperature: calibrator.temperature } : {}),
    });
    yield (f + 1) / (k + 1);
  }
  const pooled = { data: outOfFold, rows: probs.rows, cols: probs.cols };
  return {
    method,
    folds: k,
    seed,
    bins,
    before: recalibrationMetrics(probs, labels, original, bins),
    after: recalibrationMetrics(pooled, labels, original, bins),
    perFold,
    calibrator: whole.calibrator,
    inSample: recalibrationMetrics(scaled.probs, labels, scaled.predicted, bins),
    ...(whole.calibrator.method === 'temperature'
      ? { temperature: whole.calibrator.temperature, temperatureAtBound: whole.atBound }
      : {}),
    warnings,
  };
}
