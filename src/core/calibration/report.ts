import { reliabilityBins, topLabel } from './bins';
import { classwiseEce, expectedCalibrationError, maximumCalibrationError } from './ece';
import { checkBinCount, toLabels, toMatrix } from './input';
import { properScores } from './scores';
import { SmoothEce, smoothEce } from './smoothEce';
import {
  CalibrationOptions,
  CalibrationReport,
  ConfidenceHits,
  DEFAULT_BINS,
  LabelsInput,
  ProbabilitiesInput,
} from './types';

export function calibrationReport(
  probs: ProbabilitiesInput,
  labels: LabelsInput,
  options: CalibrationOptions = {},
): CalibrationReport {
  const bins = checkBinCount(options.bins ?? DEFAULT_BINS);
  const matrix = toMatrix(probs);
  const y = toLabels(labels, matrix);
  const n = matrix.rows;

  const top = topLabel(matrix, y);
  let hits = 0;
  for (let i = 0; i < n; i++) hits += top.hit[i];
  const { brier, nll } = properScores(matrix, y);
  const widthBins = reliabilityBins(top.confidence, top.hit, bins, 'equal-width');
  const massBins = reliabilityBins(top.confidence, top.hit, bins, 'equal-mass');
  const smooth = options.smooth === false ? { value: NaN, sigma: NaN } : smoothOf(matrix.data, y, top);
  return {
    ece: expectedCalibrationError(widthBins),
    mce: maximumCalibrationError(widthBins),
    brier,
    nll,
    accuracy: hits / n,
    n,
    bins: widthBins,
    adaptiveEce: expectedCalibrationError(massBins),
    classwiseEce: classwiseEce(matrix, y, bins),
    smoothEce: smooth.value,
    smoothEceSigma: smooth.sigma,
    classes: matrix.cols,
  };
}

/** The report's accuracy, NLL and (equal-width) ECE alone, the same numbers, for per-epoch curves. */
export function headlineMetrics(
  probs: ProbabilitiesInput,
  labels: LabelsInput,
  bins = DEFAULT_BINS,
): Pick<CalibrationReport, 'accuracy' | 'nll' | 'ece'> {
  const matrix = toMatrix(probs);
  const y = toLabels(labels, matrix);
  const top = topLabel(matrix, y);
  let hits = 0;
  for (let i = 0; i < matrix.rows; i++) hits += top.hit[i];
  const widthBins = reliabilityBins(top.confidence, top.hit, checkBinCount(bins), 'equal-width');
  return { accuracy: hits / matrix.rows, nll: properScores(matrix, y).nll, ece: expectedCalibrationError(widthBins) };
}

/**
 * The smooth ECE does not depend on the bins, and a panel asks for a report per bin count of the
 * same rows: it is kept per (probabilities, labels) pair of objects, which reports treat as immutable.
 */
const smoothCache = new WeakMap<object, WeakMap<object, SmoothEce>>();

function smoothOf(data: ArrayLike<number>, labels: ArrayLike<number>, top: ConfidenceHits): SmoothEce {
  let byLabels = smoothCache.get(data);
  if (!byLabels) {
    byLabels = new WeakMap();
    smoothCache.set(data, byLabels);
  }
  let smooth = byLabels.get(labels);
  if (!smooth) {
    smooth = smoothEce(top.confidence, top.hit);
    byLabels.set(labels, smooth);
  }
  return smooth;
}
