import { assignBins, BinScheme, expectedCalibrationError, reliabilityBins } from './calibration';
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
  const steps = bootstrapEceSteps(confidence, hit, bins, scheme, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
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
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
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
  eces.sort();
  const low = quantile(eces, (1 - level) / 2);
  const high = quantile(eces, 1 - (1 - level) / 2);
  const estimate = expectedCalibrationError(reliabilityBins(confidence, hit, bins, scheme));
  return { estimate, low, high, halfWidth: (high - low) / 2, resamples, level };
}

/** Linear interpolation between order statistics (numpy's default 'linear' method). */
function quantile(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
