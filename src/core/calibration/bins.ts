import { checkBinCount } from './input';
import type { BinScheme, ConfidenceHits, ProbabilityMatrix, ReliabilityBin } from './types';

/** Top-label confidence c = max_k p_k and whether argmax (lowest index on ties) equals the label. */
export function topLabel(matrix: ProbabilityMatrix, labels: ArrayLike<number>): ConfidenceHits {
  const predicted = predictedClasses(matrix);
  const confidence = new Float64Array(matrix.rows);
  const hit = new Uint8Array(matrix.rows);
  for (let i = 0; i < matrix.rows; i++) {
    confidence[i] = matrix.data[i * matrix.cols + predicted[i]];
    hit[i] = predicted[i] === labels[i] ? 1 : 0;
  }
  return { confidence, hit };
}

/** The argmax of each row, the lowest index on ties. */
export function predictedClasses(matrix: ProbabilityMatrix): Int32Array {
  const { rows, cols, data } = matrix;
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    let best = 0;
    for (let c = 1; c < cols; c++) if (data[row + c] > data[row + best]) best = c;
    out[i] = best;
  }
  return out;
}

/** One-vs-rest view of class c: confidence p_c, hit 1[y = c]. */
export function classConfidence(matrix: ProbabilityMatrix, labels: ArrayLike<number>, c: number): ConfidenceHits {
  const { rows, cols, data } = matrix;
  const confidence = new Float64Array(rows);
  const hit = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    confidence[i] = data[i * cols + c];
    hit[i] = labels[i] === c ? 1 : 0;
  }
  return { confidence, hit };
}

/**
 * Equal-width bins follow Guo et al. (2017): edges m/M; bin 1 holds 0 ≤ c ≤ 1/M and bin m holds
 * (m−1)/M < c ≤ m/M. Equal-mass bins split the ascending confidences like numpy's array_split but
 * never inside a run of ties (equalMassCuts); their edges are the largest confidence of the bin
 * below (0 for the first) and of the bin itself.
 */
export function reliabilityBins(
  confidence: ArrayLike<number>,
  hit: ArrayLike<number>,
  bins: number,
  scheme: BinScheme = 'equal-width',
): ReliabilityBin[] {
  return binsOfAssignment(confidence, hit, assignBins(confidence, bins, scheme), bins, scheme);
}

/** The bins of rows already assigned to them (assignBins, or EqualMassRanks for repeated equal-mass binnings). */
export function binsOfAssignment(
  confidence: ArrayLike<number>,
  hit: ArrayLike<number>,
  binOf: ArrayLike<number>,
  bins: number,
  scheme: BinScheme,
): ReliabilityBin[] {
  const count = new Float64Array(bins);
  const hits = new Float64Array(bins);
  const confSum = new Float64Array(bins);
  const confMax = new Float64Array(bins);
  for (let i = 0; i < binOf.length; i++) {
    const m = binOf[i];
    count[m]++;
    hits[m] += hit[i];
    confSum[m] += confidence[i];
    confMax[m] = Math.max(confMax[m], confidence[i]);
  }
  const out: ReliabilityBin[] = [];
  let lower = 0;
  for (let m = 0; m < bins; m++) {
    const upper = scheme === 'equal-width' ? (m + 1) / bins : count[m] > 0 ? confMax[m] : lower;
    if (scheme === 'equal-width') lower = m / bins;
    out.push({
      lower,
      upper,
      count: count[m],
      accuracy: count[m] > 0 ? hits[m] / count[m] : 0,
      confidence: count[m] > 0 ? confSum[m] / count[m] : 0,
    });
    lower = upper;
  }
  return out;
}

/** The 0-based bin of every row. */
export function assignBins(confidence: ArrayLike<number>, bins: number, scheme: BinScheme = 'equal-width'): Int32Array {
  checkBinCount(bins);
  const n = confidence.length;
  const binOf = new Int32Array(n);
  if (scheme === 'equal-width') {
    for (let i = 0; i < n; i++) binOf[i] = equalWidthBinIndex(confidence[i], bins);
    return binOf;
  }
  return new EqualMassRanks(confidence).assign(bins);
}

/** The confidences sorted once, so that equal-mass bins of any count cost no sort. */
export class EqualMassRanks {
  private readonly sorted: Float64Array;
  /** Each row's first rank among equal values. */
  private readonly firstRank: Int32Array;

  constructor(confidence: ArrayLike<number>) {
    this.sorted = Float64Array.from(confidence).sort();
    this.firstRank = new Int32Array(confidence.length);
    for (let i = 0; i < confidence.length; i++) this.firstRank[i] = lowerBound(this.sorted, confidence[i]);
  }

  assign(bins: number): Int32Array {
    checkBinCount(bins);
    const n = this.sorted.length;
    const binOfRank = new Int32Array(n);
    const cuts = equalMassCuts(this.sorted, bins);
    for (let m = 0; m < bins; m++) binOfRank.fill(m, m === 0 ? 0 : cuts[m - 1], m === bins - 1 ? n : cuts[m]);
    // A row's bin is that of the first rank its value holds: no cut splits a run of equal values,
    // so every row of a run lands in the same bin whatever the row order.
    const binOf = new Int32Array(n);
    for (let i = 0; i < n; i++) binOf[i] = binOfRank[this.firstRank[i]];
    return binOf;
  }
}

/** Ascending values read by rank: a sorted array (sortedArray), or BucketedRanks for millions of rows. */
export interface SortedValues {
  readonly length: number;
  /** The value of rank r (0-based). */
  valueAt(rank: number): number;
  /** The first rank whose value is not below v (above v, with `after`). */
  rankOf(v: number, after: boolean): number;
}

/** An ascending array read as SortedValues. */
export function sortedArray(sorted: ArrayLike<number>): SortedValues {
  return {
    length: sorted.length,
    valueAt: (rank) => sorted[rank],
    rankOf: (v, after) => lowerBound(sorted, v, after),
  };
}

/**
 * Where equal-mass bins end in the ascending confidences: bin m holds ranks [cuts[m−1], cuts[m]).
 * The cuts are those of numpy.array_split (sizes ⌈N/M⌉ first, then ⌊N/M⌋), except that a cut that
 * would split a run of equal confidences moves to the nearer end of the run (the upper end when
 * both are as near). Bins are then a function of the multiset of confidences, not of row order;
 * some can be empty, and with no ties the bins are exactly numpy.array_split's.
 */
export function equalMassCuts(sorted: ArrayLike<number> | SortedValues, bins: number): Int32Array {
  const values = 'rankOf' in sorted ? sorted : sortedArray(sorted);
  const n = values.length;
  const cuts = new Int32Array(Math.max(0, bins - 1));
  equalMassEnds(n, bins).forEach((end, m) => {
    let cut = end;
    if (cut > 0 && cut < n) {
      const v = values.valueAt(cut);
      if (values.valueAt(cut - 1) === v) {
        const lo = values.rankOf(v, false);
        const hi = values.rankOf(v, true);
        cut = cut - lo < hi - cut ? lo : hi;
      }
    }
    cuts[m] = cut;
  });
  return cuts;
}

/** numpy.array_split's ends of the first M − 1 parts of N ranks: sizes ⌈N/M⌉ first, then ⌊N/M⌋. */
export function equalMassEnds(n: number, bins: number): number[] {
  const base = Math.floor(n / bins);
  const extra = n % bins;
  const ends: number[] = [];
  for (let m = 0, end = 0; m < bins - 1; m++) {
    end += base + (m < extra ? 1 : 0);
    ends.push(end);
  }
  return ends;
}

/** The first index of an ascending array whose value is not below c (above c, with `after`). */
export function lowerBound(sorted: ArrayLike<number>, c: number, after = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < c || (after && sorted[mid] === c)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The 0-based index of the equal-width bin that holds c. */
export function equalWidthBinIndex(c: number, bins: number): number {
  let m = Math.min(bins, Math.max(1, Math.ceil(c * bins)));
  // c·M can round across an edge; the edges themselves are the divisions m/M.
  while (m > 1 && c <= (m - 1) / bins) m--;
  while (m < bins && c > m / bins) m++;
  return m - 1;
}
