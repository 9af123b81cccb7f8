import type { CalibrationReport } from '../calibration';

export type MetricKey = 'accuracy' | 'ece' | 'mce' | 'adaptiveEce' | 'classwiseEce' | 'nll' | 'brier';

export interface Metric {
  key: MetricKey;
  label: string;
  higherIsBetter: boolean;
  /** What the number is, for a report with `bins` equal-width (and equal-mass) bins. */
  note(bins: number): string | undefined;
}

/** Every metric the reports show, in the order they show them: one set of names for the CLI, report.md and the panels. */
export const METRICS: readonly Metric[] = [
  { key: 'accuracy', label: 'Accuracy', higherIsBetter: true, note: () => undefined },
  { key: 'ece', label: 'ECE', higherIsBetter: false, note: (bins) => `${bins} equal-width bins, top-label` },
  { key: 'mce', label: 'MCE', higherIsBetter: false, note: () => 'largest bin gap' },
  { key: 'adaptiveEce', label: 'Adaptive ECE', higherIsBetter: false, note: (bins) => `${bins} equal-mass bins` },
  {
    key: 'classwiseEce',
    label: 'Classwise ECE',
    higherIsBetter: false,
    note: () => 'mean one-vs-rest ECE over classes',
  },
  { key: 'nll', label: 'NLL', higherIsBetter: false, note: () => '−log p(y), mean over rows' },
  { key: 'brier', label: 'Brier', higherIsBetter: false, note: () => 'Σₖ (pₖ − yₖ)², mean over rows' },
];

/** The columns of the table that compares runs (classwise ECE is left to the calibration reports). */
export const RUN_METRICS: readonly Metric[] = METRICS.filter((m) => m.key !== 'classwiseEce');

export function formatMetric(value: number): string {
  return value.toFixed(4);
}

export interface MetricLine {
  metric: Metric;
  value: number;
  text: string;
  note?: string;
}

/** A calibration report's metrics, formatted, with their notes. */
export function calibrationMetrics(report: CalibrationReport): MetricLine[] {
  const bins = report.bins.length;
  return METRICS.map((metric) => ({
    metric,
    value: report[metric.key],
    text: formatMetric(report[metric.key]),
    note: metric.note(bins),
  }));
}
