import { CalibrationReport, Convention, conventionCalibration, CONVENTIONS } from '../core/calibration';
import { DataFileError } from '../core/data/dataFileError';
import type { Predictions } from '../core/predictions';
import { calibrationMetrics, formatMetric } from '../core/reports/metrics';
import { UsageError } from './usageError';

export const CONVENTION_NOTES: Record<Convention, string> = {
  guo: 'Guo et al. bins, right-closed',
  torchmetrics: 'as torchmetrics 1.9: float32, left-closed bins, 1.0 in an extra bin',
  netcal: 'as netcal 1.3: clipped to [ε, 1 − ε], left-closed bins',
};

export type ConventionReport = CalibrationReport & {
  convention?: Convention;
  task?: 'top-label' | 'binary';
  binCount?: number;
};

export function checkConvention(value: string | undefined): Convention | undefined {
  if (value === undefined) return undefined;
  if (!CONVENTIONS.includes(value as Convention))
    throw new UsageError(`--convention must be one of ${CONVENTIONS.join(', ')}, got '${value}'`);
  return value as Convention;
}

/** The report with ECE, MCE and bins as the convention computes them (unchanged without one). */
export function withConvention(
  report: CalibrationReport,
  predictions: Predictions,
  convention: Convention | undefined,
): ConventionReport {
  if (convention === undefined) return report;
  try {
    const r = conventionCalibration(predictions.probs, predictions.labels, convention, report.bins.length);
    return { ...report, ece: r.ece, mce: r.mce, bins: r.bins, convention, task: r.task, binCount: report.bins.length };
  } catch (error) {
    if (error instanceof RangeError) throw new DataFileError(predictions.file, error.message);
    throw error;
  }
}

/** The report's metric lines (the shared metric list, the convention's note on ECE) and the smooth ECE after them. */
export function metricLines(report: ConventionReport): string[] {
  const line = (label: string, text: string, note?: string) =>
    `  ${label.padEnd(14)} ${text}${note ? `  (${note})` : ''}`;
  const lines = calibrationMetrics({
    ...report,
    bins: report.bins.slice(0, report.binCount ?? report.bins.length),
  }).map(({ metric, text, note }) =>
    line(metric.label, text, metric.key === 'ece' && report.convention ? CONVENTION_NOTES[report.convention] : note),
  );
  lines.push(line('Smooth ECE', formatMetric(report.smoothEce), `relplot, σ* = ${report.smoothEceSigma.toFixed(4)}`));
  return lines;
}
