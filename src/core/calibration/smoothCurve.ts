import {
  FftConvolution,
  GridKernel,
  gridKernel,
  linspace,
  ReflectedConvolution,
  seriesSpectrum,
  SpectrumCache,
  spreadOnGrid,
} from './kernelSmoothing';
import { drawMultiplicities, quantileSorted } from './resampling';
import { smoothEce } from './smoothEce';
import { runToEnd } from './steps';
import { seededRandom } from '../random';

/**
 * The smoothed reliability diagram of relplot's prepare_rel_diagram (≥ 1.0.2): on the 200-point
 * mesh, μ(t) = Σ K·y / (Σ K + 1e-4), the Nadaraya–Watson estimate of E[y | f = t] with the
 * reflected Gaussian kernel of bandwidth σ* (the smooth ECE's), and the row density Σ K/N. The
 * band is relplot's too, made deterministic: the 2.5 % and 97.5 % quantiles, point by point, of μ
 * fitted at the same σ on bootstrap resamples of the rows (relplot bags 200 such fits; here the
 * resamples' convolutions go through the FFT). μ itself
 * is the fit on all rows, which is what relplot draws without a band.
 */

export const PLOT_MESH_POINTS = 200;
export const DEFAULT_BAND_RESAMPLES = 200;
export const DEFAULT_BAND_SEED = 20240501;
const DENSITY_EPS = 1e-4;

export interface SmoothCurveOptions {
  /** Bandwidth (default σ*, the smooth ECE's). */
  sigma?: number;
  /** Bootstrap resamples of the band; 0 for no band. */
  resamples?: number;
  seed?: number;
  level?: number;
}

export interface SmoothReliabilityCurve {
  sigma: number;
  smoothEce: number;
  mesh: Float64Array;
  mu: Float64Array;
  density: Float64Array;
  /** Point-wise band of μ (empty without resamples). */
  lower: Float64Array;
  upper: Float64Array;
  resamples: number;
  level: number;
}

export function smoothReliabilityCurve(
  f: ArrayLike<number>,
  y: ArrayLike<number>,
  options: SmoothCurveOptions = {},
): SmoothReliabilityCurve {
  return runToEnd(smoothReliabilityCurveSteps(f, y, options));
}

/** The same in slices of `chunk` resamples; each `next()` yields the fraction of the band done. */
export function* smoothReliabilityCurveSteps(
  f: ArrayLike<number>,
  y: ArrayLike<number>,
  options: SmoothCurveOptions = {},
  chunk = 20,
): Generator<number, SmoothReliabilityCurve> {
  const resamples = options.resamples ?? DEFAULT_BAND_RESAMPLES;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 0)
    throw new RangeError(`resamples must be a whole number, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const smooth = smoothEce(f, y);
  const sigma = options.sigma ?? smooth.sigma;
  if (!(sigma > 0 && Number.isFinite(sigma))) throw new RangeError(`σ must be a positive number, got ${sigma}`);
  const kernel = gridKernel(sigma);
  const mesh = linspace(PLOT_MESH_POINTS);
  const n = f.length;

  const mu = regression(f, y, null, kernel, mesh, null);
  const share = new Float64Array(n).fill(1 / n);
  const densityConv = new ReflectedConvolution(kernel, [spreadOnGrid(f, share, null, kernel.points)]);
  const density = mesh.map((t) => densityConv.at(t, 0));

  const fits = Array.from({ length: PLOT_MESH_POINTS }, () => new Float64Array(resamples));
  const random = seededRandom(options.seed ?? DEFAULT_BAND_SEED);
  const weights = new Float64Array(n);
  const kernels: SpectrumCache = new Map();
  for (let r = 0; r < resamples; r++) {
    if (r > 0 && r % chunk === 0) yield r / resamples;
    drawMultiplicities(random, weights);
    const fit = regression(f, y, weights, kernel, mesh, kernels);
    for (let k = 0; k < PLOT_MESH_POINTS; k++) fits[k][r] = fit[k];
  }
  const lower = new Float64Array(resamples ? PLOT_MESH_POINTS : 0);
  const upper = new Float64Array(resamples ? PLOT_MESH_POINTS : 0);
  if (resamples) {
    fits.forEach((values, k) => {
      values.sort();
      lower[k] = quantileSorted(values, (1 - level) / 2);
      upper[k] = quantileSorted(values, 1 - (1 - level) / 2);
    });
  }
  return { sigma, smoothEce: smooth.value, mesh, mu, density, lower, upper, resamples, level };
}

function regression(
  f: ArrayLike<number>,
  y: ArrayLike<number>,
  weights: ArrayLike<number> | null,
  kernel: GridKernel,
  mesh: Float64Array,
  kernels: SpectrumCache | null,
): Float64Array {
  const grids = [spreadOnGrid(f, y, weights, kernel.points), spreadOnGrid(f, null, weights, kernel.points)];
  const conv = kernels
    ? new FftConvolution(kernel, seriesSpectrum(grids[0], grids[1]), kernels)
    : new ReflectedConvolution(kernel, grids);
  return mesh.map((t) => conv.at(t, 0) / (conv.at(t, 1) + DENSITY_EPS));
}
