import { ReliabilityBin } from '../core/calibration';
import type { Predictions } from '../core/predictions';
import { ConventionReport, metricLines } from './calibrateConvention';

const BAR_WIDTH = 40;

/** The human-readable report: metrics, then an ASCII reliability diagram (bar = accuracy, | = confidence). */
export function formatCalibration(
  predictions: Pick<Predictions, 'file' | 'classNames' | 'labelColumn' | 'ignoredColumns' | 'softmax'>,
  report: ConventionReport,
): string {
  const lines = [
    `${predictions.file}: ${report.n} rows, ${report.classes} classes (${predictions.classNames.join(', ')}), label column '${predictions.labelColumn}'`,
  ];
  if (predictions.ignoredColumns.length)
    lines.push(`ignored non-numeric columns: ${predictions.ignoredColumns.join(', ')}`);
  if (predictions.softmax) lines.push('scores were treated as logits (softmax applied)');
  lines.push('', ...metricLines(report), '', ...binLines(report.bins));
  return `${lines.join('\n')}\n`;
}

/** The ASCII reliability diagram: a title, a header and a line per bin. */
export function binLines(bins: readonly ReliabilityBin[]): string[] {
  return [
    'Reliability diagram (# = accuracy, | = mean confidence)',
    `  ${'bin'.padEnd(11)} ${'n'.padStart(7)} ${'acc'.padStart(6)} ${'conf'.padStart(6)}  0${' '.repeat(BAR_WIDTH - 2)}1`,
    ...bins.map(binLine),
  ];
}

function binLine(bin: ReliabilityBin): string {
  const range = `${bin.lower.toFixed(2)}-${bin.upper.toFixed(2)}`.padEnd(11);
  const count = String(bin.count).padStart(7);
  if (bin.count === 0) return `  ${range} ${count} ${'-'.padStart(6)} ${'-'.padStart(6)}`;
  const bar: string[] = Array.from({ length: BAR_WIDTH }, (_, i) =>
    i < Math.round(bin.accuracy * BAR_WIDTH) ? '#' : '.',
  );
  bar[Math.min(BAR_WIDTH - 1, Math.floor(bin.confidence * BAR_WIDTH))] = '|';
  return `  ${range} ${count} ${bin.accuracy.toFixed(3).padStart(6)} ${bin.confidence.toFixed(3).padStart(6)}  ${bar.join('')}`;
}
