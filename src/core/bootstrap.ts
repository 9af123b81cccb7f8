import {
  assignBins,
  BinScheme,
  drawMultiplicities,
  expectedCalibrationError,
  quantileSorted,
  reliabilityBins,
  runToEnd,
  SmoothEceData,
} from './calibration';
import type { SpectrumCache } from './calibration/kernelSmoothing';
import { seededRandom } from './random';

export interface BootstrapOptions {
  resamples?: number;
  seed?: number;
  /** Coverage of the percentile interval (default 0.95). */
  level?: number;
}

export interface BootstrapInterval {
  estimate: number;
  low: number;
  high: number;
  /** Half the interval's width: the "±" shown next to the estimate. */
  halfWidth: number;
  resamples: number;
  level: number;
}

export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_BOOTSTRAP_SEED = 20230501;

/**
 * Percentile bootstrap interval of the ECE: rows are resampled with replacement, each row keeping
 * the bin it has in the full sample (for equal-mass bins too, so that the bins are the ones drawn).
 */
export function bootstrapEce(
  confidence: ArrayLike<number>,
  hit: ArrayLike<number>,
  bins: number,
  scheme: BinScheme = 'equal-width',
  options: BootstrapOptions = {},
): BootstrapInterval {
  return runToEnd(bootstrapEceSteps(confidence, hit, bins, scheme, options));
}

/**
 * The same computation in slices of `chunk` resamples: each `next()` yields the fraction done, so
 * a UI can spread the work over frames and drop it when the view changes.
 */
export function* bootstrapEceSteps(
  confidence: ArrayLike<number>,
  hit: ArrayLike<number>,
  bins: number,
  scheme: BinScheme = 'equal-width',
  options: BootstrapOptions = {},
  chunk = 50,
): Generator<number, BootstrapInterval> {
  const { resamples, level } = checkOptions(options);
  const n = confidence.length;
  if (n === 0) throw new RangeError('the bootstrap needs at least one row');

  const binOf = assignBins(confidence, bins, scheme);
  const random = seededRandom(options.seed ?? DEFAULT_BOOTSTRAP_SEED);
  const count = new Float64Array(bins);
  const hits = new Float64Array(bins);
  const confSum = new Float64Array(bins);
  const eces = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    if (r > 0 && r % chunk === 0) yield r / resamples;
    count.fill(0);
    hits.fill(0);
    confSum.fill(0);
    for (let j = 0; j < n; j++) {
      const i = Math.floor(random() * n);
      const m = binOf[i];
      count[m]++;
      hits[m] += hit[i];
      confSum[m] += confidence[i];
    }
    // Σ (n_m/N)·|acc_m − conf_m| = Σ |hits_m − confSum_m| / N
    let ece = 0;
    for (let m = 0; m < bins; m++) if (count[m] > 0) ece += Math.abs(hits[m] - confSum[m]) / n;
    eces[r] = ece;
  }
  const estimate = expectedCalibrationError(reliabilityBins(confidence, hit, bins, scheme));
  return percentileInterval(estimate, eces, level);
}

export interface SmoothEceInterval extends BootstrapInterval {
  /** σ* of the full sample. */
  sigma: number;
}

/** Percentile bootstrap interval of the smooth ECE, σ* chosen again on every resample. */
export function bootstrapSmoothEce(
  confidence: ArrayLike<number>,
  hit: ArrayLike<number>,
  options: BootstrapOptions = {},
): SmoothEceInterval {
  return runToEnd(bootstrapSmoothEceSteps(confidence, hit, options));
}

/**
 * The same in slices of `chunk` resamples. A resample is the rows' multiplicities, measured by
 * relplot's whole procedure (its own σ*) with the convolutions done through the FFT.
 */
export function* bootstrapSmoothEceSteps(
  confidence: ArrayLike<number>,
  hit: ArrayLike<number>,
  options: BootstrapOptions = {},
  chunk = 10,
): Generator<number, SmoothEceInterval> {
  const { resamples, level } = checkOptions(options);
  const full = new SmoothEceData(confidence, hit).smooth();
  const n = confidence.length;
  const random = seededRandom(options.seed ?? DEFAULT_BOOTSTRAP_SEED);
  const weights = new Float64Array(n);
  const values = new Float64Array(resamples);
  const kernels: SpectrumCache = new Map();
  for (let r = 0; r < resamples; r++) {
    if (r > 0 && r % chunk === 0) yield r / resamples;
    drawMultiplicities(random, weights);
    values[r] = new SmoothEceData(confidence, hit, weights, kernels).smooth().value;
  }
  return { ...percentileInterval(full.value, values, level), sigma: full.sigma };
}

/** The percentile interval of bootstrap replicates (sorted in place) around an estimate. */
export function percentileInterval(estimate: number, replicates: Float64Array, level: number): BootstrapInterval {
  replicates.sort();
  const low = quantileSorted(replicates, (1 - level) / 2);
  const high = quantileSorted(replicates, 1 - (1 - level) / 2);
  return { estimate, low, high, halfWidth: (high - low) / 2, resamples: replicates.length, level };
}

export function checkOptions(options: BootstrapOptions): { resamples: number; level: number } {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1)
    throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  return { resamples, level };
}
