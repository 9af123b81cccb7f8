/** The calibration panel's requests to the data worker (handled in calibrationJobs.ts). Types only. */
import type { BootstrapInterval } from '../core/bootstrap';
import type { RecalibrationMethod } from '../core/recalibration';
import type { ComparisonView, RecalibrationView, SmoothResult } from '../extension/calibration/jobs';
import type { PredictionsReadOptions } from '../extension/calibration/protocol';

/** The binned ECE's percentile bootstrap interval: top label, `bins` equal-width bins (bootstrapEce). */
export interface EceIntervalRequest {
  type: 'eceInterval';
  confidence: Float64Array;
  hit: Uint8Array;
  bins: number;
}

/** The smooth ECE's bootstrap interval and the smoothed reliability curve's band, of the top label. */
export interface SmoothCalibrationRequest {
  type: 'smoothCalibration';
  confidence: Float64Array;
  hit: Uint8Array;
  resamples: number;
  bandResamples: number;
}

/** Probabilities as the panel holds them (row-major rows × cols). */
export interface ProbabilityRows {
  probs: Float64Array;
  labels: Int32Array;
  rows: number;
  cols: number;
}

export interface RecalibrateRequest extends ProbabilityRows {
  type: 'recalibrate';
  method: RecalibrationMethod;
  folds: number;
  bins: number;
  /** For messages. */
  file: string;
}

export interface ComparedFile {
  bytes: Uint8Array;
  /** For messages. */
  file: string;
}

export interface CompareRequest {
  type: 'comparePredictions';
  a: ComparedFile;
  b: ComparedFile;
  read: PredictionsReadOptions;
  /** The id column named by the user; absent: `id` when both files have it, else by position. */
  id?: string;
  bins: number;
  resamples: number;
  /** Worded for the panel: what to tick when the columns are logits. */
  logitsHint?: string;
}

export type CalibrationJobRequest = EceIntervalRequest | SmoothCalibrationRequest | RecalibrateRequest | CompareRequest;

export interface CalibrationJobReplies {
  eceInterval: BootstrapInterval;
  smoothCalibration: SmoothResult;
  recalibrate: RecalibrationView;
  comparePredictions: ComparisonView;
}
