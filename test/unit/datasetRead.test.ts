import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { cellNumber, classifyNonNumber, CellKind } from '../../src/core/data/cell';
import { ColumnReader, readColumns, readColumnsFromStream } from '../../src/core/data/columnReader';
import { MISSING_CODE } from '../../src/core/data/columnBuilder';
import { loadDataset } from '../../src/core/data/dataset';
import { DECIMAL } from '../../src/core/data/parseNumber';
import type { ColumnTable } from '../../src/core/data/tableBuilder';
import { seededRandom } from '../../src/core/random';
import { dataFileError, datasetFixture } from './datasetHelpers';
import { REPO } from './helpers';

function read(name: string): ColumnTable {
  return readColumns(fs.readFileSync(datasetFixture('good', name)), name);
}

/** Every column's values (NaN → null, for deepStrictEqual) and cells (levels; numbers as numbers), by name. */
function contents(table: ColumnTable) {
  return table.columns.map((c) => ({
    name: c.name,
    values: Array.from(c.values, (v) => (Number.isNaN(v) ? null : v)),
    cells: c.codes
      ? Array.from(c.codes, (k) =>
          k === MISSING_CODE ? null : Number.isNaN(c.levelNumbers[k]) ? c.levels[k] : c.levelNumbers[k],
        )
      : undefined,
  }));
}

describe('datasets: reading CSV, TSV, JSON and JSONL into columns', () => {
  it('reads the same table from CSV, TSV, pipe-separated CSV, a JSON array and JSON Lines', () => {
    const csv = read('shapes.csv');
    assert.strictEqual(csv.rows, 6);
    assert.deepStrictEqual(
      csv.columns.map((c) => c.name),
      ['width', 'height', 'shape', 'kind'],
    );
    assert.deepStrictEqual(contents(csv)[0].values, [1.5, -0.5, 0.25, 2, 3.5, 1]);
    assert.deepStrictEqual(contents(csv)[1].values, [2, 3, null, 5, 1, 4]);
    assert.deepStrictEqual(contents(csv)[2].cells, ['round', 'square', 'round', 'square', 'round, large', 'square']);
    for (const [name, format, delimiter] of [
      ['shapes.tsv', 'tsv', '\t'],
      ['shapes-pipe.csv', 'csv', '|'],
      ['shapes.json', 'json', undefined],
      ['shapes.jsonl', 'jsonl', undefined],
    ] as const) {
      const table = read(name);
      assert.strictEqual(table.format, format, name);
      assert.strictEqual(table.delimiter, delimiter, name);
      assert.deepStrictEqual(contents(table), contents(csv), name);
    }
    assert.strictEqual(csv.delimiter, ',');
  });

  it('reads a UTF-8 BOM, CRLF, a sniffed semicolon and quoted fields holding the delimiter, quotes and a newline', () => {
    const table = read('shapes-semicolon-bom-crlf.csv');
    assert.strictEqual(table.delimiter, ';');
    assert.deepStrictEqual(
      table.columns.map((c) => c.name),
      ['width', 'height', 'shape', 'kind'],
    );
    assert.deepStrictEqual(contents(table)[2].cells, [
      'round',
      'square',
      'round',
      'square',
      'round; "large"\r\nshape',
      'square',
    ]);
    assert.deepStrictEqual(contents(table)[3].cells, ['a', 'b', 'a', 'b', 'a', 'b']);
    // Lines count the newline inside the quoted field: the row after it starts on line 8.
    assert.deepStrictEqual(Array.from(table.lines), [2, 3, 4, 5, 6, 8]);
    assert.deepStrictEqual(Array.from(table.rowNumbers), [1, 2, 3, 4, 5, 6]);
  });

  it('reads numbers in the usual spellings and the missing-value spellings', () => {
    const table = read('spellings.csv');
    assert.deepStrictEqual(contents(table)[0].values, [Math.fround(1e-3), -0.5, 0.5, 2, 100, 7, 0, -0]);
    assert.deepStrictEqual(contents(table)[1].values, [null, null, null, null, null, null, 3, 4]);
    assert.strictEqual(table.columns[1].stats.missing, 6);
    assert.strictEqual(table.columns[1].stats.texts, 0);
  });

  it('agrees with the decimal grammar of parseNumber on every kind of cell', () => {
    const cells = [
      '1',
      '-1',
      '+1',
      '1.',
      '.5',
      '-.5',
      '1e3',
      '1E-3',
      '1e+3',
      '0',
      '-0',
      '00',
      '007',
      ' 3 ',
      '\t4',
      '0.0',
      '0x10',
      '0X1f',
      '0b11',
      '0o7',
      '1_000',
      '1,5',
      '1e',
      'e1',
      '.',
      '-',
      '+',
      '',
      ' ',
      'abc',
      '1a',
      'Infinity',
      '-Infinity',
      'inf',
      'NaN',
      '1e39',
      '-1e39',
      '3.4e38',
      '١',
      '½',
      '1 2',
    ];
    for (const cell of cells) {
      const expected =
        DECIMAL.test(cell.trim()) && Math.abs(Number(cell)) <= 3.4028234663852886e38 ? Number(cell) : NaN;
      assert.ok(Object.is(cellNumber(cell), expected), `${JSON.stringify(cell)}: ${cellNumber(cell)} ≠ ${expected}`);
    }
    assert.strictEqual(classifyNonNumber('Infinity'), CellKind.NonFinite);
    assert.strictEqual(classifyNonNumber('-inf'), CellKind.NonFinite);
    assert.strictEqual(classifyNonNumber('1e39'), CellKind.NonFinite);
    assert.strictEqual(classifyNonNumber('  '), CellKind.Missing);
    assert.strictEqual(classifyNonNumber(' NA '), CellKind.Missing);
    assert.strictEqual(classifyNonNumber('0x10'), CellKind.Text);
  });

  it('stores columns as Float32Array values and Uint16Array level codes, not row objects', () => {
    const table = read('shapes.csv');
    for (const column of table.columns) {
      assert.ok(column.values instanceof Float32Array);
      assert.ok(column.codes instanceof Uint16Array);
      assert.strictEqual(column.values.length, table.rows);
    }
  });

  it('gives the same table whatever the chunk boundaries (bytes split inside rows, quotes, CRLF and UTF-8 sequences)', () => {
    const bytes = fs.readFileSync(datasetFixture('good', 'shapes-semicolon-bom-crlf.csv'));
    // A multi-byte character in a level too.
    const withUtf8 = Buffer.concat([bytes, Buffer.from('4.5;6;"ünïcödé ✓";b\r\n')]);
    const whole = contents(readColumns(withUtf8, 'x.csv'));
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const reader = new ColumnReader('x.csv', { totalBytes: withUtf8.length });
      for (let i = 0; i < withUtf8.length; i += size) reader.push(withUtf8.subarray(i, i + size));
      assert.deepStrictEqual(contents(reader.finish()), whole, `chunks of ${size} bytes`);
    }
    const jsonl = fs.readFileSync(datasetFixture('good', 'shapes.jsonl'));
    const reader = new ColumnReader('x.jsonl');
    for (let i = 0; i < jsonl.length; i += 3) reader.push(jsonl.subarray(i, i + 3));
    assert.deepStrictEqual(contents(reader.finish()), contents(read('shapes.csv')));
  });

  it('streams a file from an async iterable and reports progress up to 1', async () => {
    const file = datasetFixture('good', 'iris-sample.csv');
    const size = fs.statSync(file).size;
    const fractions: number[] = [];
    const table = await readColumnsFromStream(fs.createReadStream(file, { highWaterMark: 64 }), 'iris-sample.csv', {
      totalBytes: size,
      onProgress: (f) => fractions.push(f),
    });
    assert.strictEqual(table.rows, 30);
    assert.ok(fractions.length > 5, `${fractions.length} progress reports`);
    assert.deepStrictEqual(
      [...fractions].sort((a, b) => a - b),
      fractions,
      'progress only grows',
    );
    assert.strictEqual(fractions[fractions.length - 1], 1);
    const progress: number[] = [];
    loadDataset(fs.readFileSync(file), 'iris-sample.csv', { onProgress: (f) => progress.push(f) });
    assert.strictEqual(progress[progress.length - 1], 1);
  });

  it('reads a large generated CSV identically in one piece and in 1 MB chunks', () => {
    const random = seededRandom(3);
    const lines = ['a,b,c,label'];
    for (let i = 0; i < 60_000; i++)
      lines.push(`${random().toFixed(6)},${Math.floor(random() * 100)},"q, ${i % 7}",k${i % 3}`);
    const text = `${lines.join('\n')}\n`;
    const fromText = readColumns(text, 'big.csv');
    const fromBytes = readColumns(Buffer.from(text), 'big.csv');
    assert.strictEqual(fromText.rows, 60_000);
    assert.deepStrictEqual(contents(fromBytes), contents(fromText));
    assert.strictEqual(fromBytes.lines[59_999], 60_001);
  });

  it('reads JSON values by type: numbers, strings that spell numbers, booleans, null and absent keys', () => {
    const text = '[{"n": 1, "s": "2.5", "b": true, "label": "x"}, {"n": null, "b": false, "label": "y", "late": 3}]';
    const table = readColumns(text, 'v.json');
    assert.deepStrictEqual(contents(table), [
      { name: 'n', values: [1, null], cells: [1, null] },
      { name: 's', values: [2.5, null], cells: [2.5, null] },
      { name: 'b', values: [null, null], cells: ['true', 'false'] },
      { name: 'label', values: [null, null], cells: ['x', 'y'] },
      { name: 'late', values: [null, 3], cells: [null, 3] },
    ]);
  });

  it('sniffs the format of a file whose name says nothing', () => {
    assert.strictEqual(readColumns('[{"a": 1, "l": "x"}]', 'data').format, 'json');
    assert.strictEqual(readColumns('\n {"a": 1, "l": "x"}\n', 'data').format, 'jsonl');
    assert.strictEqual(readColumns('a;l\n1;x\n', 'data').format, 'csv');
  });

  it('sniffs the delimiter of a short file that ends in a newline (the blank last line is no one-field row)', () => {
    for (const text of ['a;l\r\n1;x\r\n', '"a";l\n1;x\n"2";y\n', 'a|l\n1|x\n\n']) {
      const table = readColumns(text, 'short.csv');
      assert.deepStrictEqual(
        table.columns.map((c) => c.name),
        ['a', 'l'],
        JSON.stringify(text),
      );
      assert.strictEqual(table.delimiter, text.includes('|') ? '|' : ';');
    }
  });

  it('names the file, row and line when a header names a column twice or not at all', () => {
    assert.match(
      dataFileError(() => readColumns('a,a,l\n1,2,x\n', 'd.csv')).message,
      /^d\.csv, line 1: the header names column 'a' twice$/,
    );
    assert.match(
      dataFileError(() => readColumns('a,,l\n1,2,x\n', 'd.csv')).message,
      /^d\.csv, line 1: column 2 of the header has no name$/,
    );
  });

  it('gives up on a quote that would swallow the rest of a large file, instead of buffering it', function () {
    this.timeout(30_000);
    const row = `${'1,2,x\n'.repeat(200_000)}`;
    const text = `a,b,label\n3,"4,y\n${row.repeat(8)}`;
    const error = dataFileError(() => readColumns(text, 'q.csv'));
    assert.match(error.message, /^q\.csv, row 1 \(line 2\): a quoted field is never closed/);
  });
});

describe('datasets: loadDataset end to end on the bundled samples', () => {
  it('reads Iris, Wine, Breast Cancer and Digits with the label columns the README names', () => {
    const expected: Record<string, [string, number, number, number]> = {
      'iris.csv': ['species', 150, 4, 3],
      'wine.csv': ['cultivar', 178, 13, 3],
      'breast_cancer.csv': ['diagnosis', 569, 30, 2],
      'digits.csv': ['digit', 1797, 61, 10],
    };
    for (const [name, [label, rows, features, classes]] of Object.entries(expected)) {
      const dataset = loadDataset(fs.readFileSync(path.join(REPO, 'media', 'datasets', name)), name);
      assert.strictEqual(dataset.schema.label, label, name);
      assert.strictEqual(dataset.train.rows + dataset.validation.rows + dataset.test.rows, rows, name);
      assert.strictEqual(dataset.features, features, name);
      assert.strictEqual(dataset.classes, classes, name);
    }
  });

  it('the synthetic sample has its id ignored, x3 missing-indicated, site one-hot and three classes', () => {
    const dataset = loadDataset(
      fs.readFileSync(path.join(REPO, 'media', 'datasets', 'blobs-noisy.csv')),
      'blobs-noisy.csv',
    );
    assert.deepStrictEqual(dataset.classNames, ['alpha', 'beta', 'gamma']);
    assert.deepStrictEqual(dataset.featureNames, [
      'x1',
      'x2',
      'x3',
      'x3 (missing)',
      'x4',
      'noise',
      'site=east',
      'site=north',
      'site=south',
      'site=west',
    ]);
    assert.strictEqual(dataset.schema.columns[0].role, 'ignored');
  });
});
