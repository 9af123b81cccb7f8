import { tableBin, widthBinTable } from './widthBinTable';
import type { ProbabilityMatrix, ReliabilityBin } from './types';

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

/**
 * Kull et al. (2019): mean over classes k of Σ_m (n_mk/N)·|freq_mk(y = k) − mean_mk(p_k)|, with p_k
 * binned in equal-width bins.
 */
export function classwiseEce(matrix: ProbabilityMatrix, labels: ArrayLike<number>, bins: number): number {
  let total = 0;
  for (const ece of classEces(matrix, labels, bins)) total += ece;
  return total / matrix.cols;
}

/** The ECE of each class's one-vs-rest view (p_k against 1[y = k]). One pass, no per-class copies. */
export function classEces(matrix: ProbabilityMatrix, labels: ArrayLike<number>, bins: number): Float64Array {
  const { rows, cols, data } = matrix;
  const count = new Float64Array(cols * bins);
  const hits = new Float64Array(cols * bins);
  const confSum = new Float64Array(cols * bins);
  const widths = widthBinTable(bins);
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    for (let c = 0; c < cols; c++) {
      const p = data[row + c];
      const cell = c * bins + tableBin(widths, p);
      count[cell]++;
      confSum[cell] += p;
    }
    // The label's class scores a hit in the cell its probability went to (none for a label that is not a class).
    const y = labels[i];
    if ((y | 0) === y && y >= 0 && y < cols) hits[y * bins + tableBin(widths, data[row + y])]++;
  }
  const out = new Float64Array(cols);
  for (let c = 0; c < cols; c++) {
    let ece = 0;
    for (let m = 0; m < bins; m++) {
      const cell = c * bins + m;
      if (count[cell] > 0)
        ece += (count[cell] / rows) * Math.abs(hits[cell] / count[cell] - confSum[cell] / count[cell]);
    }
    out[c] = ece;
  }
  return out;
}
