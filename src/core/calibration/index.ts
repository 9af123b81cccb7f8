// Calibration metrics in float64 JavaScript numbers (no tfjs), so the CLI, the host and the webview
// compute exactly the same values.
export * from './types';
export { toMatrix } from './input';
export {
  topLabel,
  predictedClasses,
  classConfidence,
  reliabilityBins,
  assignBins,
  equalWidthBinIndex,
  binsOfAssignment,
} from './bins';
export { equalMassCuts } from './massCuts';
export { EqualMassRanks } from './equalMassRanks';
export { expectedCalibrationError, maximumCalibrationError, classwiseEce, classEces } from './ece';
export { properScores, NLL_FLOOR } from './scores';
export type { ProperScores } from './scores';
export { calibrationReport, headlineMetrics } from './report';
export { smoothEce, smoothEceAtSigma, SmoothEceData, SMOOTH_ECE_MESH_POINTS } from './smoothEce';
export type { SmoothEce } from './smoothEce';
export {
  smoothReliabilityCurve,
  smoothReliabilityCurveSteps,
  PLOT_MESH_POINTS,
  DEFAULT_BAND_RESAMPLES,
} from './smoothCurve';
export type { SmoothCurveOptions, SmoothReliabilityCurve } from './smoothCurve';
export { quantileSorted, drawMultiplicities } from './resampling';
export { runToEnd } from './steps';
export { conventionCalibration, torchLinspace, CONVENTIONS, CONVENTION_BINS } from './conventions';
export type { Convention, ConventionResult } from './conventions';
export { perClassTable } from './perClass';
export type { ClassRow } from './perClass';
export { compareModels, compareModelsSteps, matchIds, COMPARED_METRICS, DEFAULT_COMPARE_RESAMPLES } from './compare';
export type { Comparison, CompareOptions, ComparedMetric, Difference, IdMismatch, MetricValues } from './compare';
