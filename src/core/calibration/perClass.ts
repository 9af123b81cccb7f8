import { predictedClasses } from './bins';
import { classEces } from './ece';
import type { ProbabilityMatrix } from './types';

/** One row of the per-class table. */
export interface ClassRow {
  classIndex: number;
  /** Rows whose label is this class. */
  support: number;
  /** Of those, the fraction predicted as this class (its recall); null without support. */
  accuracy: number | null;
  /** ECE of p_k against 1[y = k] over equal-width bins (the class's one-vs-rest diagram). */
  ece: number;
  /** ece / K: the class's share of the classwise ECE. */
  contribution: number;
}

export function perClassTable(
  matrix: ProbabilityMatrix,
  labels: ArrayLike<number>,
  bins: number,
  eces: Float64Array = classEces(matrix, labels, bins),
): ClassRow[] {
  const predicted = predictedClasses(matrix);
  const support = new Float64Array(matrix.cols);
  const right = new Float64Array(matrix.cols);
  for (let i = 0; i < matrix.rows; i++) {
    support[labels[i]]++;
    if (predicted[i] === labels[i]) right[labels[i]]++;
  }
  return Array.from(eces, (ece, k) => ({
    classIndex: k,
    support: support[k],
    accuracy: support[k] > 0 ? right[k] / support[k] : null,
    ece,
    contribution: ece / matrix.cols,
  }));
}
