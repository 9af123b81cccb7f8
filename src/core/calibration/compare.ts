import { equalWidthBinIndex, topLabel } from './bins';
import { drawMultiplicities, quantileSorted } from './resampling';
import type { SpectrumCache } from './kernelSmoothing';
import { NLL_FLOOR } from './scores';
import { SmoothEceData } from './smoothEce';
import { runToEnd } from './steps';
import { seededRandom } from '../random';
import { DEFAULT_BINS, ProbabilityMatrix } from './types';

/**
 * Two models' predictions on the same rows, compared by a paired bootstrap: every resample draws
 * rows with replacement once and measures both models on those same rows, so the interval of
 * B − A reflects how the two differ on the same examples rather than each one's own noise.
 */
export const COMPARED_METRICS = ['accuracy', 'ece', 'smoothEce', 'nll', 'brier'] as const;
export type ComparedMetric = (typeof COMPARED_METRICS)[number];
export type MetricValues = Record<ComparedMetric, number>;

export interface Difference {
  /** B − A on all rows (exact). */
  mean: number;
  low: number;
  high: number;
}

export interface Comparison {
  rows: number;
  a: MetricValues;
  b: MetricValues;
  differences: Record<ComparedMetric, Difference>;
  resamples: number;
  seed: number;
  level: number;
  bins: number;
}

export interface CompareOptions {
  resamples?: number;
  seed?: number;
  level?: number;
  bins?: number;
}

export const DEFAULT_COMPARE_RESAMPLES = 1000;
export const DEFAULT_COMPARE_SEED = 20240612;

export function compareModels(
  a: ProbabilityMatrix,
  b: ProbabilityMatrix,
  labels: ArrayLike<number>,
  options: CompareOptions = {},
): Comparison {
  return runToEnd(compareModelsSteps(a, b, labels, options));
}

/** The same in slices of `chunk` resamples; each `next()` yields the fraction done. */
export function* compareModelsSteps(
  a: ProbabilityMatrix,
  b: ProbabilityMatrix,
  labels: ArrayLike<number>,
  options: CompareOptions = {},
  chunk = 20,
): Generator<number, Comparison> {
  const resamples = options.resamples ?? DEFAULT_COMPARE_RESAMPLES;
  const seed = options.seed ?? DEFAULT_COMPARE_SEED;
  const level = options.level ?? 0.95;
  const bins = options.bins ?? DEFAULT_BINS;
  if (!Number.isInteger(resamples) || resamples < 1)
    throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  if (a.rows !== b.rows) throw new RangeError(`A has ${a.rows} rows, B has ${b.rows}`);
  if (a.cols !== b.cols) throw new RangeError(`A has ${a.cols} classes, B has ${b.cols}`);

  const kernels: SpectrumCache = new Map();
  const models = [new RowScores(a, labels, bins, kernels), new RowScores(b, labels, bins, kernels)];
  const full = models.map((m) => m.metrics(null));
  const replicates = Object.fromEntries(COMPARED_METRICS.map((k) => [k, new Float64Array(resamples)])) as Record<
    ComparedMetric,
    Float64Array
  >;
  const random = seededRandom(seed);
  const weights = new Float64Array(a.rows);
  for (let r = 0; r < resamples; r++) {
    if (r > 0 && r % chunk === 0) yield r / resamples;
    drawMultiplicities(random, weights);
    const [ma, mb] = models.map((m) => m.metrics(weights));
    for (const k of COMPARED_METRICS) replicates[k][r] = mb[k] - ma[k];
  }
  const differences = {} as Record<ComparedMetric, Difference>;
  for (const k of COMPARED_METRICS) {
    const sorted = replicates[k].sort();
    differences[k] = {
      mean: full[1][k] - full[0][k],
      low: quantileSorted(sorted, (1 - level) / 2),
      high: quantileSorted(sorted, 1 - (1 - level) / 2),
    };
  }
  return { rows: a.rows, a: full[0], b: full[1], differences, resamples, seed, level, bins };
}

/** One model's per-row quantities, so that a resample's metrics are weighted sums. */
class RowScores {
  private readonly confidence: Float64Array;
  private readonly hit: Uint8Array;
  private readonly bin: Int32Array;
  private readonly nll: Float64Array;
  private readonly brier: Float64Array;
  private readonly gap: Float64Array;

  constructor(
    matrix: ProbabilityMatrix,
    labels: ArrayLike<number>,
    private readonly bins: number,
    private readonly kernels: SpectrumCache,
  ) {
    const { rows, cols, data } = matrix;
    ({ confidence: this.confidence, hit: this.hit } = topLabel(matrix, labels));
    this.bin = new Int32Array(rows);
    this.nll = new Float64Array(rows);
    this.brier = new Float64Array(rows);
    this.gap = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      this.bin[i] = equalWidthBinIndex(this.confidence[i], bins);
      this.gap[i] = this.hit[i] - this.confidence[i];
      this.nll[i] = -Math.log(Math.max(data[i * cols + labels[i]], NLL_FLOOR));
      let sum = 0;
      for (let c = 0; c < cols; c++) {
        const d = data[i * cols + c] - (c === labels[i] ? 1 : 0);
        sum += d * d;
      }
      this.brier[i] = sum;
    }
  }

  /** The metrics of a resample (multiplicities; convolutions through the FFT), or of all rows. */
  metrics(weights: Float64Array | null): MetricValues {
    const n = this.confidence.length;
    const binGap = new Float64Array(this.bins);
    let hits = 0;
    let nll = 0;
    let brier = 0;
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i] : 1;
      if (w === 0) continue;
      binGap[this.bin[i]] += w * this.gap[i];
      hits += w * this.hit[i];
      nll += w * this.nll[i];
      brier += w * this.brier[i];
    }
    let ece = 0;
    for (let m = 0; m < this.bins; m++) ece += Math.abs(binGap[m]);
    const smooth = new SmoothEceData(this.confidence, this.hit, weights, weights ? this.kernels : null).smooth().value;
    return { accuracy: hits / n, ece: ece / n, smoothEce: smooth, nll: nll / n, brier: brier / n };
  }
}

/**
 * The row of B holding each row of A's id, or a message naming the first id that cannot be
 * matched: ids must be unique in each file and the same set in both.
 */
export interface IdMismatch {
  side: 'A' | 'B';
  detail: string;
}

export function matchIds(idsA: readonly string[], idsB: readonly string[]): Int32Array | IdMismatch {
  const rowOfB = new Map<string, number>();
  for (let j = 0; j < idsB.length; j++) {
    const seen = rowOfB.get(idsB[j]);
    if (seen !== undefined)
      return { side: 'B', detail: `the id '${idsB[j]}' appears at rows ${seen + 1} and ${j + 1}` };
    rowOfB.set(idsB[j], j);
  }
  const order = new Int32Array(idsA.length);
  const rowOfA = new Map<string, number>();
  for (let i = 0; i < idsA.length; i++) {
    const seen = rowOfA.get(idsA[i]);
    if (seen !== undefined)
      return { side: 'A', detail: `the id '${idsA[i]}' appears at rows ${seen + 1} and ${i + 1}` };
    rowOfA.set(idsA[i], i);
    const j = rowOfB.get(idsA[i]);
    if (j === undefined) return { side: 'A', detail: `the id '${idsA[i]}' of row ${i + 1} is not in the other file` };
    order[i] = j;
  }
  if (idsB.length !== idsA.length) {
    const extra = idsB.findIndex((id) => !rowOfA.has(id));
    return { side: 'B', detail: `the id '${idsB[extra]}' of row ${extra + 1} is not in the other file` };
  }
  return order;
}
