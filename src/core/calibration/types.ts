/** The shapes shared by the calibration metrics (all float64 JavaScript numbers, no tfjs). */

export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  /** Fraction of the bin's rows that are hits (0 for an empty bin). */
  accuracy: number;
  /** Mean confidence of the bin's rows (0 for an empty bin). */
  confidence: number;
}

export type BinScheme = 'equal-width' | 'equal-mass';

export interface CalibrationReport {
  ece: number;
  mce: number;
  brier: number;
  nll: number;
  accuracy: number;
  n: number;
  bins: ReliabilityBin[];
  /** ECE over equal-mass bins (sorted confidences split as evenly as possible without splitting ties; see equalMassCuts). */
  adaptiveEce: number;
  /** Kull et al. (2019): the mean over classes of the ECE of p_k against 1[y = k], equal-width bins. */
  classwiseEce: number;
  /** Błasiok & Nakkiran's smooth ECE of the top-label confidence, as relplot ≥ 1.0.2 computes it (see smoothEce). */
  smoothEce: number;
  /** The bandwidth σ* relplot's bisection picks (smECE_σ* = σ*). */
  smoothEceSigma: number;
  classes: number;
}

/** Row-major N×K probabilities. */
export interface ProbabilityMatrix {
  data: ArrayLike<number>;
  rows: number;
  cols: number;
}

export type ProbabilitiesInput = ProbabilityMatrix | ArrayLike<ArrayLike<number>> | { arraySync(): unknown };

export type LabelsInput = ArrayLike<number> | { arraySync(): unknown };

export interface CalibrationOptions {
  /** Number of bins M (default 15). */
  bins?: number;
  /** Compute the smooth ECE (default true); per-epoch training metrics skip it, leaving NaN. */
  smooth?: boolean;
}

/** Top-label confidences and hits, the input of a reliability diagram. */
export interface ConfidenceHits {
  confidence: Float64Array;
  hit: Uint8Array;
}

export const DEFAULT_BINS = 15;
