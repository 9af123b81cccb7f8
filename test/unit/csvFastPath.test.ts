import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { asciiText } from '../../src/core/data/asciiText';
import { datasetColumns } from '../../src/core/data/columnBuilder';
import { ColumnReader } from '../../src/core/data/columnReader';
import type { ColumnFactory } from '../../src/core/data/columnSink';
import { DelimitedReader } from '../../src/core/data/delimitedReader';
import { exactColumns } from '../../src/core/data/exactColumn';
import { plainDecimal } from '../../src/core/data/plainDecimal';
import { TableBuilder } from '../../src/core/data/tableBuilder';
import { seededRandom } from '../../src/core/random';

/** The table (or the error) that reading `text` in the given chunks gives, with or without the fast path. */
function read<C>(text: string, chunks: number[], fastPath: boolean, columns: ColumnFactory<C>, tab = false): unknown {
  const table = new TableBuilder('t.csv', tab ? 'tsv' : 'csv', columns, 1000);
  const reader = new DelimitedReader(table, tab, { strict: false, fastPath });
  try {
    let at = 0;
    for (const size of chunks) {
      reader.push(text.slice(at, at + size));
      at += size;
    }
    reader.push(text.slice(at));
    reader.end();
    return table.finish(reader.fieldDelimiter);
  } catch (error) {
    return { error: String(error), location: (error as { location?: unknown }).location };
  }
}

function chunking(length: number, pick: (n: number) => number): number[] {
  const sizes: number[] = [];
  for (let at = 0; at < length;) {
    const size = 1 + pick(pick(2) ? 40 : 70_000);
    sizes.push(size);
    at += size;
  }
  return sizes;
}

function sameBothWays(text: string, pick: (n: number) => number, tab = false): void {
  const chunks = chunking(text.length, pick);
  for (const columns of [datasetColumns, exactColumns(() => true)] as ColumnFactory<unknown>[]) {
    assert.deepStrictEqual(read(text, chunks, true, columns, tab), read(text, chunks, false, columns, tab));
  }
}

describe('CSV fast path (unquoted chunks)', () => {
  it('parses plain decimals exactly as +text does, and leaves everything else to the careful path', () => {
    const random = seededRandom(3);
    const pick = (n: number) => Math.floor(random() * n);
    const alphabet = '0123456789012345678901234567890123456789..-+e x';
    let parsed = 0;
    for (let t = 0; t < 200_000; t++) {
      let s = '';
      for (let n = pick(24); n >= 0; n--) s += alphabet[pick(alphabet.length)];
      const value = plainDecimal(s, 0, s.length);
      if (value === value) {
        parsed++;
        assert.ok(Object.is(value, +s), `${s}: ${value} vs ${+s}`);
      }
    }
    assert.ok(parsed > 20_000, `only ${parsed} of the fuzzed spellings took the fast path`);
    for (const s of [
      '1.50795',
      '-0.70327',
      '0',
      '-0',
      '+3',
      '.5',
      '7.',
      '007',
      '123456789012345',
      '0.0000000000000000000001',
    ])
      assert.ok(Object.is(plainDecimal(s, 0, s.length), +s), s);
    for (const s of ['', '-', '.', '+.', '1e5', ' 1', '1 ', '0x10', '1.2.3', '1234567890123456', 'Infinity', '1,5'])
      assert.ok(Number.isNaN(plainDecimal(s, 0, s.length)), s);
    // Digits of a span inside a longer text only.
    assert.strictEqual(plainDecimal('x,12.5,y', 2, 6), 12.5);
  });

  it('reads the fixtures into the same tables as Papa does', () => {
    const dirs = ['datasets', 'formats', 'predictions'].map((d) =>
      path.join(__dirname, '..', '..', '..', 'test', 'fixtures', d),
    );
    const random = seededRandom(5);
    const pick = (n: number) => Math.floor(random() * n);
    let files = 0;
    for (const dir of dirs.filter((d) => fs.existsSync(d))) {
      for (const name of fs.readdirSync(dir).filter((n) => /\.(csv|tsv)$/.test(n))) {
        const text = fs.readFileSync(path.join(dir, name), 'utf8').replace(/^\uFEFF/, '');
        sameBothWays(text, pick, name.endsWith('.tsv'));
        files++;
      }
    }
    assert.ok(files >= 5, `only ${files} fixtures`);
  });

  it('reads fuzzed delimited texts into the same tables, rows skipped and errors as Papa does', () => {
    const random = seededRandom(11);
    const pick = (n: number) => Math.floor(random() * n);
    for (let t = 0; t < 400; t++) {
      const { text, delimiter } = fuzzedText(random, pick);
      sameBothWays(text, pick, delimiter === '\t' && pick(2) === 0);
    }
  });
});

/** A delimited text of random cells, ragged and blank lines, CRs and (sometimes) quotes and non-ASCII cells. */
function fuzzedText(random: () => number, pick: (n: number) => number): { text: string; delimiter: string } {
  const cells = [
    '1',
    '-2.5',
    '0.125',
    '',
    ' ',
    ' 3',
    '4 ',
    'NA',
    'nan',
    'inf',
    '1e3',
    '1E-7',
    '0e5',
    '0x1F',
    'abc',
    'b',
    '12345678901234567',
    '-0',
    '.5',
    '7.',
    '+7',
    '\r',
    '"q"',
    'x"y',
    'é',
    '日本',
  ];
  const delimiter = [',', ';', '\t', '|'][pick(4)];
  const columns = 1 + pick(4);
  const lines = [Array.from({ length: columns }, (_, j) => `c${j}`).join(delimiter)];
  const rows = pick(3) === 0 ? 2000 + pick(6000) : pick(40);
  const quotes = pick(4) === 0;
  const unicode = pick(4) === 0;
  for (let r = 0; r < rows; r++) {
    const kind = pick(30);
    if (kind === 0) lines.push('');
    else {
      const n = kind === 1 ? columns + 1 : kind === 2 ? Math.max(1, columns - 1) : columns;
      const row = Array.from({ length: n }, () => {
        let cell = pick(2) ? (random() * 200 - 100).toFixed(pick(6)) : cells[pick(cells.length)];
        if (!quotes) cell = cell.replace(/"/g, '');
        if (!unicode) cell = cell.replace(/[^ -~\r]/g, 'u');
        return cell;
      });
      lines.push(row.join(delimiter) + (pick(10) === 0 ? '\r' : ''));
    }
  }
  return { text: lines.join('\n') + (pick(2) ? '\n' : ''), delimiter };
}

/** The table (or the error) that a ColumnReader makes of the file's bytes, pushed in the given chunks, or of its text. */
function readFile(bytes: Uint8Array, chunks: number[] | 'text', name: string): unknown {
  const reader = new ColumnReader(name, { totalBytes: bytes.length });
  try {
    if (chunks === 'text') reader.pushText(new TextDecoder().decode(bytes));
    else {
      let at = 0;
      for (const size of chunks) {
        reader.push(bytes.subarray(at, at + size));
        at += size;
      }
      reader.push(bytes.subarray(at));
    }
    return reader.finish();
  } catch (error) {
    return { error: String(error), location: (error as { location?: unknown }).location };
  }
}

describe('CSV byte path (whole ASCII lines read without decoding)', () => {
  it('asciiText gives the text of any span of ASCII bytes', () => {
    const random = seededRandom(23);
    const bytes = Uint8Array.from({ length: 300 }, () => 32 + Math.floor(random() * 95));
    const text = new TextDecoder().decode(bytes);
    for (let start = 0; start < 20; start += 3)
      for (let length = 0; length <= 100; length++)
        assert.strictEqual(asciiText(bytes, start, start + length), text.slice(start, start + length));
  });

  it('reads fuzzed files pushed as bytes in chunks of any size into the tables their text gives', () => {
    const random = seededRandom(17);
    const pick = (n: number) => Math.floor(random() * n);
    const encoder = new TextEncoder();
    let large = 0;
    const pushBytes = DelimitedReader.prototype.pushBytes;
    let byteLines = 0;
    DelimitedReader.prototype.pushBytes = function (this: DelimitedReader, ...args) {
      const stop = pushBytes.apply(this, args);
      byteLines += this.bytesLines;
      return stop;
    };
    try {
      for (let t = 0; t < 200; t++) {
        const { text, delimiter } = fuzzedText(random, pick);
        // Large files past the head that goes as text, so that their lines go as bytes.
        const body = pick(3) === 0 ? text + text.slice(text.indexOf('\n') + 1).repeat(20) : text;
        const bytes = encoder.encode(body);
        if (bytes.length > 200_000) large++;
        const name = delimiter === '\t' && pick(2) === 0 ? 't.tsv' : 't.csv';
        const sizes: number[] = [];
        for (let at = 0; at < bytes.length;) {
          const size = 1 + pick([40, 70_000, 1 << 20][pick(3)]);
          sizes.push(size);
          at += size;
        }
        assert.deepStrictEqual(readFile(bytes, sizes, name), readFile(bytes, 'text', name), `file ${t}`);
      }
    } finally {
      DelimitedReader.prototype.pushBytes = pushBytes;
    }
    assert.ok(large >= 12, `only ${large} large files`);
    assert.ok(byteLines > 500_000, `only ${byteLines} lines went as bytes`);
  });

  it('gives the line and offset of an invalid UTF-8 byte that follows lines read as bytes', () => {
    const lines = ['a,b'];
    for (let i = 0; i < 30_000; i++) lines.push(`${i}.5,${i % 7}`);
    const head = new TextEncoder().encode(lines.join('\n') + '\n1.5,');
    const bytes = new Uint8Array(head.length + 3);
    bytes.set(head);
    bytes.set([0xff, 0x32, 0x0a], head.length);
    const result = readFile(bytes, [300_000, 1 << 20], 'bad.csv') as { error: string; location: unknown };
    assert.deepStrictEqual(result, readFile(bytes, [bytes.length], 'bad.csv'));
    assert.match(result.error, new RegExp(`not valid UTF-8 text \\(offset ${head.length} in the file\\)`));
    assert.deepStrictEqual(result.location, { line: 30_002 });
  });
});
