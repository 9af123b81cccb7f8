import type { CalibrationReport } from '../calibration';

/** One split: rows × features, row-major, already standardised; labels are class indices. */
export interface SplitData {
  x: Float32Array;
  y: Int32Array;
  rows: number;
}

/** What training needs of a dataset (the dataset loader's EncodedDataset satisfies it). */
export interface TrainingData {
  file: string;
  featureNames: string[];
  classNames: string[];
  features: number;
  classes: number;
  train: SplitData;
  validation: SplitData;
  test: SplitData;
}

export interface EpochRecord {
  epoch: number;
  gamma: number;
  trainLoss: number;
  valAccuracy: number;
  valNll: number;
  valEce: number;
  testAccuracy: number;
  testNll: number;
  testEce: number;
}

import type { GammaSchedule } from './config';

/** MAE is 'gamma-ce' at γ = 1. */
export type LossKind = 'ce' | 'gamma-ce' | 'tailr' | 'label-smoothing' | 'focal' | 'gce' | 'sce';

/** One model to train (or, for temperature scaling, to re-calibrate after another run). */
export interface RunSpec {
  name: string;
  loss: LossKind;
  gamma: number | null;
  threshold: number | null;
  /** ε of label smoothing, or of the TaiLr form's label-smoothing term. */
  smoothing?: number;
  focalGamma?: number;
  /** q of GCE. */
  q?: number;
  /** α, β and A (log 0) of SCE. */
  sce?: { alpha: number; beta: number; A: number };
  /** Overrides the experiment's γ schedule (MAE is γ = 1 throughout). */
  schedule?: GammaSchedule;
  /** Temperature scaling of the named run's model instead of training. */
  temperatureOf?: string;
}

export interface RunReport {
  name: string;
  loss: LossKind;
  gamma: number | null;
  threshold: number | null;
  status: 'ok' | 'diverged' | 'failed';
  message?: string;
  /** The fitted temperature, for temperature-scaled runs. */
  temperature?: number;
  /** Temperature-scaled runs: the index (in the experiment's runs) of the run whose model was re-calibrated. */
  baseRun?: number;
  /** Epochs actually trained (early stopping or divergence can end a run early). */
  epochs: number;
  history: EpochRecord[];
  test: CalibrationReport | null;
  /** Test-split class probabilities (row-major) and labels: a predictions file's content. */
  predictions: { probs: Float64Array; labels: Int32Array } | null;
}

export type TrainEvent =
  | { type: 'backend'; backend: string }
  /** index and total count every run of every seed (and noise rate) of a study; seed and noise are a study's. */
  | { type: 'runStart'; run: string; index: number; total: number; seed?: number; noise?: number }
  | { type: 'epoch'; run: string; record: EpochRecord; epochs: number }
  | { type: 'runEnd'; run: RunReport };
