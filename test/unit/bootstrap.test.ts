import * as assert from 'assert';
import { bootstrapEce } from '../../src/core/bootstrap';
import { expectedCalibrationError, reliabilityBins } from '../../src/core/calibration';
import { seededRandom } from '../../src/core/random';

function sample(n: number, seed: number) {
  const random = seededRandom(seed);
  const confidence = new Float64Array(n);
  const hit = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    confidence[i] = 0.5 + 0.5 * random();
    hit[i] = random() < confidence[i] - 0.05 ? 1 : 0; // over-confident by 0.05
  }
  return { confidence, hit };
}

describe('seededRandom', () => {
  it('is deterministic per seed, differs across seeds and stays in [0, 1)', () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    const c = seededRandom(2);
    const xs = Array.from({ length: 1000 }, () => a());
    assert.deepStrictEqual(
      xs,
      Array.from({ length: 1000 }, () => b()),
    );
    assert.notDeepStrictEqual(
      xs.slice(0, 10),
      Array.from({ length: 10 }, () => c()),
    );
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    assert.ok(Math.abs(mean - 0.5) < 0.03, `mean ${mean}`);
  });
});

describe('bootstrapEce', () => {
  const { confidence, hit } = sample(2000, 3);

  it('reports the full-sample ECE as its estimate, inside a percentile interval', () => {
    for (const scheme of ['equal-width', 'equal-mass'] as const) {
      const ci = bootstrapEce(confidence, hit, 15, scheme, { resamples: 300 });
      assert.strictEqual(ci.estimate, expectedCalibrationError(reliabilityBins(confidence, hit, 15, scheme)));
      assert.ok(ci.low <= ci.high && ci.low > 0, JSON.stringify(ci));
      assert.ok(ci.low < ci.estimate + 0.02 && ci.high > ci.estimate - 0.02, JSON.stringify(ci));
      assert.strictEqual(ci.halfWidth, (ci.high - ci.low) / 2);
    }
  });

  it('is deterministic for a seed and changes with it', () => {
    const a = bootstrapEce(confidence, hit, 10, 'equal-width', { resamples: 200, seed: 5 });
    const b = bootstrapEce(confidence, hit, 10, 'equal-width', { resamples: 200, seed: 5 });
    const c = bootstrapEce(confidence, hit, 10, 'equal-width', { resamples: 200, seed: 6 });
    assert.deepStrictEqual(a, b);
    assert.notDeepStrictEqual(a, c);
  });

  it('narrows as the sample grows (roughly as 1/√N)', () => {
    const small = sample(500, 9);
    const large = sample(8000, 9);
    const w1 = bootstrapEce(small.confidence, small.hit, 10, 'equal-width', { resamples: 300 }).halfWidth;
    const w2 = bootstrapEce(large.confidence, large.hit, 10, 'equal-width', { resamples: 300 }).halfWidth;
    assert.ok(w2 < w1 / 2, `half-widths ${w1} → ${w2}`);
  });

  it('collapses to the estimate when every row is the same', () => {
    const ci = bootstrapEce([0.8, 0.8, 0.8], [1, 1, 1], 5, 'equal-width', { resamples: 50 });
    assert.ok(Math.abs(ci.low - 0.2) < 1e-12 && Math.abs(ci.high - 0.2) < 1e-12, JSON.stringify(ci));
  });

  it('rejects bad options', () => {
    assert.throws(
      () => bootstrapEce([0.5], [1], 5, 'equal-width', { resamples: 0 }),
      /resamples must be a positive integer/,
    );
    assert.throws(() => bootstrapEce([0.5], [1], 5, 'equal-width', { level: 1 }), /level must be in \(0, 1\)/);
    assert.throws(() => bootstrapEce([], [], 5), /at least one row/);
  });
});
