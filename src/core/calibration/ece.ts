import { equalWidthBinIndex } from './bins';
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
