export const SUM_TOLERANCE = 1e-3;

/** Reports a bad score in the current row: `column` is the class column's header, or none for the whole row. */
export type RowProblem = (detail: string, column?: string) => never;

/** Probabilities as given: each in [0, 1] (1 + tolerance), summing to 1 within SUM_TOLERANCE. */
export function probabilityRow(
  scores: Float64Array,
  out: Float64Array,
  columns: string[],
  hint: string,
  fail: RowProblem,
): void {
  let sum = 0;
  for (let j = 0; j < scores.length; j++) {
    const p = scores[j];
    if (p < 0 || p > 1 + SUM_TOLERANCE)
      fail(`${p} is not a probability in [0, 1]; if the columns hold logits, ${hint}`, columns[j]);
    out[j] = p;
    sum += p;
  }
  if (Math.abs(sum - 1) > SUM_TOLERANCE)
    fail(`the probabilities sum to ${sum}, not 1 (±${SUM_TOLERANCE}); if the columns hold logits, ${hint}`);
}

/** One column of P(class 1), or of a logit with `softmax`: the row [1 − p, p]. */
export function binaryRow(
  score: number,
  softmax: boolean,
  out: Float64Array,
  column: string,
  hint: string,
  fail: RowProblem,
): void {
  const p = softmax ? sigmoid(score) : score;
  if (!softmax && (p < 0 || p > 1))
    fail(`${p} is not a probability in [0, 1]; if the column holds logits, ${hint}`, column);
  out[0] = 1 - p;
  out[1] = p;
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

export function softmaxRow(scores: Float64Array, out: Float64Array): void {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  let sum = 0;
  for (let j = 0; j < scores.length; j++) {
    out[j] = Math.exp(scores[j] - max);
    sum += out[j];
  }
  for (let j = 0; j < scores.length; j++) out[j] /= sum;
}
