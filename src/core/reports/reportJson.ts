import type { ExperimentReport } from '../train/experiment';

/** The report as JSON (`gamma-ce train --json`): test predictions left out; they go to CSV files. */
export function experimentReportJson(report: ExperimentReport): object {
  return { ...report, runs: report.runs.map(({ predictions: _predictions, ...run }) => run) };
}
