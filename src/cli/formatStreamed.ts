import type { StreamedReport } from '../core/calibration/streamingReport';
import type { PredictionSource } from '../core/data/predictionSource';
import { metricLines } from './calibrateConvention';
import { binLines } from './formatCalibration';

/** The human-readable report of a streamed (Parquet/NumPy) file: as formatCalibration's, with what was unavailable or sampled. */
export function formatStreamed(source: PredictionSource, report: StreamedReport): string {
  const top = report.form === 'top-label';
  const lines = [
    top
      ? `${source.file}: ${report.n} rows, top-label form (columns confidence, correct)`
      : `${source.file}: ${report.n} rows, ${report.classes} classes (${source.classNames.join(', ')}), labels '${source.labelColumn}'`,
  ];
  if (source.ignoredColumns.length) lines.push(`ignored columns: ${source.ignoredColumns.join(', ')}`);
  if (source.softmax) lines.push('scores were treated as logits (softmax applied)');
  if (report.unavailable.length)
    lines.push(`unavailable without class probabilities: ${report.unavailable.join(', ')}`);
  if (report.sample)
    lines.push(
      `${report.sample.metrics.join(' and ')} use a uniform sample of ${report.sample.size} of the ${report.sample.of} rows`,
    );
  const metrics = metricLines(report).filter((line) => !top || !/Classwise ECE|NLL|Brier/.test(line));
  lines.push('', ...metrics, '', ...binLines(report.bins));
  return `${lines.join('\n')}\n`;
}
