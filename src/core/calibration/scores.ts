import type { ProbabilityMatrix } from './types';

/** The NLL of a row is −log max(p_y, 1e-12): a zero probability of the true class stays finite. */
export const NLL_FLOOR = 1e-12;

export interface ProperScores {
  /** Mean over rows of Σ_k (p_k − 1[y = k])². */
  brier: number;
  /** Mean over rows of −log max(p_y, NLL_FLOOR). */
  nll: number;
}

export function properScores(matrix: ProbabilityMatrix, labels: ArrayLike<number>): ProperScores {
  const { rows: n, cols: k, data } = matrix;
  let brierSum = 0;
  let nllSum = 0;
  // 1[y = k] read from a one-hot row rather than branched on: the CPU cannot predict which k it is.
  // A label that is no class index sets no element (typed arrays ignore such keys), as c === y never holds.
  const oneHot = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const row = i * k;
    const y = labels[i];
    oneHot[y] = 1;
    for (let c = 0; c < k; c++) {
      const d = data[row + c] - oneHot[c];
      brierSum += d * d;
    }
    oneHot[y] = 0;
    nllSum += -Math.log(Math.max(data[row + y], NLL_FLOOR));
  }
  return { brier: brierSum / n, nll: nllSum / n };
}
