/**
 * Calibration metrics in float64 JavaScript numbers (no tfjs), so the CLI, the host and the
 * webview compute exactly the same values.
 */

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
  classes: number;
}

/** Row-major N×K probabilities. */
export interface ProbabilityMatrix {
  data: ArrayLike<number>;
  rows: number;
  cols: number;
}

export type ProbabilitiesInput =
  | ProbabilityMatrix
  | ArrayLike<ArrayLike<number>>
  | { arraySync(): unknown };

export type LabelsInput = ArrayLike<number> | { arraySync(): unknown };

export interface CalibrationOptions {
  /** Number of bins M (default 15). */
  bins?: number;
}

/** Top-label confidences and hits, the input of a reliability diagram. */
export interface ConfidenceHits {
  confidence: Float64Array;
  hit: Uint8Array;
}

export const DEFAULT_BINS = 15;
const NLL_FLOOR = 1e-12;

export function calibrationReport(
  probs: ProbabilitiesInput,
  labels: LabelsInput,
  options: CalibrationOptions = {},
): CalibrationReport {
  const bins = checkBinCount(options.bins ?? DEFAULT_BINS);
  const matrix = toMatrix(probs);
  const y = toLabels(labels, matrix);
  const { rows: n, cols: k, data } = matrix;

  const top = topLabel(matrix, y);
  let brierSum = 0;
  let nllSum = 0;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const row = i * k;
    for (let c = 0; c < k; c++) {
      const d = data[row + c] - (c === y[i] ? 1 : 0);
      brierSum += d * d;
    }
    nllSum += -Math.log(Math.max(data[row + y[i]], NLL_FLOOR));
    hits += top.hit[i];
  }

  const widthBins = reliabilityBins(top.confidence, top.hit, bins, 'equal-width');
  const massBins = reliabilityBins(top.confidence, top.hit, bins, 'equal-mass');
  const classwise = classwiseEce(matrix, y, bins);
  return {
    ece: expectedCalibrationError(widthBins),
    mce: maximumCalibrationError(widthBins),
    brier: brierSum / n,
    nll: nllSum / n,
    accuracy: hits / n,
    n,
    bins: widthBins,
    adaptiveEce: expectedCalibrationError(massBins),
    classwiseEce: classwise,
    classes: k,
  };
}

/**
 * Kull et al. (2019): mean over classes k of Σ_m (n_mk/N)·|freq_mk(y = k) − mean_mk(p_k)|, with p_k
 * binned in equal-width bins. One pass over the matrix, no per-class copies.
 */
export function classwiseEce(matrix: ProbabilityMatrix, labels: ArrayLike<number>, bins: number): number {
  const { rows, cols, data } = matrix;
  const count = new Float64Array(cols * bins);
  const hits = new Float64Array(cols * bins);
  const confSum = new Float64Array(cols * bins);
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < cols; c++) {
      const p = data[i * cols + c];
      const cell = c * bins + equalWidthBinIndex(p, bins);
      count[cell]++;
      confSum[cell] += p;
      if (labels[i] === c) hits[cell]++;
    }
  }
  let total = 0;
  for (let c = 0; c < cols; c++) {
    let ece = 0;
    for (let m = 0; m < bins; m++) {
      const cell = c * bins + m;
      if (count[cell] > 0) ece += (count[cell] / rows) * Math.abs(hits[cell] / count[cell] - confSum[cell] / count[cell]);
    }
    total += ece;
  }
  return total / cols;
}

/** Top-label confidence c = max_k p_k and whether argmax (lowest index on ties) equals the label. */
export function topLabel(matrix: ProbabilityMatrix, labels: ArrayLike<number>): ConfidenceHits {
  const { rows, cols, data } = matrix;
  const confidence = new Float64Array(rows);
  const hit = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    let best = 0;
    for (let c = 1; c < cols; c++) if (data[row + c] > data[row + best]) best = c;
    confidence[i] = data[row + best];
    hit[i] = best === labels[i] ? 1 : 0;
  }
  return { confidence, hit };
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
  const binOf = assignBins(confidence, bins, scheme);
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
  const sorted = Float64Array.from(confidence).sort();
  const binOfRank = new Int32Array(n);
  const cuts = equalMassCuts(sorted, bins);
  for (let m = 0; m < bins; m++) binOfRank.fill(m, m === 0 ? 0 : cuts[m - 1], m === bins - 1 ? n : cuts[m]);
  // A row's bin is that of the first rank its value holds: no cut splits a run of equal values,
  // so every row of a run lands in the same bin whatever the row order.
  for (let i = 0; i < n; i++) binOf[i] = binOfRank[lowerBound(sorted, confidence[i])];
  return binOf;
}

/**
 * Where equal-mass bins end in the ascending confidences: bin m holds ranks [cuts[m−1], cuts[m]).
 * The cuts are those of numpy.array_split (sizes ⌈N/M⌉ first, then ⌊N/M⌋), except that a cut that
 * would split a run of equal confidences moves to the nearer end of the run (the upper end when
 * both are as near). Bins are then a function of the multiset of confidences, not of row order;
 * some can be empty, and with no ties the bins are exactly numpy.array_split's.
 */
export function equalMassCuts(sorted: ArrayLike<number>, bins: number): Int32Array {
  const n = sorted.length;
  const base = Math.floor(n / bins);
  const extra = n % bins;
  const cuts = new Int32Array(Math.max(0, bins - 1));
  for (let m = 0, end = 0; m < bins - 1; m++) {
    end += base + (m < extra ? 1 : 0);
    let cut = end;
    if (cut > 0 && cut < n && sorted[cut - 1] === sorted[cut]) {
      const lo = lowerBound(sorted, sorted[cut]);
      const hi = lowerBound(sorted, sorted[cut], true);
      cut = cut - lo < hi - cut ? lo : hi;
    }
    cuts[m] = cut;
  }
  return cuts;
}

/** The first index of an ascending array whose value is not below c (above c, with `after`). */
function lowerBound(sorted: ArrayLike<number>, c: number, after = false): number {
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

export function expectedCalibrationError(bins: readonly ReliabilityBin[]): number {
  let n = 0;
  for (const b of bins) n += b.count;
  if (n === 0) return 0;
  let ece = 0;
  for (const b of bins) if (b.count > 0) ece += (b.count / n) * Math.abs(b.accuracy - b.confidence);
  return ece;
}

export function maximumCalibrationError(bins: readonly ReliabilityBin[]): number {
  let mce = 0;
  for (const b of bins) if (b.count > 0) mce = Math.max(mce, Math.abs(b.accuracy - b.confidence));
  return mce;
}

function checkBinCount(bins: number): number {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  return bins;
}

function isMatrix(value: unknown): value is ProbabilityMatrix {
  return typeof value === 'object' && value !== null && 'data' in value && 'rows' in value && 'cols' in value;
}

function hasArraySync(value: unknown): value is { arraySync(): unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { arraySync?: unknown }).arraySync === 'function';
}

/** Accepts number[][], a row-major matrix or a 2-D tensor-like (arraySync), and checks it. */
export function toMatrix(probs: ProbabilitiesInput): ProbabilityMatrix {
  let matrix: ProbabilityMatrix;
  if (isMatrix(probs)) {
    matrix = probs;
    if (matrix.data.length !== matrix.rows * matrix.cols) {
      throw new RangeError(`probabilities hold ${matrix.data.length} values, expected ${matrix.rows}×${matrix.cols}`);
    }
  } else {
    const rows = (hasArraySync(probs) ? probs.arraySync() : probs) as ArrayLike<ArrayLike<number>>;
    if (rows == null || typeof rows.length !== 'number') throw new TypeError('probabilities must be an N×K array');
    const n = rows.length;
    const k = n > 0 && rows[0] != null ? rows[0].length : 0;
    const data = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      if (row == null || row.length !== k) {
        throw new RangeError(`probability row ${i} has ${row?.length ?? 0} values, expected ${k}`);
      }
      for (let c = 0; c < k; c++) data[i * k + c] = row[c];
    }
    matrix = { data, rows: n, cols: k };
  }
  if (matrix.rows < 1) throw new RangeError('calibration needs at least one row');
  if (matrix.cols < 1) throw new RangeError('calibration needs at least one class');
  for (let i = 0; i < matrix.data.length; i++) {
    if (!Number.isFinite(matrix.data[i])) {
      const row = Math.floor(i / matrix.cols);
      throw new RangeError(`probability at row ${row}, class ${i % matrix.cols} is not finite (${matrix.data[i]})`);
    }
  }
  return matrix;
}

function toLabels(labels: LabelsInput, matrix: ProbabilityMatrix): ArrayLike<number> {
  const y = (hasArraySync(labels) ? labels.arraySync() : labels) as ArrayLike<number>;
  if (y == null || typeof y.length !== 'number') throw new TypeError('labels must be an array of class indices');
  if (y.length !== matrix.rows) {
    throw new RangeError(`there are ${y.length} labels for ${matrix.rows} probability rows`);
  }
  for (let i = 0; i < y.length; i++) {
    if (!Number.isInteger(y[i]) || y[i] < 0 || y[i] >= matrix.cols) {
      throw new RangeError(`label ${y[i]} at row ${i} is not a class index in [0, ${matrix.cols - 1}]`);
    }
  }
  return y;
}
