export * from './config';
export * from './types';
export { runExperiment, experimentReportJson } from './experiment';
export type { ExperimentReport, ExperimentHooks } from './experiment';
export { planRuns } from './plan';
export { gammaAt } from './schedule';
export { fitTemperature, softmaxWithTemperature, temperedNll } from './temperature';
export { predictionsCsv } from './predictionsCsv';
export { initialParameters, layerSizes, Mlp } from './model';
