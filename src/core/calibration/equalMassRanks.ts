import { BUCKET_COUNT, BucketedRanks, bucketOf } from './bucketedRanks';
import { checkBinCount } from './input';
import { equalMassCuts, equalMassEnds } from './massCuts';

/** A bin index per row: Int32Array unless the caller gives a smaller array. */
type BinArray = Int32Array | Uint16Array | Uint8Array;

/**
 * Equal-mass bins of any count for one set of confidences, without sorting them all: the cut values
 * are read from BucketedRanks, and since no cut splits a run of ties, a row's bin is the number of
 * cut values ≤ its confidence (the bin of its value's first rank) — known from its bucket alone
 * unless a cut value lies in that bucket.
 */
export class EqualMassRanks {
  private readonly ranks: BucketedRanks;

  constructor(private readonly confidence: ArrayLike<number>) {
    this.ranks = new BucketedRanks(confidence);
  }

  assign(bins: number, out: BinArray = new Int32Array(this.confidence.length)): BinArray {
    checkBinCount(bins);
    const { confidence, ranks } = this;
    const n = confidence.length;
    ranks.gatherRanks(equalMassEnds(n, bins).flatMap((end) => [end - 1, end]));
    const cutValue = Float64Array.from(equalMassCuts(ranks, bins), (cut) => (cut < n ? ranks.valueAt(cut) : Infinity));
    const binOfBucket = bucketBins(cutValue);
    for (let i = 0; i < n; i++) {
      const c = confidence[i];
      // NaN (never a checked confidence) takes the search: no cut value is ≤ it.
      let lo = c === c ? binOfBucket[bucketOf(c)] : -1;
      if (lo < 0) {
        lo = 0;
        let hi = cutValue.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (cutValue[mid] <= c) lo = mid + 1;
          else hi = mid;
        }
      }
      out[i] = lo;
    }
    return out;
  }
}

/** Per bucket, the number of (ascending) cut values below it, or −1 where a cut value lies in it. */
function bucketBins(cutValue: Float64Array): Int32Array {
  const table = new Int32Array(BUCKET_COUNT);
  const finite = cutValue.filter((v) => v !== Infinity && v === v);
  const cutBucket = Array.from(finite, bucketOf);
  let below = 0;
  for (let b = 0; b < BUCKET_COUNT; b++) {
    while (below < cutBucket.length && cutBucket[below] < b) below++;
    table[b] = below < cutBucket.length && cutBucket[below] === b ? -1 : below;
  }
  return table;
}
