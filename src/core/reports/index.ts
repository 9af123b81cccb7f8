export { calibrationMetrics, formatMetric, METRICS, RUN_METRICS } from './metrics';
export type { Metric, MetricKey, MetricLine } from './metrics';
export { isTrainedRun, referenceRun, runsTable, runsTableMarkdown, runsTableText } from './runsTable';
export type { MetricCell, RunsTable, RunsTableRow, RunSummary, Verdict } from './runsTable';
export { predictionsFileName, reportMarkdown, runFolderFiles } from './runFolder';
export { studyFolderFiles, studyMarkdown } from './studyFolder';
export type { RunFigure } from './runFolder';
export { fileBytes, figureFiles } from './reportFile';
export type { ReportFile } from './reportFile';
