import { lowerBound, type SortedValues } from './massCuts';

/** Buckets of width 2⁻¹⁶ over [0, 1]: tens of rows each for millions of confidences, and a table that stays in cache. */
const SCALE = 2 ** 16;
export const BUCKET_COUNT = SCALE + 1;

/** The bucket of c ∈ [0, 1]; non-decreasing in c, so every copy of a value shares one bucket. */
export function bucketOf(c: number): number {
  if (c > 0) return c >= 1 ? SCALE : Math.floor(c * SCALE);
  // Below 0 with 0; NaN (never a checked confidence) last, where Float64Array.prototype.sort puts it.
  return c <= 0 ? 0 : SCALE;
}

/**
 * Confidences in [0, 1] read by rank without sorting them all: one counting pass gives every
 * bucket's first rank, and only the buckets that hold the ranks asked for are gathered and sorted
 * (each sorted as Float64Array.prototype.sort sorts, so valueAt(r) is exactly the sorted array's
 * value at r). Buckets asked for later are gathered then, one pass each.
 */
export class BucketedRanks implements SortedValues {
  readonly length: number;
  /** first[b]: the number of values in buckets below b (BUCKET_COUNT + 1 entries). */
  private readonly first: Int32Array;
  private readonly gathered = new Map<number, Float64Array>();

  constructor(private readonly values: ArrayLike<number>) {
    const n = values.length;
    this.length = n;
    const first = new Int32Array(BUCKET_COUNT + 1);
    for (let i = 0; i < n; i++) first[bucketOf(values[i]) + 1]++;
    for (let b = 0; b < BUCKET_COUNT; b++) first[b + 1] += first[b];
    this.first = first;
  }

  /** Gathers, in one pass, the buckets of `ranks` and the bucket after each (where a run of ties may end). */
  gatherRanks(ranks: number[]): void {
    const wanted = new Set<number>();
    for (const rank of ranks) {
      if (rank < 0 || rank >= this.length) continue;
      const b = this.bucketOfRank(rank);
      wanted.add(b);
      const next = this.bucketOfRank(this.first[b + 1]);
      if (next >= 0) wanted.add(next);
    }
    this.gather([...wanted]);
  }

  valueAt(rank: number): number {
    if (!(rank >= 0 && rank < this.length)) throw new RangeError(`rank ${rank} is outside [0, ${this.length})`);
    const b = this.bucketOfRank(rank);
    return this.bucket(b)[rank - this.first[b]];
  }

  rankOf(v: number, after: boolean): number {
    const b = bucketOf(v);
    if (this.first[b + 1] === this.first[b]) return this.first[b];
    return this.first[b] + lowerBound(this.bucket(b), v, after);
  }

  /** The bucket that holds rank r, or −1 past the last rank. */
  private bucketOfRank(rank: number): number {
    if (rank >= this.length) return -1;
    let lo = 0;
    let hi = BUCKET_COUNT - 1;
    // The last bucket b with first[b] ≤ rank; it is not empty, since first[b + 1] > rank.
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.first[mid] <= rank) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private bucket(b: number): Float64Array {
    if (!this.gathered.has(b)) this.gather([b]);
    return this.gathered.get(b)!;
  }

  private gather(buckets: number[]): void {
    const fresh = buckets.filter((b) => !this.gathered.has(b));
    if (fresh.length === 0) return;
    const slotOf = new Int32Array(BUCKET_COUNT).fill(-1);
    const start = new Int32Array(fresh.length + 1);
    fresh.forEach((b, i) => {
      slotOf[b] = i;
      start[i + 1] = start[i] + this.first[b + 1] - this.first[b];
    });
    const next = start.slice(0, fresh.length);
    const pool = new Float64Array(start[fresh.length]);
    const { values } = this;
    for (let i = 0; i < values.length; i++) {
      const s = slotOf[bucketOf(values[i])];
      if (s >= 0) pool[next[s]++] = values[i];
    }
    fresh.forEach((b, i) => this.gathered.set(b, pool.subarray(start[i], start[i + 1]).sort()));
  }
}
