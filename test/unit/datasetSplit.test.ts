import * as assert from 'assert';
import { loadDataset } from '../../src/core/data/dataset';
import { addLabelNoise } from '../../src/core/data/labelNoise';
import { stratifiedSplit } from '../../src/core/data/split';
import { seededRandom } from '../../src/core/random';
import { loadFixture } from './datasetHelpers';

function labelsOf(counts: number[]): Int32Array {
  return Int32Array.from(counts.flatMap((n, k) => new Array<number>(n).fill(k)));
}

function perClass(positions: Int32Array, labels: Int32Array, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const p of positions) counts[labels[p]]++;
  return counts;
}

describe('datasets: stratified split', () => {
  it('cuts each class into round(0.7·n) / round(0.15·n) / the rest, halves rounded up', () => {
    const labels = labelsOf([45, 20, 7, 3]);
    const s = stratifiedSplit(labels, 4);
    // 0.7·45 = 31.5 → 32, although in floating point 0.7·45 is 31.499999999999996; 0.7·7 = 4.9 → 5.
    assert.deepStrictEqual(perClass(s.train, labels, 4), [32, 14, 5, 2]);
    // 0.15·45 = 6.75 → 7; 0.15·20 = 3; 0.15·7 = 1.05 → 1; 0.15·3 = 0.45 → 0.
    assert.deepStrictEqual(perClass(s.validation, labels, 4), [7, 3, 1, 0]);
    assert.deepStrictEqual(perClass(s.test, labels, 4), [6, 3, 1, 1]);
  });

  it('partitions the rows: every row in exactly one split, each split in file order', () => {
    const labels = labelsOf([40, 33, 27]);
    const s = stratifiedSplit(labels, 3, { train: 0.6, validation: 0.2, test: 0.2 }, 11);
    const all = [...s.train, ...s.validation, ...s.test].sort((a, b) => a - b);
    assert.deepStrictEqual(
      all,
      Array.from({ length: 100 }, (_, i) => i),
    );
    for (const part of [s.train, s.validation, s.test])
      assert.deepStrictEqual(
        Array.from(part),
        Array.from(part).sort((a, b) => a - b),
      );
  });

  it('is deterministic for a seed and changes with the seed', () => {
    const labels = labelsOf([30, 30, 30]);
    assert.deepStrictEqual(stratifiedSplit(labels, 3, undefined, 5), stratifiedSplit(labels, 3, undefined, 5));
    assert.notDeepStrictEqual(
      stratifiedSplit(labels, 3, undefined, 5).test,
      stratifiedSplit(labels, 3, undefined, 6).test,
    );
  });

  it('leaves no requested split empty when there are at least three rows', () => {
    for (const counts of [[1, 1, 1], [2, 1], [3], [1, 1, 1, 1, 1], [4, 1]]) {
      const labels = labelsOf(counts);
      const s = stratifiedSplit(labels, counts.length);
      assert.ok(
        s.train.length > 0 && s.validation.length > 0 && s.test.length > 0,
        `${counts}: ${s.train.length}/${s.validation.length}/${s.test.length}`,
      );
    }
    const noTest = stratifiedSplit(labelsOf([10, 10]), 2, { train: 0.8, validation: 0.2, test: 0 });
    assert.deepStrictEqual([noTest.train.length, noTest.validation.length, noTest.test.length], [16, 4, 0]);
  });

  it('refuses fractions that are negative, do not sum to 1, or leave train empty', () => {
    const labels = labelsOf([5, 5]);
    for (const split of [
      { train: 0.5, validation: 0.5, test: 0.5 },
      { train: 1.2, validation: -0.1, test: -0.1 },
      { train: 0, validation: 0.5, test: 0.5 },
      { train: NaN, validation: 0.5, test: 0.5 },
    ]) {
      assert.throws(() => stratifiedSplit(labels, 2, split), RangeError);
      assert.throws(() => loadFixture('good', 'iris-sample.csv', { split }), RangeError);
    }
  });

  it('gives the same splits when the file is read again, and the documented sizes for Iris', () => {
    const a = loadFixture('good', 'iris-sample.csv', { seed: 9 });
    const b = loadFixture('good', 'iris-sample.csv', { seed: 9 });
    assert.deepStrictEqual(a.test.sourceRows, b.test.sourceRows);
    assert.deepStrictEqual([a.train.rows, a.validation.rows, a.test.rows], [21, 6, 3]);
  });
});

describe('datasets: symmetric label noise', () => {
  it('flips each label with probability r to a uniformly chosen other class, seeded', () => {
    const labels = Int32Array.from({ length: 20_000 }, (_, i) => i % 4);
    const { labels: noisy, flipped } = addLabelNoise(labels, 4, 0.3, 1);
    assert.deepStrictEqual(addLabelNoise(labels, 4, 0.3, 1).labels, noisy);
    assert.notDeepStrictEqual(addLabelNoise(labels, 4, 0.3, 2).labels, noisy);
    // Exactly the rows listed changed, each to another class.
    const changed = Array.from(labels.keys()).filter((i) => noisy[i] !== labels[i]);
    assert.deepStrictEqual(Array.from(flipped), changed);
    // Binomial(20000, 0.3): sd ≈ 65; 5 sd either side.
    assert.ok(Math.abs(flipped.length - 6000) < 325, `${flipped.length} flipped`);
    // Targets uniform over the three other classes: each ≈ 1/3 of a class's flips.
    const targets = new Map<string, number>();
    for (const i of flipped)
      targets.set(`${labels[i]}→${noisy[i]}`, (targets.get(`${labels[i]}→${noisy[i]}`) ?? 0) + 1);
    assert.strictEqual(targets.size, 12);
    for (const [pair, n] of targets) assert.ok(Math.abs(n - 500) < 5 * Math.sqrt(500), `${pair}: ${n}`);
    assert.deepStrictEqual(Array.from(labels.subarray(0, 4)), [0, 1, 2, 3], 'the input is not modified');
  });

  it('does nothing at rate 0 and refuses rates outside [0, 0.9]', () => {
    const labels = Int32Array.from([0, 1, 0, 1]);
    assert.strictEqual(addLabelNoise(labels, 2, 0, 3).flipped.length, 0);
    for (const rate of [-0.1, 0.95, NaN]) {
      assert.throws(() => addLabelNoise(labels, 2, rate), RangeError);
      assert.throws(() => loadFixture('good', 'iris-sample.csv', { noise: rate }), RangeError);
    }
  });

  it('corrupts the training split only: validation and test keep their labels; flips and clean labels are reported', () => {
    const clean = loadDataset(bigThreeClassCsv(), 'n.csv', { seed: 4 });
    const noisy = loadDataset(bigThreeClassCsv(), 'n.csv', { seed: 4, noise: 0.4 });
    assert.deepStrictEqual(noisy.validation, clean.validation);
    assert.deepStrictEqual(noisy.test, clean.test);
    assert.deepStrictEqual(noisy.train.x, clean.train.x);
    assert.deepStrictEqual(noisy.train.cleanY, clean.train.y);
    assert.strictEqual(clean.train.cleanY, undefined);
    const flipped = noisy.train.y.filter((k, i) => k !== clean.train.y[i]).length;
    assert.strictEqual(noisy.noise.flipped, flipped);
    assert.strictEqual(noisy.noise.rate, 0.4);
    assert.ok(Math.abs(flipped / noisy.train.rows - 0.4) < 0.05, `${flipped} of ${noisy.train.rows}`);
    // The split does not depend on the noise.
    assert.deepStrictEqual(noisy.train.sourceRows, clean.train.sourceRows);
    assert.deepStrictEqual(loadDataset(bigThreeClassCsv(), 'n.csv', { seed: 4, noise: 0.4 }).train.y, noisy.train.y);
  });
});

function bigThreeClassCsv(): string {
  const random = seededRandom(8);
  const lines = ['a,b,label'];
  for (let i = 0; i < 2000; i++) lines.push(`${random().toFixed(4)},${random().toFixed(4)},k${i % 3}`);
  return lines.join('\n');
}
