import * as assert from 'assert';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DataFileError } from '../../src/core/data/dataFileError';
import { DatasetOptions, loadDataset, loadDatasetFromStream } from '../../src/core/data/dataset';
import { MAX_DATASET_BYTES } from '../../src/core/data/limits';
import { dataFileError, datasetFixture, loadFixture } from './datasetHelpers';

/** Every bad fixture, the options it is read with, and the one message it must produce. */
const CASES: Array<[string, RegExp, DatasetOptions?]> = [
  ['empty.csv', /^empty\.csv: is empty$/],
  ['header-only.csv', /^header-only\.csv: has a header but no data rows$/],
  [
    'one-class.csv',
    /^one-class\.csv, column 'label': the label column has only one class \('x'\); training needs at least two$/,
  ],
  [
    'no-target-column.csv',
    /^no-target-column\.csv: has no label column 'target' \(columns: a, b, label\); name the column that holds the true labels$/,
    { label: 'target' },
  ],
  ['ragged.csv', /^ragged\.csv, row 3 \(line 4\): has 2 fields but the header has 3$/, { strict: true }],
  ['unclosed-quote.csv', /^unclosed-quote\.csv, row 2 \(line 3\): a quoted field is never closed$/],
  [
    'invalid-utf8.csv',
    /^invalid-utf8\.csv, line 3: is not valid UTF-8 text \(byte 3 of the line, offset 18 in the file\)$/,
  ],
  ['bad-syntax.json', /^bad-syntax\.json: JSON syntax error at line 3, column 11: comma expected$/],
  ['bad-line.jsonl', /^bad-line\.jsonl: JSON syntax error at line 2, column 22: close brace expected$/],
  ['not-array.json', /^not-array\.json: must hold a JSON array of objects, one per row/],
  ['not-objects.json', /^not-objects\.json, row 1 \(line 1\): is not a JSON object$/],
  ['nested.json', /^nested\.json, row 2 \(line 1\), column 'a': holds a nested value; rows must be flat objects$/],
  ['too-many-columns.csv', /^too-many-columns\.csv, line 1: has 201 columns; at most 200 are supported$/],
  ['infinity.csv', /^infinity\.csv, row 2 \(line 3\), column 'b': 'Infinity' is not a finite number/],
  ['over-limit.csv', /^over-limit\.csv: is 34 B; datasets over 16 B are not loaded$/, { maxBytes: 16 }],
];

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    const stat = fs.statSync(file);
    out[name] = `${stat.mtimeMs}:${crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')}`;
  }
  return out;
}

describe('datasets: every bad file gives one DataFileError naming the file and the row or column', () => {
  const badDir = datasetFixture('bad');
  let untouched: Record<string, string>;
  before(() => {
    untouched = snapshot(badDir);
  });
  after(() => {
    assert.deepStrictEqual(snapshot(badDir), untouched, 'nothing in the fixtures was modified');
  });

  it('has a test for every fixture in test/fixtures/datasets/bad', () => {
    assert.deepStrictEqual(
      fs
        .readdirSync(badDir)
        .filter((f) => !f.endsWith('.md'))
        .sort(),
      CASES.map(([name]) => name).sort(),
    );
  });

  for (const [name, message, options] of CASES) {
    it(name, () => {
      const error = dataFileError(() => loadFixture('bad', name, options));
      assert.match(error.message, message);
      assert.strictEqual(error.file, name);
    });
  }

  it('skips ragged rows with a visible count naming the first ones, unless strict', () => {
    const d = loadFixture('bad', 'ragged.csv');
    assert.strictEqual(d.summary.skippedRows, 2);
    assert.strictEqual(d.summary.rowsRead, 5);
    assert.deepStrictEqual(d.warnings, [
      "2 row(s) whose field count differs from the header's 3 were skipped: row 3 (line 4, 2 fields), row 5 (line 6, 4 fields)",
    ]);
  });

  it('refuses a file over 200 MB from its size alone, before reading a byte', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gamma-ce-large-'));
    const file = path.join(dir, 'huge.csv');
    try {
      // Sparse: takes no disk space.
      fs.writeFileSync(file, 'a,b,label\n');
      fs.truncateSync(file, MAX_DATASET_BYTES + 1);
      let read = false;
      const chunks = (async function* () {
        read = true;
        yield new Uint8Array(0);
      })();
      await assert.rejects(
        loadDatasetFromStream(chunks, 'huge.csv', { totalBytes: fs.statSync(file).size }),
        (error: unknown) => {
          assert.ok(error instanceof DataFileError);
          assert.strictEqual(error.message, 'huge.csv: is 209715201 bytes; datasets over 200.0 MB are not loaded');
          return true;
        },
      );
      assert.strictEqual(read, false, 'no chunk was requested');
      // In memory, too: the length is checked before parsing.
      const bytes = new Uint8Array(MAX_DATASET_BYTES + 1);
      assert.match(
        dataFileError(() => loadDataset(bytes, 'huge.csv')).message,
        /^huge\.csv: is 209715201 bytes; datasets over 200\.0 MB/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a stream that turns out longer than the limit while reading', async () => {
    const chunks = [Buffer.from('a,b,label\n'), Buffer.from('1,2,x\n'.repeat(10))];
    await assert.rejects(
      loadDatasetFromStream(chunks, 'grows.csv', { maxBytes: 40 }),
      /^DataFileError: grows\.csv: is 70 B; datasets over 40 B are not loaded$/,
    );
  });
});
