import { CalibrationReport, Convention, conventionCalibration, CONVENTIONS } from '../core/calibration';
import { DataFileError } from '../core/data/dataFileError';
import type { Predictions } from '../core/predictions';
import { UsageError } from './usageError';

export const CONVENTION_NOTES: Record<Convention, string> = {
  guo: 'Guo et al. bins, right-closed',
  torchmetrics: 'as torchmetrics 1.9: float32, left-closed bins, 1.0 in an extra bin',
  netcal: 'as netcal 1.3: clipped to [ε, 1 − ε], left-closed bins',
};

export type ConventionReport = CalibrationReport & { convention?: Convention; task?: 'top-label' | 'binary' };

export function checkConvention(value: string | undefined): Convention | undefined {
  if (value === undefined) return undefined;
  if (!CONVENTIONS.includes(value as Convention)) throw new UsageError(`--convention must be one of ${CONVENTIONS.join(', ')}, got '${value}'`);
  return value as Convention;
}

/** The report with ECE, MCE and bins as the convention computes them (unchanged without one). */
export function withConvention(report: CalibrationReport, predictions: Predictions, convention: Convention | undefined): ConventionReport {
  if (convention === undefined) return report;
  try {
    const r = conventionCalibration(predictions.probs, predictions.labels, convention, report.bins.length);
    return { ...report, ece: r.ece, mce: r.mce, bins: r.bins, convention, task: r.task };
  } catch (error) {
    if (error instanceof RangeError) throw new DataFileError(predictions.file, error.message);
    throw error;
  }
}
