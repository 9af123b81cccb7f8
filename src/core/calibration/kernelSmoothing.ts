import { fft, nextPowerOfTwo } from './fft';

/**
 * The kernel smoothing of Apple's relplot (≥ 1.0.2, kernels.ReflectedGaussianKernel), step for step, so
 * that smooth ECE and the smoothed reliability curve agree with relplot to rounding:
 *
 * - the rows are spread linearly onto a grid of E = ⌊max(2000, round(20/σ))/2⌋ + 1 points i/(E−1)
 *   (relplot's smooth_round_to_grid; Python's round, so halves go to even);
 * - the grid is reflected about both end points (without repeating them) and convolved with the
 *   Gaussian density sampled on linspace(0, 1, E) − 0.5, i.e. truncated at ±0.5 and, for an even E,
 *   half a grid step off centre, exactly as relplot's np.convolve(…, 'valid') slice is;
 * - the convolution is read off at any point t by linear interpolation between grid nodes.
 *
 * Kernel terms below 2⁻⁸⁰ of the kernel's peak are skipped: their whole contribution is far below
 * float64 resolution of any result, and it makes small σ (large grids) cheap.
 */

/** Python's round(): to the nearest integer, halves to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** numpy.linspace(0, 1, n)[i]: i·(1/(n−1)), the last point exactly 1. */
export function linspacePoint(i: number, n: number): number {
  return i === n - 1 ? 1 : i * (1 / (n - 1));
}

export function linspace(n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = linspacePoint(i, n);
  return out;
}

/** Grid size of relplot's GaussianKernel.apply for bandwidth σ. */
export function gridPoints(sigma: number): number {
  return Math.floor(Math.max(2000, roundHalfEven(20 / sigma)) / 2) + 1;
}

/**
 * Σ over rows of w_i·y_i spread onto the grid: (1 − frac) to the node below f·(E−1), frac to the
 * one above (the node index is clipped to [0, E−2]). `y` null means 1 for every row; with
 * `subtract`, y_i is y_i − subtract_i (the residual f − hit, without an array of it); `weights`
 * (bootstrap multiplicities) null means 1.
 */
export function spreadOnGrid(
  f: ArrayLike<number>,
  y: ArrayLike<number> | null,
  weights: ArrayLike<number> | null,
  points: number,
  subtract: ArrayLike<number> | null = null,
): Float64Array {
  const values = new Float64Array(points);
  const scale = points - 1;
  for (let i = 0; i < f.length; i++) {
    const w = weights ? weights[i] : 1;
    if (w === 0) continue;
    const x = f[i] * scale;
    const node = Math.min(points - 2, Math.max(0, Math.trunc(x)));
    const frac = x - node;
    const v = y ? (subtract ? y[i] - subtract[i] : y[i]) : 1;
    values[node] += w === 1 ? (1 - frac) * v : w * ((1 - frac) * v);
    values[node + 1] += w === 1 ? frac * v : w * (frac * v);
  }
  return values;
}

/** A Gaussian kernel of bandwidth σ on a grid of E points, with the span of terms worth adding. */
export interface GridKernel {
  sigma: number;
  points: number;
  taps: Float64Array;
  first: number;
  last: number;
}

export function gridKernel(sigma: number, points = gridPoints(sigma)): GridKernel {
  const taps = new Float64Array(points);
  const variance = sigma ** 2;
  const norm = Math.sqrt(2 * Math.PI) * sigma;
  let peak = 0;
  for (let d = 0; d < points; d++) {
    const u = linspacePoint(d, points) - 0.5;
    taps[d] = Math.exp((-u * u) / (2 * variance)) / norm;
    peak = Math.max(peak, taps[d]);
  }
  const floor = peak * 2 ** -80;
  let first = 0;
  let last = points - 1;
  while (first < last && taps[first] < floor) first++;
  while (last > first && taps[last] < floor) last--;
  return { sigma, points, taps, first, last };
}

/** A grid series smoothed by the kernel, read off at any t in [0, 1]. */
export interface GridSmoother {
  at(t: number, series: number): number;
}

/** relplot's interpolate(): linear between the two nodes around t·(E−1). */
function readOff(out: Float64Array, points: number, t: number): number {
  const top = points - 1;
  const bucket = 1 / top;
  const i = Math.min(top - 1, Math.max(0, Math.trunc(t * top)));
  const residual = (t - i * bucket) / bucket;
  return out[i] * (1 - residual) + out[i + 1] * residual;
}

/** The series padded with its mirror images about both end nodes (ends not repeated): relplot's ext_vals. */
function reflectPad(v: Float64Array): Float64Array {
  const n = v.length;
  const ext = new Float64Array(3 * n - 2);
  for (let q = 0; q < ext.length; q++) {
    const s = q - (n - 1);
    ext[q] = v[s < 0 ? -s : s > n - 1 ? 2 * (n - 1) - s : s];
  }
  return ext;
}

/**
 * The reflected convolution of one or two grid series, evaluated lazily node by node: relplot's
 * output node i is Σ_d taps[d]·v[reflect(i + ⌊E/2⌋ − d)], with reflect(s) = −s below 0 and
 * 2(E−1) − s above E−1 (here read from the series padded with its two mirror images).
 */
export class ReflectedConvolution implements GridSmoother {
  private readonly done: Uint8Array;
  private readonly padded: Float64Array[];
  readonly out: Float64Array[];

  constructor(
    private readonly kernel: GridKernel,
    series: Float64Array[],
  ) {
    const n = kernel.points;
    this.done = new Uint8Array(n);
    this.padded = series.map(reflectPad);
    this.out = series.map(() => new Float64Array(n));
  }

  node(i: number): void {
    if (this.done[i]) return;
    this.done[i] = 1;
    const { taps, first, last, points } = this.kernel;
    const base = i + Math.floor(points / 2) + points - 1;
    for (let s = 0; s < this.padded.length; s++) this.out[s][i] = dot(taps, first, last, this.padded[s], base);
  }

  /** The convolved series at t by relplot's interpolate(): linear between the two nodes around t·(E−1). */
  at(t: number, series: number): number {
    const top = this.kernel.points - 1;
    const i = Math.min(top - 1, Math.max(0, Math.trunc(t * top)));
    this.node(i);
    this.node(i + 1);
    return readOff(this.out[series], this.kernel.points, t);
  }
}

/** Kernel spectra by σ and transform size, shared by the resamples of one bootstrap. */
export type SpectrumCache = Map<string, { re: Float64Array; im: Float64Array }>;

/** The spectrum of two grid series padded by reflection (the first as real part, the second as imaginary). */
export interface SeriesSpectrum {
  points: number;
  size: number;
  re: Float64Array;
  im: Float64Array;
}

export function seriesSpectrum(a: Float64Array, b: Float64Array): SeriesSpectrum {
  const points = a.length;
  const size = nextPowerOfTwo(4 * points - 3);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  re.set(reflectPad(a));
  im.set(reflectPad(b));
  fft(re, im);
  return { points, size, re, im };
}

/**
 * The same convolution of two series at every node at once, through the FFT: the same sums as
 * ReflectedConvolution up to rounding (≈1e-16 of the largest node), for bootstrap resamples.
 */
export class FftConvolution implements GridSmoother {
  readonly out: Float64Array[];

  constructor(kernel: GridKernel, spectrum: SeriesSpectrum, cache: SpectrumCache) {
    const { points, size } = spectrum;
    const key = `${kernel.sigma}:${size}`;
    let k = cache.get(key);
    if (!k) {
      k = { re: new Float64Array(size), im: new Float64Array(size) };
      k.re.set(kernel.taps);
      fft(k.re, k.im);
      cache.set(key, k);
    }
    const re = new Float64Array(size);
    const im = new Float64Array(size);
    for (let j = 0; j < size; j++) {
      re[j] = spectrum.re[j] * k.re[j] - spectrum.im[j] * k.im[j];
      im[j] = spectrum.re[j] * k.im[j] + spectrum.im[j] * k.re[j];
    }
    fft(re, im, true);
    const offset = points - 1 + Math.floor(points / 2);
    this.out = [re.slice(offset, offset + points), im.slice(offset, offset + points)];
  }

  at(t: number, series: number): number {
    return readOff(this.out[series], this.out[series].length, t);
  }
}

/** Σ_{d = first..last} taps[d]·v[base − d], in four running sums (one would wait on each addition). */
function dot(taps: Float64Array, first: number, last: number, v: Float64Array, base: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let d = first;
  for (; d + 3 <= last; d += 4) {
    const q = base - d;
    s0 += taps[d] * v[q];
    s1 += taps[d + 1] * v[q - 1];
    s2 += taps[d + 2] * v[q - 2];
    s3 += taps[d + 3] * v[q - 3];
  }
  for (; d <= last; d++) s0 += taps[d] * v[base - d];
  return s0 + s1 + (s2 + s3);
}
