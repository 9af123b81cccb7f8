import {
  FftConvolution,
  gridKernel,
  gridPoints,
  GridSmoother,
  linspacePoint,
  ReflectedConvolution,
  roundHalfEven,
  SeriesSpectrum,
  seriesSpectrum,
  SpectrumCache,
  spreadOnGrid,
} from './kernelSmoothing';

/**
 * Smooth ECE (Błasiok & Nakkiran, "Smooth ECE: Principled Reliability Diagrams via Kernel
 * Smoothing", ICLR 2024) as Apple's relplot ≥ 1.0.2 computes it (metrics.smECE, smECE_sigma):
 * the residuals f − y are Nadaraya–Watson smoothed with the reflected Gaussian kernel
 * (kernelSmoothing.ts), and smECE_σ = Σ_t |r̂(t)|·δ(t) / Σ_t δ(t) over t = linspace(0, 1, max(round(10/σ), 200)),
 * with δ the smoothed row density plus 1e-4. σ* is relplot's bisection for smECE_σ = σ: a σ is too
 * small when σ < 0.001 or σ < smECE_σ; σ* = 1 if 1 is too small (never, in practice), else ten
 * halvings of [0, 1] that keep as upper end the last σ that was not too small.
 *
 * For multi-class predictions relplot's reduction is the top label: f = max_k p_k, y = 1[argmax = label]
 * (multiclass_logits_to_confidences); calibrationReport does the same, for two classes too.
 */

export const SMOOTH_ECE_MESH_POINTS = 200;
const DENSITY_EPS = 1e-4;
const SMALLEST_SIGMA = 0.001;
const BISECTION_STEPS = 10;

export interface SmoothEce {
  value: number;
  sigma: number;
}

/** The rows of one smooth-ECE computation, with their grids cached per grid size. */
export class SmoothEceData {
  private readonly grids = new Map<number, Float64Array[]>();
  private readonly spectra = new Map<number, SeriesSpectrum>();
  private readonly values = new Map<number, number>();

  /**
   * `weights`: multiplicities (a bootstrap resample), or null for each row once. With `kernels`,
   * convolutions go through the FFT (kernel spectra cached there across resamples).
   */
  constructor(
    readonly f: ArrayLike<number>,
    private readonly y: ArrayLike<number>,
    readonly weights: ArrayLike<number> | null = null,
    private readonly kernels: SpectrumCache | null = null,
  ) {
    checkInputs(f, y, weights);
  }

  private grid(points: number): Float64Array[] {
    let grid = this.grids.get(points);
    if (!grid) {
      grid = [
        // The residuals f − y, computed as they are spread.
        spreadOnGrid(this.f, this.f, this.weights, points, this.y),
        spreadOnGrid(this.f, null, this.weights, points),
      ];
      this.grids.set(points, grid);
    }
    return grid;
  }

  private smoother(sigma: number): GridSmoother {
    const kernel = gridKernel(sigma, gridPoints(sigma));
    const grid = this.grid(kernel.points);
    if (!this.kernels) return new ReflectedConvolution(kernel, grid);
    let spectrum = this.spectra.get(kernel.points);
    if (!spectrum) {
      spectrum = seriesSpectrum(grid[0], grid[1]);
      this.spectra.set(kernel.points, spectrum);
    }
    return new FftConvolution(kernel, spectrum, this.kernels);
  }

  /** smECE at bandwidth σ (relplot's smECE_sigma). */
  atSigma(sigma: number): number {
    const cached = this.values.get(sigma);
    if (cached !== undefined) return cached;
    const conv = this.smoother(sigma);
    const mesh = Math.max(roundHalfEven(10 / sigma), SMOOTH_ECE_MESH_POINTS);
    let weighted = 0;
    let total = 0;
    for (let k = 0; k < mesh; k++) {
      const t = linspacePoint(k, mesh);
      const density = conv.at(t, 1) + DENSITY_EPS;
      weighted += Math.abs(conv.at(t, 0) / density) * density;
      total += density;
    }
    const value = weighted / total;
    this.values.set(sigma, value);
    return value;
  }

  private tooSmall(sigma: number): boolean {
    return sigma < SMALLEST_SIGMA || sigma < this.atSigma(sigma);
  }

  /** σ* of relplot's search_param and smECE at σ*. */
  smooth(): SmoothEce {
    // relplot first tests σ = 1, which is never too small: |r̂(t)| < 1 everywhere, so smECE_1 < 1.
    let sigma = 1;
    let end = 0;
    for (let step = 0; step < BISECTION_STEPS; step++) {
      const mid = (sigma + end) / 2;
      if (this.tooSmall(mid)) end = mid;
      else sigma = mid;
    }
    return { value: this.atSigma(sigma), sigma };
  }
}

/** relplot.smECE(f, y, return_width=True): the smooth ECE and its bandwidth σ*. */
export function smoothEce(
  f: ArrayLike<number>,
  y: ArrayLike<number>,
  weights: ArrayLike<number> | null = null,
): SmoothEce {
  return new SmoothEceData(f, y, weights).smooth();
}

/** relplot.smECE_sigma(f, y, σ): smooth ECE at a fixed bandwidth. */
export function smoothEceAtSigma(f: ArrayLike<number>, y: ArrayLike<number>, sigma: number): number {
  if (!(sigma > 0 && Number.isFinite(sigma))) throw new RangeError(`σ must be a positive number, got ${sigma}`);
  return new SmoothEceData(f, y).atSigma(sigma);
}

function checkInputs(f: ArrayLike<number>, y: ArrayLike<number>, weights: ArrayLike<number> | null): void {
  if (f.length === 0) throw new RangeError('smooth ECE needs at least one row');
  if (y.length !== f.length) throw new RangeError(`there are ${y.length} outcomes for ${f.length} predictions`);
  if (weights && weights.length !== f.length)
    throw new RangeError(`there are ${weights.length} weights for ${f.length} rows`);
  for (let i = 0; i < f.length; i++) {
    if (!(f[i] >= 0 && f[i] <= 1))
      throw new RangeError(`prediction ${f[i]} at row ${i} is not a probability in [0, 1]`);
  }
}
