import { reliabilityBins, topLabel } from './bins';
import { expectedCalibrationError, maximumCalibrationError } from './ece';
import type { ProbabilityMatrix, ReliabilityBin } from './types';

/**
 * ECE and MCE as three libraries bin them, so that numbers can be reconciled with theirs:
 *
 * - `guo` (this project's): top label, M equal-width bins right-closed at m/M (Guo et al. 2017);
 * - `torchmetrics` 1.9 (binary_/multiclass_calibration_error): float32 throughout; two classes are
 *   the binary task (p₁ against the label), more are the multiclass one (top label); edges are
 *   torch.linspace(0, 1, M+1) in float32 and bins left-closed (bucketize right=True), so a
 *   confidence of exactly 1.0 (in float32: anything above 1 − 2⁻²⁵) falls in an extra bin [1, ∞);
 *   per-bin sums are float32 running sums (scatter_add_);
 * - `netcal` 1.3 (netcal.metrics.ECE / MCE, equal_intervals): probabilities clipped to
 *   [ε, 1 − ε] (float64 ε); labels with at most two distinct values make a binary problem (p₁ against
 *   the label; more than two columns are refused, as netcal does), otherwise top label; edges
 *   numpy.linspace(0, 1, M+1), bins left-closed [e_m, e_{m+1}).
 *
 * Every convention's MCE is the largest |accuracy − confidence| over non-empty bins.
 */
export type Convention = 'guo' | 'torchmetrics' | 'netcal';
export const CONVENTIONS: readonly Convention[] = ['guo', 'torchmetrics', 'netcal'];
/** Each library's default number of bins. */
export const CONVENTION_BINS: Readonly<Record<Convention, number>> = { guo: 15, torchmetrics: 15, netcal: 10 };

export interface ConventionResult {
  convention: Convention;
  /** What was binned: the top-label confidence, or p₁ against the label. */
  task: 'top-label' | 'binary';
  ece: number;
  mce: number;
  /** The convention's bins (torchmetrics: M + 1, the last one [1, 1]). */
  bins: ReliabilityBin[];
}

export function conventionCalibration(
  matrix: ProbabilityMatrix,
  labels: ArrayLike<number>,
  convention: Convention,
  bins = CONVENTION_BINS[convention],
): ConventionResult {
  if (!CONVENTIONS.includes(convention)) {
    throw new RangeError(`unknown convention '${String(convention)}' (expected ${CONVENTIONS.join(', ')})`);
  }
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  if (convention === 'torchmetrics') return torchmetrics(matrix, labels, bins);
  if (convention === 'netcal') return netcal(matrix, labels, bins);
  const top = topLabel(matrix, labels);
  const binned = reliabilityBins(top.confidence, top.hit, bins);
  return {
    convention,
    task: 'top-label',
    ece: expectedCalibrationError(binned),
    mce: maximumCalibrationError(binned),
    bins: binned,
  };
}

const f32 = Math.fround;

/** torch.linspace(0, 1, M+1, dtype=float32) on the CPU: the first half from 0 up, the rest from 1 down. */
export function torchLinspace(bins: number): Float32Array {
  const steps = bins + 1;
  const step = f32(1 / bins);
  const halfway = Math.floor(steps / 2);
  const out = new Float32Array(steps);
  for (let i = 0; i < steps; i++) out[i] = i < halfway ? f32(step * i) : f32(1 - f32(step * (steps - i - 1)));
  return out;
}

function torchmetrics(matrix: ProbabilityMatrix, labels: ArrayLike<number>, bins: number): ConventionResult {
  const { rows, cols, data } = matrix;
  const binary = cols === 2;
  const confidence = new Float32Array(rows);
  const accuracy = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = binary ? 1 : 0;
    // The binary task is given p₁ alone; the multiclass one every column.
    for (let c = binary ? 1 : 0; c < cols; c++) {
      const p = f32(data[i * cols + c]);
      if (p < 0 || p > 1) {
        throw new RangeError(
          `row ${i + 1} has the probability ${data[i * cols + c]} outside [0, 1], which torchmetrics would take for logits and put through ${binary ? 'a sigmoid' : 'a softmax'}`,
        );
      }
      if (!binary && p > f32(data[i * cols + best])) best = c;
    }
    confidence[i] = f32(data[i * cols + best]);
    accuracy[i] = binary ? (labels[i] === 1 ? 1 : 0) : best === labels[i] ? 1 : 0;
  }
  const edges = torchLinspace(bins);
  const count = new Float32Array(bins + 1);
  const confSum = new Float32Array(bins + 1);
  const accSum = new Float32Array(bins + 1);
  for (let i = 0; i < rows; i++) {
    const m = countAtMost(edges, confidence[i]) - 1;
    count[m] = f32(count[m] + 1);
    confSum[m] = f32(confSum[m] + confidence[i]);
    accSum[m] = f32(accSum[m] + accuracy[i]);
  }
  let total = 0;
  for (let m = 0; m <= bins; m++) total = f32(total + count[m]);
  let ece = 0;
  let mce = 0;
  const out: ReliabilityBin[] = [];
  for (let m = 0; m <= bins; m++) {
    const conf = count[m] > 0 ? f32(confSum[m] / count[m]) : 0;
    const acc = count[m] > 0 ? f32(accSum[m] / count[m]) : 0;
    const gap = Math.abs(f32(acc - conf));
    ece = f32(ece + f32(gap * f32(count[m] / total)));
    mce = Math.max(mce, gap);
    out.push({ lower: edges[m], upper: m < bins ? edges[m + 1] : 1, count: count[m], accuracy: acc, confidence: conf });
  }
  return { convention: 'torchmetrics', task: binary ? 'binary' : 'top-label', ece, mce, bins: out };
}

const NETCAL_EPS = 2 ** -52;

function netcal(matrix: ProbabilityMatrix, labels: ArrayLike<number>, bins: number): ConventionResult {
  const { rows, cols, data } = matrix;
  const clip = (p: number) => Math.min(1 - NETCAL_EPS, Math.max(NETCAL_EPS, p));
  const distinct = new Set<number>();
  for (let i = 0; i < rows && distinct.size < 3; i++) distinct.add(labels[i]);
  const binary = distinct.size <= 2;
  if (binary && cols > 2) {
    throw new RangeError(
      `the labels take at most two values, which netcal 1.3 treats as a binary problem, and it refuses ${cols} probability columns ("Asserted binary classification problem but retrieved more than 2 confidence dims")`,
    );
  }
  const confidence = new Float64Array(rows);
  const hit = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 1;
    if (!binary) {
      best = 0;
      for (let c = 1; c < cols; c++) if (clip(data[i * cols + c]) > clip(data[i * cols + best])) best = c;
    }
    confidence[i] = clip(data[i * cols + best]);
    hit[i] = binary ? labels[i] : best === labels[i] ? 1 : 0;
  }
  const edges = Float64Array.from({ length: bins + 1 }, (_, i) => (i === bins ? 1 : i * (1 / bins)));
  const count = new Float64Array(bins);
  const confSum = new Float64Array(bins);
  const hitSum = new Float64Array(bins);
  for (let i = 0; i < rows; i++) {
    const m = Math.min(bins - 1, countAtMost(edges, confidence[i]) - 1);
    count[m]++;
    confSum[m] += confidence[i];
    hitSum[m] += hit[i];
  }
  let ece = 0;
  let mce = 0;
  const out: ReliabilityBin[] = [];
  for (let m = 0; m < bins; m++) {
    const conf = count[m] > 0 ? confSum[m] / count[m] : 0;
    const acc = count[m] > 0 ? hitSum[m] / count[m] : 0;
    const gap = Math.abs(acc - conf);
    ece += gap * (count[m] / rows);
    mce = Math.max(mce, gap);
    out.push({ lower: edges[m], upper: edges[m + 1], count: count[m], accuracy: acc, confidence: conf });
  }
  return { convention: 'netcal', task: binary ? 'binary' : 'top-label', ece, mce, bins: out };
}

/** How many of the ascending edges are ≤ x (numpy.searchsorted(edges, x, 'right')). */
function countAtMost(edges: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
