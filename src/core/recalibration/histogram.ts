import { equalWidthBinIndex } from '../calibration';

/**
 * Histogram binning (Zadrozny & Elkan 2001) of the top-label confidence: the M equal-width bins of
 * the ECE (Guo et al.'s edges: bin 1 holds 0 ≤ c ≤ 1/M, bin m holds (m−1)/M < c ≤ m/M), each
 * mapped to the accuracy of the fitting rows it holds; a bin no fitting row falls in keeps its
 * midpoint (m − ½)/M.
 */
export interface HistogramMap {
  bins: number;
  /** Calibrated confidence of each bin. */
  values: number[];
}

export function fitHistogram(
  confidence: ArrayLike<number>,
  hit: ArrayLike<number>,
  bins: number,
  rows?: ArrayLike<number>,
): HistogramMap {
  const count = new Float64Array(bins);
  const hits = new Float64Array(bins);
  const n = rows ? rows.length : confidence.length;
  for (let j = 0; j < n; j++) {
    const i = rows ? rows[j] : j;
    const m = equalWidthBinIndex(confidence[i], bins);
    count[m]++;
    hits[m] += hit[i];
  }
  const values = Array.from(count, (c, m) => (c > 0 ? hits[m] / c : (m + 0.5) / bins));
  return { bins, values };
}

export function applyHistogram(map: HistogramMap, confidence: number): number {
  return map.values[equalWidthBinIndex(confidence, map.bins)];
}
