/** Linear interpolation between order statistics of an ascending array (numpy's default 'linear' method). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** How many times each row is drawn in a resample of n rows with replacement (n = weights.length). */
export function drawMultiplicities(random: () => number, weights: Float64Array): void {
  const n = weights.length;
  weights.fill(0);
  for (let j = 0; j < n; j++) weights[Math.floor(random() * n)]++;
}
