import * as assert from 'assert';
import { TopLabelKeeper } from '../../src/core/calibration/streamingTopLabel';
import { seededRandom } from '../../src/core/random';

describe('the kept top-label rows', () => {
  for (const { capacity, expected, batch } of [
    { capacity: 1000, expected: 10, batch: 7 },
    { capacity: 1000, expected: 5000, batch: 333 },
    { capacity: 64, expected: 64, batch: 64 },
    { capacity: 100, expected: 1, batch: 250 },
  ])
    it(`pushAll keeps what push would, row by row (capacity ${capacity}, batches of ${batch})`, () => {
      const random = seededRandom(capacity + batch);
      const rows = 2500;
      const confidence = Float64Array.from({ length: rows }, () => random());
      const hit = Uint8Array.from({ length: rows }, () => (random() < 0.6 ? 1 : 0));
      const one = new TopLabelKeeper(capacity, expected);
      for (let i = 0; i < rows; i++) one.push(confidence[i], hit[i]);
      const all = new TopLabelKeeper(capacity, expected);
      for (let start = 0; start < rows; start += batch) {
        const n = Math.min(batch, rows - start);
        all.pushAll(confidence.subarray(start), hit.subarray(start), n);
      }
      assert.strictEqual(all.rows, one.rows);
      assert.strictEqual(all.sampled, one.sampled);
      assert.deepStrictEqual(all.kept(), one.kept());
    });
});
