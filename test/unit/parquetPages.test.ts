import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { memorySource } from '../../src/core/data/byteSource';
import { openParquetPredictions } from '../../src/core/data/parquetPredictions';
import { ParquetTable } from '../../src/core/data/parquetTable';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writeParquet } = require(path.resolve(__dirname, '..', '..', '..', 'scripts', 'lib', 'parquetWriter.js')) as {
  writeParquet(file: string, columns: unknown[], options: Record<string, unknown>): void;
};

const ROWS = 1000;
const share = (i: number) => ((i * 7) % 101) / 1000;
const value = (i: number, k: number) => (k === 0 ? share(i) : 1 - share(i));

/** A file of 3 row groups (400, 400, 200 rows) in pages of `pageRows`, nullable doubles and an INT64 label. */
function pagedFile(pageRows: number | undefined): Uint8Array {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gce-pages-')), 'p.parquet');
  const columns = [0, 1].map((k) => ({
    name: `p${k}`,
    type: 'DOUBLE',
    optional: true,
    values: Array.from({ length: ROWS }, (_, i) => value(i, k)),
  }));
  columns.push({ name: 'x', type: 'INT64', optional: true, values: Array.from({ length: ROWS }, (_, i) => i % 2) });
  writeParquet(file, columns, { rows: ROWS, rowGroupRows: 400, pageRows, codec: 'SNAPPY' });
  return fs.readFileSync(file);
}

describe('Parquet row ranges over several data pages', () => {
  for (const pageRows of [undefined, 1, 7, 100, 133]) {
    it(`reads any row range of a group exactly (pages of ${pageRows ?? 'a whole chunk'} rows)`, async () => {
      const table = await ParquetTable.open(memorySource(pagedFile(pageRows)), 'p.parquet');
      const slots = table.groupSlots;
      assert.deepStrictEqual(
        slots.map((s) => [s.start, s.rows]),
        [
          [0, 400],
          [400, 400],
          [800, 200],
        ],
      );
      for (const slot of slots)
        for (const [from, rows] of [
          [0, slot.rows],
          [0, 1],
          [1, 1],
          [6, 2],
          [7, 100],
          [99, 101],
          [100, 100],
          [slot.rows - 1, 1],
          [132, 68],
          [133, 67],
        ]) {
          const got = Array.from(await table.readRows(slot, 'p1', from, rows), Number);
          const want = Array.from({ length: rows }, (_, i) => value(slot.start + from + i, 1));
          assert.deepStrictEqual(got, want, `group ${slot.index}, rows ${from}+${rows}`);
        }
    });
  }

  it('gives the same probabilities whatever the page size', async () => {
    const want: number[] = [];
    for (let i = 0; i < ROWS; i++) want.push(share(i));
    for (const pageRows of [undefined, 7, 133]) {
      const source = await openParquetPredictions(memorySource(pagedFile(pageRows)), 'p.parquet', {
        label: 'x',
        logitsHint: '',
      });
      const got: number[] = [];
      const labels: number[] = [];
      for await (const batch of source.batches()) {
        for (let i = 0; i < batch.rows; i++) {
          got.push(batch.probs![i * 2]);
          labels.push(batch.labels![i]);
        }
      }
      assert.strictEqual(got.length, ROWS);
      got.forEach((p, i) => assert.ok(Math.abs(p - want[i]) < 1e-12, `row ${i}: ${p} vs ${want[i]}`));
      assert.deepStrictEqual(
        labels,
        Array.from({ length: ROWS }, (_, i) => i % 2),
      );
    }
  });
});
