import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parquetMetadataAsync } from 'hyparquet';
import { memorySource } from '../../src/core/data/byteSource';
import { flatPageLocations } from '../../src/core/data/parquetPageLocations';
import { openParquetPredictions } from '../../src/core/data/parquetPredictions';
import { ParquetTable } from '../../src/core/data/parquetTable';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writeParquet } = require(path.resolve(__dirname, '..', '..', '..', 'scripts', 'lib', 'parquetWriter.js')) as {
  writeParquet(file: string, columns: unknown[], options: Record<string, unknown>): void;
};

const ROWS = 1000;
const share = (i: number) => ((i * 7) % 101) / 1000;
const value = (i: number, k: number) => (k === 0 ? share(i) : 1 - share(i));

/**
 * A file of 3 row groups (400, 400, 200 rows) in pages of `pageRows`, nullable doubles and an INT64
 * label; `pyarrowLike`: dictionary pages first and statistics in every page header, as pyarrow writes.
 */
function pagedFile(pageRows: number | undefined, pyarrowLike = false): Uint8Array {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gce-pages-')), 'p.parquet');
  const columns = [0, 1].map((k) => ({
    name: `p${k}`,
    type: 'DOUBLE',
    optional: true,
    values: Array.from({ length: ROWS }, (_, i) => value(i, k)),
  }));
  columns.push({ name: 'x', type: 'INT64', optional: true, values: Array.from({ length: ROWS }, (_, i) => i % 2) });
  writeParquet(file, columns, {
    rows: ROWS,
    rowGroupRows: 400,
    pageRows,
    codec: 'SNAPPY',
    dictionary: pyarrowLike,
    pageStatistics: pyarrowLike,
  });
  return new Uint8Array(fs.readFileSync(file));
}

describe('Parquet row ranges over several data pages', () => {
  for (const [pageRows, pyarrowLike] of [
    [undefined, false],
    [1, false],
    [7, false],
    [100, false],
    [133, false],
    [7, true],
    [133, true],
  ] as const) {
    const shape = `pages of ${pageRows ?? 'a whole chunk'} rows${pyarrowLike ? ', dictionary pages and page statistics' : ''}`;
    it(`reads any row range of a group exactly (${shape})`, async () => {
      const table = await ParquetTable.open(memorySource(pagedFile(pageRows, pyarrowLike)), 'p.parquet');
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

describe('Parquet page locations found by walking page headers', () => {
  /** The file's metadata: a column chunk of group 0 and the group's rows. */
  async function chunkOf(bytes: Uint8Array, column: string) {
    const metadata = await parquetMetadataAsync({
      byteLength: bytes.length,
      slice: (start: number, end?: number) => bytes.slice(start, end).buffer,
    });
    const group = metadata.row_groups[0];
    const chunk = group.columns.find((c) => c.meta_data!.path_in_schema[0] === column)!;
    return { meta: chunk.meta_data!, rows: Number(group.num_rows) };
  }

  for (const [pageRows, pyarrowLike] of [
    [undefined, false],
    [1, false],
    [7, false],
    [133, false],
    [7, true],
  ] as const) {
    const shape = `pages of ${pageRows ?? 'a whole chunk'} rows${pyarrowLike ? ' after a dictionary page' : ''}`;
    it(`are one per data page with its first row (${shape})`, async () => {
      const bytes = pagedFile(pageRows, pyarrowLike);
      const { meta, rows } = await chunkOf(bytes, 'p1');
      const pages = (await flatPageLocations(memorySource(bytes), meta, rows))!;
      const size = pageRows ?? rows;
      assert.strictEqual(pages.length, Math.ceil(rows / size));
      assert.deepStrictEqual(
        pages.map((p) => Number(p.first_row_index)),
        pages.map((_, i) => i * size),
      );
      const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
      assert.strictEqual(Number(pages[0].offset), Number(meta.data_page_offset));
      assert.strictEqual(pyarrowLike, Number(meta.data_page_offset) > start);
      const last = pages[pages.length - 1];
      assert.strictEqual(Number(last.offset) + last.compressed_page_size, start + Number(meta.total_compressed_size));
    });
  }

  it('are refused (undefined: the chunk is then read whole) when the headers are damaged or do not add up', async () => {
    const bytes = pagedFile(7);
    const { meta, rows } = await chunkOf(bytes, 'p1');
    assert.strictEqual(await flatPageLocations(memorySource(bytes), meta, rows + 1), undefined);
    const damaged = bytes.slice();
    damaged.fill(0xff, Number(meta.data_page_offset), Number(meta.data_page_offset) + 16);
    assert.strictEqual(await flatPageLocations(memorySource(damaged), meta, rows), undefined);
  });

  for (const pyarrowLike of [false, true])
    it(`let a part of a group fetch only its own pages${pyarrowLike ? ' (and the dictionary page)' : ''}`, async () => {
      const bytes = pagedFile(100, pyarrowLike);
      let fetched = 0;
      const source = memorySource(bytes);
      const counting = { size: source.size, read: (at: number, n: number) => ((fetched += n), source.read(at, n)) };
      const table = await ParquetTable.open(counting, 'p.parquet');
      const slot = table.groupSlots[0];
      const { meta } = await chunkOf(bytes, 'p1');
      await table.readRows(slot, 'p1', 200, 100);
      fetched = 0;
      const part = await table.readRows(slot, 'p1', 300, 100);
      assert.deepStrictEqual(
        Array.from(part, Number),
        Array.from({ length: 100 }, (_, i) => value(300 + i, 1)),
      );
      const pages = (await flatPageLocations(memorySource(bytes), meta, slot.rows))!;
      const dictionary = Number(meta.data_page_offset) - Number(meta.dictionary_page_offset || meta.data_page_offset);
      assert.strictEqual(fetched, dictionary + pages[3].compressed_page_size);
      assert.ok(fetched < Number(meta.total_compressed_size), `${fetched} of ${meta.total_compressed_size} bytes`);
    });
});
