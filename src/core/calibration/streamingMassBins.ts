import { binsOfAssignment, equalMassCuts, equalMassEnds } from './bins';
import { BUCKET_COUNT, BucketedRanks, bucketOf } from './bucketedRanks';
import type { ReliabilityBin } from './types';

/**
 * reliabilityBins(confidence, hit, bins, 'equal-mass'), the same bins summed in the same row order,
 * found faster for millions of rows: the cut ranks' values come from BucketedRanks instead of a
 * sort, and since no cut splits a run of ties, a row's bin is the number of cut values ≤ its
 * confidence — known from its bucket alone unless a cut value lies in that bucket.
 */
export function equalMassBins(confidence: Float64Array, hit: Uint8Array, bins: number): ReliabilityBin[] {
  const n = confidence.length;
  const ranks = new BucketedRanks(
    confidence,
    equalMassEnds(n, bins).flatMap((end) => [end - 1, end]),
  );
  const cuts = equalMassCuts(ranks, bins);
  const cutValue = Float64Array.from(cuts, (cut) => (cut < n ? ranks.valueAt(cut) : Infinity));
  const binOfBucket = bucketBins(cutValue);
  // A byte a row for up to 256 bins: millions of rows are assigned at once.
  const binOf = bins <= 256 ? new Uint8Array(n) : bins <= 65536 ? new Uint16Array(n) : new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = confidence[i];
    let lo = binOfBucket[bucketOf(c)];
    if (lo < 0) {
      lo = 0;
      let hi = cutValue.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cutValue[mid] <= c) lo = mid + 1;
        else hi = mid;
      }
    }
    binOf[i] = lo;
  }
  return binsOfAssignment(confidence, hit, binOf, bins, 'equal-mass');
}

/** Per bucket, the number of (ascending) cut values below it, or −1 where a cut value lies in it. */
function bucketBins(cutValue: Float64Array): Int32Array {
  const table = new Int32Array(BUCKET_COUNT);
  let below = 0;
  for (let b = 0; b < BUCKET_COUNT; b++) {
    while (below < cutValue.length && cutValue[below] !== Infinity && bucketOf(cutValue[below]) < b) below++;
    const inside = below < cutValue.length && cutValue[below] !== Infinity && bucketOf(cutValue[below]) === b;
    table[b] = inside ? -1 : below;
  }
  return table;
}
