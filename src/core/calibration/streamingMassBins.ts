import { binsOfAssignment, equalMassCuts } from './bins';
import type { ReliabilityBin } from './types';

/**
 * reliabilityBins(confidence, hit, bins, 'equal-mass'), the same bins summed in the same row order,
 * found faster for millions of rows: no cut splits a run of ties, so a row's bin is the number of
 * cuts whose first value is ≤ its confidence — a search among M − 1 values instead of N.
 */
export function equalMassBins(confidence: Float64Array, hit: Uint8Array, bins: number): ReliabilityBin[] {
  const n = confidence.length;
  const sorted = Float64Array.from(confidence).sort();
  const cuts = equalMassCuts(sorted, bins);
  const cutValue = Float64Array.from(cuts, (cut) => (cut < n ? sorted[cut] : Infinity));
  const binOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = confidence[i];
    let lo = 0;
    let hi = cutValue.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cutValue[mid] <= c) lo = mid + 1;
      else hi = mid;
    }
    binOf[i] = lo;
  }
  return binsOfAssignment(confidence, hit, binOf, bins, 'equal-mass');
}
