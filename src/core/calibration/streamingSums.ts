import { NLL_FLOOR } from './scores';
import { tableBin, WidthBinTable } from './widthBinTable';

/** The per-class bins of a streamed report, and a row's one-hot label (scratch). */
export interface ClassBinSums {
  widths: WidthBinTable;
  classCount: Float64Array;
  classConf: Float64Array;
  classHits: Float64Array;
  oneHot: Float64Array;
  /** [Brier sum, NLL sum], carried from batch to batch. */
  running: Float64Array;
}

/**
 * Adds `rows` rows of K probabilities to the per-class bins and the Brier and NLL sums, in row order,
 * and writes each row's top-label confidence and hit into `tops` and `topHits`. */
export function addClassRows(
  sums: ClassBinSums,
  data: ArrayLike<number>,
  labels: ArrayLike<number>,
  rows: number,
  k: number,
  tops: Float64Array,
  topHits: Uint8Array,
): void {
  const { widths, classCount, classConf, classHits, oneHot, running } = sums;
  const { bins } = widths;
  let brier = running[0];
  let nll = running[1];
  for (let i = 0; i < rows; i++) {
    const row = i * k;
    const y = labels[i];
    let best = 0;
    let top = data[row];
    oneHot[y] = 1; // p − 1 for the label, p − 0 for the rest, without a branch the CPU cannot predict
    for (let c = 0; c < k; c++) {
      const p = data[row + c];
      if (p > top) {
        best = c;
        top = p;
      }
      const d = p - oneHot[c];
      brier += d * d;
      const cell = c * bins + tableBin(widths, p);
      classCount[cell]++;
      classConf[cell] += p;
    }
    oneHot[y] = 0;
    const py = data[row + y];
    classHits[y * bins + tableBin(widths, py)]++;
    nll += -Math.log(Math.max(py, NLL_FLOOR));
    tops[i] = top;
    topHits[i] = best === y ? 1 : 0;
    // Stored every row: V8 replaces the running loop with optimised code, which then reached code
    // after the loop without type feedback and deoptimised, on every batch.
    running[0] = brier;
    running[1] = nll;
  }
}

/** The equal-width bins of the top-label confidence. */
export interface TopBinSums {
  widths: WidthBinTable;
  count: Float64Array;
  hits: Float64Array;
  confSum: Float64Array;
  /** [rows whose top label was right]. */
  running: Float64Array;
}

export function addTopLabelRows(
  sums: TopBinSums,
  confidence: ArrayLike<number>,
  correct: ArrayLike<number>,
  rows: number,
): void {
  const { widths, count, hits, confSum, running } = sums;
  for (let i = 0; i < rows; i++) {
    const p = confidence[i];
    const hit = correct[i];
    const m = tableBin(widths, p);
    count[m]++;
    hits[m] += hit;
    confSum[m] += p;
    running[0] += hit;
  }
}
