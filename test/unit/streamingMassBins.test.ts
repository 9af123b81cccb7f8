import * as assert from 'assert';
import { reliabilityBins } from '../../src/core/calibration/bins';
import { BucketedRanks } from '../../src/core/calibration/bucketedRanks';
import { equalMassBins } from '../../src/core/calibration/streamingMassBins';
import { seededRandom as mulberry32 } from '../../src/core/random';

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
  ];
}

describe('equal-mass bins of a streamed report', () => {
  for (const { name, confidence } of cases()) {
    it(`are exactly reliabilityBins' for ${name}`, () => {
      const random = mulberry32(11);
      const hit = Uint8Array.from(confidence, () => (random() < 0.6 ? 1 : 0));
      for (const bins of [1, 2, 7, 15, 100]) {
        assert.deepStrictEqual(
          equalMassBins(confidence, hit, bins),
          reliabilityBins(confidence, hit, bins, 'equal-mass'),
          `${bins} bins`,
        );
      }
    });
  }

  it('reads every rank and rank of a value as the sorted array does', () => {
    for (const { name, confidence } of cases()) {
      const sorted = Float64Array.from(confidence).sort();
      const ranks = new BucketedRanks(confidence, [0, 17]);
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
