import * as assert from 'assert';
import { assignBins, binsOfAssignment, reliabilityBins } from '../../src/core/calibration/bins';
import { BucketedRanks } from '../../src/core/calibration/bucketedRanks';
import { equalMassCuts, lowerBound } from '../../src/core/calibration/massCuts';
import { equalMassBins } from '../../src/core/calibration/streamingMassBins';
import { seededRandom as mulberry32 } from '../../src/core/random';

/**
 * The equal-mass assignment by its definition, as it was computed before the buckets: every
 * confidence sorted, the cuts found in the sorted array, and each row given the bin of its value's
 * first rank.
 */
function sortedAssignment(confidence: Float64Array, bins: number): Int32Array {
  const sorted = Float64Array.from(confidence).sort();
  const cuts = equalMassCuts(sorted, bins);
  const binOfRank = new Int32Array(sorted.length);
  for (let m = 0; m < bins; m++) binOfRank.fill(m, m === 0 ? 0 : cuts[m - 1], m === bins - 1 ? sorted.length : cuts[m]);
  return Int32Array.from(confidence, (c) => binOfRank[lowerBound(sorted, c)]);
}

/** Confidences of several shapes: spread, heavy ties, all in one bucket, at the ends 0 and 1. */
function cases(): { name: string; confidence: Float64Array }[] {
  const random = mulberry32(7);
  const n = 20_011;
  const make = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
  return [
    { name: 'uniform', confidence: make(() => random()) },
    { name: 'three decimals (ties everywhere)', confidence: make(() => Math.round(random() * 1000) / 1000) },
    { name: 'a few values', confidence: make(() => [0.1, 0.5, 0.5, 0.9, 1][Math.floor(random() * 5)]) },
    { name: 'one bucket', confidence: make(() => 0.7 + random() * 2 ** -22) },
    { name: 'near 1, many exactly 1', confidence: make(() => (random() < 0.4 ? 1 : 1 - random() * 1e-3)) },
    { name: 'zeros and ones', confidence: make(() => (random() < 0.5 ? 0 : 1)) },
    { name: 'one value', confidence: make(() => 0.25) },
    { name: 'tiny', confidence: Float64Array.of(0.3, 0.1, 0.2) },
    { name: '-0 and 0', confidence: make((i) => (i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : 0.5)) },
    { name: 'values outside [0, 1] (reliabilityBins takes any numbers)', confidence: make(() => random() * 3 - 1) },
  ];
}

describe('equal-mass bins of a streamed report', () => {
  for (const { name, confidence } of cases()) {
    it(`are those of the sorted confidences for ${name}`, () => {
      const random = mulberry32(11);
      const hit = Uint8Array.from(confidence, () => (random() < 0.6 ? 1 : 0));
      for (const bins of [1, 2, 7, 15, 100]) {
        const want = sortedAssignment(confidence, bins);
        assert.deepStrictEqual(assignBins(confidence, bins, 'equal-mass'), want, `${bins} bins: the assignment`);
        const wantBins = binsOfAssignment(confidence, hit, want, bins, 'equal-mass');
        assert.deepStrictEqual(equalMassBins(confidence, hit, bins), wantBins, `${bins} bins: streamed`);
        assert.deepStrictEqual(reliabilityBins(confidence, hit, bins, 'equal-mass'), wantBins, `${bins} bins`);
      }
    });
  }

  it('reads every rank and rank of a value as the sorted array does', () => {
    for (const { name, confidence } of cases()) {
      const sorted = Float64Array.from(confidence).sort();
      const ranks = new BucketedRanks(confidence);
      ranks.gatherRanks([0, 17]);
      for (let r = 0; r < sorted.length; r += 97) assert.strictEqual(ranks.valueAt(r), sorted[r], `${name}: rank ${r}`);
      for (const v of [sorted[0], sorted[sorted.length >> 1], sorted[sorted.length - 1], 0.5, 0, 1]) {
        const below = sorted.filter((x) => x < v).length;
        const atMost = sorted.filter((x) => x <= v).length;
        assert.strictEqual(ranks.rankOf(v, false), below, `${name}: first rank of ${v}`);
        assert.strictEqual(ranks.rankOf(v, true), atMost, `${name}: rank after ${v}`);
      }
    }
  });
});
