/**
 * The calibration panel's long computations (run by the data worker, with progress, cancellable)
 * and what they send the webview. Host → webview: types only; no zod here (the webview imports it).
 */
import type { BootstrapInterval, SmoothEceInterval } from '../../core/bootstrap';
import type { Comparison, ReliabilityBin } from '../../core/calibration';
import type { Calibrator, RecalibrationMethod, RecalibrationMetrics } from '../../core/recalibration';
import type { PredictionsPayload } from './protocol';

export const CALIBRATION_JOBS = ['interval', 'smooth', 'recalibrate', 'compare'] as const;
export type CalibrationJob = (typeof CALIBRATION_JOBS)[number];

export const SNIPPET_FRAMEWORKS = ['pytorch', 'numpy', 'jax'] as const;
export type SnippetFramework = (typeof SNIPPET_FRAMEWORKS)[number];

/** The smooth ECE's bootstrap interval and relplot's smoothed reliability curve with its band. */
export interface SmoothResult {
  interval: SmoothEceInterval;
  curve: SmoothCurvePoints;
}

export interface SmoothCurvePoints {
  sigma: number;
  mesh: Float64Array;
  mu: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  density: Float64Array;
  level: number;
  resamples: number;
}

/** Recalibrate…: cross-validated metrics and the diagrams before and after (top label, equal-width bins). */
export interface RecalibrationView {
  method: RecalibrationMethod;
  folds: number;
  bins: number;
  before: RecalibrationMetrics;
  after: RecalibrationMetrics;
  beforeBins: ReliabilityBin[];
  afterBins: ReliabilityBin[];
  calibrator: Calibrator;
  temperature?: number;
  warnings: string[];
}

/** Compare with…: the paired bootstrap of B − A, and both files' rows in A's order for the overlay. */
export interface ComparisonView {
  fileB: string;
  matchedBy: string;
  comparison: Comparison;
  a: PredictionsPayload;
  b: PredictionsPayload;
}

export type JobMessage =
  | { type: 'jobProgress'; job: CalibrationJob; fraction: number }
  | { type: 'jobFailed'; job: CalibrationJob; message: string }
  | { type: 'jobCancelled'; job: CalibrationJob }
  /** The binned ECE's bootstrap interval (top label, `bins` equal-width bins). */
  | { type: 'eceInterval'; bins: number; interval: BootstrapInterval }
  | { type: 'smooth'; result: SmoothResult }
  | { type: 'recalibrated'; result: RecalibrationView }
  | { type: 'compared'; result: ComparisonView };
