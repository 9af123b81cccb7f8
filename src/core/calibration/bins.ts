import { checkBinCount } from './input';
import { EqualMassRanks } from './equalMassRanks';
import { tableBin, widthBinTable } from './widthBinTable';

export { equalWidthBinIndex } from './equalWidthBin';
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
    let top = data[row];
    for (let c = 1; c < cols; c++) {
      const p = data[row + c];
      if (p > top) {
        best = c;
        top = p;
      }
    }
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
  const mass = scheme === 'equal-mass'; // only equal-mass bins have their largest confidence for an edge
  for (let i = 0; i < binOf.length; i++) {
    const m = binOf[i];
    const c = confidence[i];
    count[m]++;
    hits[m] += hit[i];
    confSum[m] += c;
    if (mass) confMax[m] = Math.max(confMax[m], c);
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
    const widths = widthBinTable(bins);
    for (let i = 0; i < n; i++) binOf[i] = tableBin(widths, confidence[i]);
    return binOf;
  }
  return new EqualMassRanks(confidence).assign(bins) as Int32Array;
}
