import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { memorySource } from '../../src/core/data/byteSource';
import { flatPageLocations } from '../../src/core/data/parquetPageLocations';
import { allPresent, readPlainRows } from '../../src/core/data/parquetPlainPages';
import { ParquetTable } from '../../src/core/data/parquetTable';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writeParquet } = require(path.resolve(__dirname, '..', '..', '..', 'scripts', 'lib', 'parquetWriter.js')) as {
  writeParquet(file: string, columns: unknown[], options: Record<string, unknown>): void;
};
const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures');
const ROWS = 300;

function written(columns: unknown[], options: Record<string, unknown> = {}): Uint8Array {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gce-plain-')), 'p.parquet');
  writeParquet(file, columns, { rows: ROWS, rowGroupRows: 200, pageRows: 7, codec: 'SNAPPY', ...options });
  return new Uint8Array(fs.readFileSync(file));
}

const column = (name: string, type: string, value: (i: number) => number | null, optional = true) => ({
  name,
  type,
  optional,
  values: Array.from({ length: ROWS }, (_, i) => value(i)),
});

/** What hyparquet itself reads for a column, as numbers (null stays null). */
async function hyparquetColumn(bytes: Uint8Array, name: string): Promise<(number | null)[]> {
  const file = { byteLength: bytes.length, slice: (s: number, e?: number) => bytes.slice(s, e).buffer };
  const rows = await parquetReadObjects({ file, columns: [name], compressors });
  return rows.map((r) => (r[name] === null ? null : Number(r[name] as number | bigint)));
}

/** Every row of a column through ParquetTable (which takes the plain path where it can), in parts. */
async function tableColumn(bytes: Uint8Array, name: string, part: number): Promise<(number | null)[]> {
  const table = await ParquetTable.open(memorySource(bytes), 'p.parquet');
  const out: (number | null)[] = [];
  for (const slot of table.groupSlots)
    for (let from = 0; from < slot.rows; from += part) {
      const rows = await table.readRows(slot, name, from, Math.min(part, slot.rows - from));
      for (let i = 0; i < rows.length; i++) out.push(rows[i] === null ? null : Number(rows[i] as number | bigint));
    }
  return out;
}

/** Whether the plain path reads group 0's rows of `name` (undefined: hyparquet's path). */
async function plainReads(bytes: Uint8Array, name: string): Promise<boolean> {
  const table = await ParquetTable.open(memorySource(bytes), 'p.parquet');
  const meta = table['chunkOf'](table.groupSlots[0], name)!;
  const pages = await flatPageLocations(memorySource(bytes), meta, 200);
  const element = { name, repetition_type: 'OPTIONAL' as const };
  return (await readPlainRows(memorySource(bytes), meta, element, pages!, 3, 50)) !== undefined;
}

describe('Parquet PLAIN pages decoded without hyparquet', () => {
  const cases: [string, Uint8Array, string[], boolean][] = [
    [
      'nullable doubles, floats, int32 and int64 without nulls',
      written([
        column('d', 'DOUBLE', (i) => i / 7),
        column('f', 'FLOAT', (i) => i / 8),
        column('i', 'INT32', (i) => i - 150),
        column('l', 'INT64', (i) => (i % 2 ? -1 : 1) * (2 ** 40 + i)),
      ]),
      ['d', 'f', 'i', 'l'],
      true,
    ],
    ['a null in the column', written([column('d', 'DOUBLE', (i) => (i === 20 ? null : i / 7))]), ['d'], false],
    [
      'dictionary pages',
      written([column('d', 'DOUBLE', (i) => (i % 5) / 4)], { dictionary: true, pageStatistics: true }),
      ['d'],
      false,
    ],
    ['zstd pages', written([column('d', 'DOUBLE', (i) => i / 3)], { codec: 'ZSTD' }), ['d'], true],
  ];
  for (const [name, bytes, columns, plain] of cases) {
    it(`give hyparquet's values for ${name}, read in any parts (${plain ? 'plain path' : "hyparquet's path"})`, async () => {
      for (const c of columns) {
        assert.strictEqual(await plainReads(bytes, c), plain, `column ${c}: the path taken`);
        const want = await hyparquetColumn(bytes, c);
        for (const part of [1, 6, 7, 50, 200])
          assert.deepStrictEqual(await tableColumn(bytes, c, part), want, `${c} in parts of ${part}`);
      }
    });
  }

  it("give hyparquet's values for every committed Parquet fixture", async () => {
    const files = ['formats', 'datasets/binary'].flatMap((dir) =>
      fs
        .readdirSync(path.join(FIXTURES, dir))
        .filter((f) => f.endsWith('.parquet'))
        .map((f) => path.join(FIXTURES, dir, f)),
    );
    assert.ok(files.length >= 10);
    for (const file of files) {
      const bytes = new Uint8Array(fs.readFileSync(file));
      const table = await ParquetTable.open(memorySource(bytes), file);
      for (const c of table.columns.filter((col) => col.kind === 'number'))
        assert.deepStrictEqual(
          await tableColumn(bytes, c.name, 37),
          await hyparquetColumn(bytes, c.name),
          `${file}: ${c.name}`,
        );
    }
  });

  it('check definition levels of bit width 1 in RLE runs and bit-packed groups', () => {
    assert.strictEqual(allPresent(Uint8Array.of(10 << 1, 1), 10), true);
    assert.strictEqual(allPresent(Uint8Array.of(10 << 1, 0), 10), false);
    assert.strictEqual(allPresent(Uint8Array.of((1 << 1) | 1, 0xff), 8), true);
    assert.strictEqual(allPresent(Uint8Array.of((1 << 1) | 1, 0x1f), 5), true);
    assert.strictEqual(allPresent(Uint8Array.of((1 << 1) | 1, 0x1e), 5), false);
    assert.strictEqual(allPresent(Uint8Array.of((2 << 1) | 1, 0xff, 0x07), 11), true);
    assert.strictEqual(allPresent(Uint8Array.of((2 << 1) | 1, 0xff, 0x03), 11), false);
    assert.strictEqual(allPresent(Uint8Array.of(4 << 1, 1, (1 << 1) | 1, 0x0f), 8), true);
    assert.strictEqual(allPresent(Uint8Array.of(4 << 1, 1), 8), false, 'levels end before the values do');
    assert.strictEqual(allPresent(Uint8Array.of(0, 1), 8), false, 'an empty run');
  });
});
