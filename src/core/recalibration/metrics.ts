import { expectedCalibrationError, NLL_FLOOR, ProbabilityMatrix, reliabilityBins, smoothEce } from '../calibration';

/** What recalibration is judged by, before and after. */
export interface RecalibrationMetrics {
  ece: number;
  smoothEce: number;
  nll: number;
  brier: number;
  accuracy: number;
  rows: number;
}

export const METRIC_NAMES = ['ece', 'smoothEce', 'nll', 'brier', 'accuracy'] as const;

/**
 * The metrics of the given rows (all by default), the top label being the class each row
 * predicts: ECE over M equal-width bins and smooth ECE of its probability, NLL (floored at 1e-12 as in
 * calibrationReport), Brier summed over classes, accuracy. For unscaled rows these are
 * calibrationReport's values.
 */
export function recalibrationMetrics(
  probs: ProbabilityMatrix,
  labels: ArrayLike<number>,
  predicted: ArrayLike<number>,
  bins: number,
  rows?: ArrayLike<number>,
): RecalibrationMetrics {
  const { cols, data } = probs;
  const n = rows ? rows.length : probs.rows;
  const confidence = new Float64Array(n);
  const hit = new Uint8Array(n);
  let nll = 0;
  let brier = 0;
  let hits = 0;
  for (let j = 0; j < n; j++) {
    const i = rows ? rows[j] : j;
    const row = i * cols;
    confidence[j] = data[row + predicted[i]];
    hit[j] = predicted[i] === labels[i] ? 1 : 0;
    hits += hit[j];
    for (let c = 0; c < cols; c++) {
      const d = data[row + c] - (c === labels[i] ? 1 : 0);
      brier += d * d;
    }
    nll += -Math.log(Math.max(data[row + labels[i]], NLL_FLOOR));
  }
  return {
    ece: expectedCalibrationError(reliabilityBins(confidence, hit, bins)),
    smoothEce: smoothEce(confidence, hit).value,
    nll: nll / n,
    brier: brier / n,
    accuracy: hits / n,
    rows: n,
  };
}
