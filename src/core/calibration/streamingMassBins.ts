import { binsOfAssignment } from './bins';
import { EqualMassRanks } from './equalMassRanks';
import type { ReliabilityBin } from './types';

/**
 * reliabilityBins(confidence, hit, bins, 'equal-mass') for the millions of kept rows of a streamed
 * report: the same bins summed in the same row order, with a byte a row for the assignment.
 */
export function equalMassBins(confidence: Float64Array, hit: Uint8Array, bins: number): ReliabilityBin[] {
  const n = confidence.length;
  const binOf = bins <= 256 ? new Uint8Array(n) : bins <= 65536 ? new Uint16Array(n) : new Int32Array(n);
  return binsOfAssignment(confidence, hit, new EqualMassRanks(confidence).assign(bins, binOf), bins, 'equal-mass');
}
