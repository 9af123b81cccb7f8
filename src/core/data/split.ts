import { seededRandom } from '../random';

export interface SplitFractions {
  train: number;
  validation: number;
  test: number;
}

export const DEFAULT_SPLIT: SplitFractions = { train: 0.7, validation: 0.15, test: 0.15 };

/** Row positions (ascending) of each split. */
export interface SplitIndices {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

const NAMES = ['train', 'validation', 'test'] as const;

/** Throws a RangeError unless the fractions are finite, non-negative, train > 0, and sum to 1. */
export function checkSplitFractions(split: SplitFractions): void {
  const values = NAMES.map((k) => split[k]);
  if (values.some((v) => typeof v !== 'number' || !Number.isFinite(v) || v < 0) || !(split.train > 0)) {
    throw new RangeError(
      `split fractions must be finite and non-negative, with train > 0; got ${JSON.stringify(split)}`,
    );
  }
  const sum = values.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 1e-6) throw new RangeError(`split fractions must sum to 1; they sum to ${sum}`);
}

/** Round half up, tolerant of products like 0.7 · 45 = 31.499999999999996 that stand for an exact half. */
function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5 + 1e-9);
}

/**
 * Stratified, seeded split. For each class c (in index order) its n_c row positions are shuffled
 * (Fisher–Yates, one seeded generator for all classes) and cut into round(train·n_c),
 * round(validation·n_c) (at most what is left) and the rest, rounding halves up. Then any split
 * with a positive fraction that is still empty takes one row (its last in file order) from the
 * largest split that has two or more, so with at least three rows no requested split is empty.
 * Each split lists its rows in file order.
 */
export function stratifiedSplit(
  labels: Int32Array,
  classes: number,
  split: SplitFractions = DEFAULT_SPLIT,
  seed = 0,
): SplitIndices {
  checkSplitFractions(split);
  const random = seededRandom(seed);
  const n = labels.length;
  // Positions grouped by class (a counting sort keeps file order within each class).
  const start = new Int32Array(classes + 1);
  for (let i = 0; i < n; i++) start[labels[i] + 1]++;
  for (let k = 0; k < classes; k++) start[k + 1] += start[k];
  const grouped = new Int32Array(n);
  const fill = start.slice(0, classes);
  for (let i = 0; i < n; i++) grouped[fill[labels[i]]++] = i;

  const part = new Uint8Array(n); // 0 train, 1 validation, 2 test, by position
  const sizes = [0, 0, 0];
  for (let k = 0; k < classes; k++) {
    const from = start[k];
    const count = start[k + 1] - from;
    for (let i = count - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = grouped[from + i];
      grouped[from + i] = grouped[from + j];
      grouped[from + j] = t;
    }
    const nTrain = Math.min(roundHalfUp(split.train * count), count);
    const nValidation = Math.min(roundHalfUp(split.validation * count), count - nTrain);
    for (let i = 0; i < count; i++) part[grouped[from + i]] = i < nTrain ? 0 : i < nTrain + nValidation ? 1 : 2;
    sizes[0] += nTrain;
    sizes[1] += nValidation;
    sizes[2] += count - nTrain - nValidation;
  }
  NAMES.forEach((name, s) => {
    if (split[name] === 0 || sizes[s] > 0) return;
    const donor = [0, 1, 2].filter((d) => d !== s && sizes[d] >= 2).sort((a, b) => sizes[b] - sizes[a])[0];
    if (donor === undefined) return;
    // The donor's last row in file order.
    let i = n - 1;
    while (part[i] !== donor) i--;
    part[i] = s;
    sizes[donor]--;
    sizes[s]++;
  });
  const out = sizes.map((size) => new Int32Array(size));
  const next = [0, 0, 0];
  for (let i = 0; i < n; i++) out[part[i]][next[part[i]]++] = i;
  return { train: out[0], validation: out[1], test: out[2] };
}
