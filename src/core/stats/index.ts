export { studentTQuantile, studentTUpperTail } from './studentT';
export { TEST_METRICS, INTERVAL_METHOD, meanInterval, excludesZero, summariseSeeds, medianSeed } from './summary';
export type { TestMetric, MetricSummary, DifferenceSummary, StudySummary, SeedRun } from './summary';
export { evidenceSentences, cleanEvaluationNote } from './evidence';
