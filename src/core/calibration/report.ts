import { reliabilityBins, topLabel } from './bins';
import { classwiseEce, expectedCalibrationError, maximumCalibrationError } from './ece';
import { checkBinCount, toLabels, toMatrix } from './input';
import { properScores } from './scores';
import { smoothEce } from './smoothEce';
import { CalibrationOptions, CalibrationReport, DEFAULT_BINS, LabelsInput, ProbabilitiesInput } from './types';

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
  const smooth = options.smooth === false ? { value: NaN, sigma: NaN } : smoothEce(top.confidence, top.hit);
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
