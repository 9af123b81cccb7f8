/** Ascending values read by rank: a sorted array (sortedArray), or BucketedRanks for millions of rows. */
export interface SortedValues {
  readonly length: number;
  /** The value of rank r (0-based). */
  valueAt(rank: number): number;
  /** The first rank whose value is not below v (above v, with `after`). */
  rankOf(v: number, after: boolean): number;
}

/** An ascending array read as SortedValues. */
export function sortedArray(sorted: ArrayLike<number>): SortedValues {
  return {
    length: sorted.length,
    valueAt: (rank) => sorted[rank],
    rankOf: (v, after) => lowerBound(sorted, v, after),
  };
}

/**
 * Where equal-mass bins end in the ascending confidences: bin m holds ranks [cuts[m−1], cuts[m]).
 * The cuts are those of numpy.array_split (sizes ⌈N/M⌉ first, then ⌊N/M⌋), except that a cut that
 * would split a run of equal confidences moves to the nearer end of the run (the upper end when
 * both are as near). Bins are then a function of the multiset of confidences, not of row order;
 * some can be empty, and with no ties the bins are exactly numpy.array_split's.
 */
export function equalMassCuts(sorted: ArrayLike<number> | SortedValues, bins: number): Int32Array {
  const values = 'rankOf' in sorted ? sorted : sortedArray(sorted);
  const n = values.length;
  const cuts = new Int32Array(Math.max(0, bins - 1));
  equalMassEnds(n, bins).forEach((end, m) => {
    let cut = end;
    if (cut > 0 && cut < n) {
      const v = values.valueAt(cut);
      if (values.valueAt(cut - 1) === v) {
        const lo = values.rankOf(v, false);
        const hi = values.rankOf(v, true);
        cut = cut - lo < hi - cut ? lo : hi;
      }
    }
    cuts[m] = cut;
  });
  return cuts;
}

/** numpy.array_split's ends of the first M − 1 parts of N ranks: sizes ⌈N/M⌉ first, then ⌊N/M⌋. */
export function equalMassEnds(n: number, bins: number): number[] {
  const base = Math.floor(n / bins);
  const extra = n % bins;
  const ends: number[] = [];
  for (let m = 0, end = 0; m < bins - 1; m++) {
    end += base + (m < extra ? 1 : 0);
    ends.push(end);
  }
  return ends;
}

/** The first index of an ascending array whose value is not below c (above c, with `after`). */
export function lowerBound(sorted: ArrayLike<number>, c: number, after = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < c || (after && sorted[mid] === c)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
