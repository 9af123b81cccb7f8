export { fitTemperature, softmaxWithTemperature, temperedNll, TEMPERATURE_RANGE } from './temperature';
export { fitTemperatureScaling, logProbabilities } from './temperatureFit';
export type { TemperatureFit } from './temperatureFit';
export { fitHistogram, applyHistogram } from './histogram';
export type { HistogramMap } from './histogram';
export { fitIsotonic, applyIsotonic } from './isotonic';
export type { IsotonicMap } from './isotonic';
export {
  applyCalibrator,
  calibratorJson,
  parseCalibrator,
  CALIBRATOR_FORMAT,
  RECALIBRATION_METHODS,
} from './calibrator';
export type {
  Calibrator,
  RecalibrationMethod,
  TemperatureCalibrator,
  HistogramCalibrator,
  IsotonicCalibrator,
  Recalibrated,
} from './calibrator';
export { kFolds, trainingRows, DEFAULT_FOLDS, DEFAULT_FOLD_SEED } from './folds';
export { recalibrationMetrics, METRIC_NAMES } from './metrics';
export type { RecalibrationMetrics } from './metrics';
export { recalibrate, recalibrateSteps } from './recalibrate';
export type { RecalibrationOptions, RecalibrationResult, FoldResult } from './recalibrate';
