import { seededRandom } from '../random';

export const DEFAULT_FOLDS = 5;
export const DEFAULT_FOLD_SEED = 20240611;

/**
 * k folds of n rows, a function of (n, k, seed) only: the rows are shuffled (Fisher–Yates with the
 * seeded generator) and cut like numpy.array_split, the first n mod k folds one row larger. Each
 * fold's rows are listed in ascending order.
 */
export function kFolds(n: number, k: number, seed = DEFAULT_FOLD_SEED): Int32Array[] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`the number of folds must be an integer ≥ 2, got ${k}`);
  if (k > n) throw new RangeError(`${k} folds need at least ${k} rows, there are ${n}`);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const folds: Int32Array[] = [];
  const base = Math.floor(n / k);
  for (let f = 0, start = 0; f < k; f++) {
    const size = base + (f < n % k ? 1 : 0);
    folds.push(order.slice(start, start + size).sort());
    start += size;
  }
  return folds;
}

/** All rows not in fold f, ascending. */
export function trainingRows(folds: Int32Array[], f: number): Int32Array {
  const out = new Int32Array(folds.reduce((s, fold, g) => s + (g === f ? 0 : fold.length), 0));
  let at = 0;
  folds.forEach((fold, g) => {
    if (g === f) return;
    out.set(fold, at);
    at += fold.length;
  });
  return out.sort();
}
