import * as assert from 'assert';
import * as fs from 'fs';
import { DataFileError } from '../../src/core/data/dataFileError';
import { DATA_FILE_EXTENSIONS, formatFromName } from '../../src/core/data/fileTypes';
import { MAX_COLUMNS } from '../../src/core/data/limits';
import {
  Predictions,
  PredictionsReadOptions,
  readPredictions,
  readPredictionsFromStream,
} from '../../src/core/predictions';
import { fixture } from './helpers';

const OPTIONS: Record<string, PredictionsReadOptions> = {
  'index.tsv': { label: 'y' },
  'logits.csv': { softmax: true },
};

function* chunks(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function outcome(read: () => Predictions | Promise<Predictions>): Promise<Predictions | string> {
  try {
    return await read();
  } catch (error) {
    assert.ok(error instanceof DataFileError, `threw ${String(error)}`);
    return error.message;
  }
}

function message(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    assert.ok(error instanceof DataFileError, `threw ${String(error)}`);
    return error.message;
  }
  return 'no error';
}

describe('readPredictions: streamed in chunks of any size, read the same', () => {
  for (const name of fs.readdirSync(fixture('predictions')).sort()) {
    it(name, async () => {
      const bytes = fs.readFileSync(fixture('predictions', name));
      const options = OPTIONS[name] ?? {};
      const whole = await outcome(() => readPredictions(bytes, name, options));
      for (const size of [1, 3, 64, 4096]) {
        assert.deepStrictEqual(
          await outcome(() => readPredictionsFromStream(chunks(bytes, size), name, options)),
          whole,
          `chunks of ${size} bytes`,
        );
      }
      const text = bytes.toString('utf8');
      if (Buffer.from(text).equals(bytes))
        assert.deepStrictEqual(await outcome(() => readPredictions(text, name, options)), whole, 'as text');
    });
  }
});

describe('readPredictions: every number exactly as written, every cell as the user wrote it', () => {
  it('keeps float64 values (not rounded to float32 as a dataset is)', () => {
    const p = readPredictions('a,b,c,label\n0.1,0.2,0.7,a\n0.123456789012345678,0.3,0.576543210987654322,c\n', 'p.csv');
    assert.notStrictEqual(Math.fround(0.1), 0.1);
    // eslint-disable-next-line no-loss-of-precision -- the literal is the file's text: parsing must round it as Number() does
    assert.deepStrictEqual(Array.from(p.probs.data), [0.1, 0.2, 0.7, 0.123456789012345678, 0.3, 0.576543210987654322]);
    const binary = readPredictions('p,label\n0.92,1\n', 'b.csv');
    assert.deepStrictEqual(Array.from(binary.probs.data), [1 - 0.92, 0.92]);
  });

  it("reads 'NA' as a class name, not as a missing label, and refuses it as a probability", () => {
    assert.deepStrictEqual(
      Array.from(readPredictions('NA,EU,label\n0.9,0.1,NA\n0.2,0.8,EU\n', 'c.csv').labels),
      [0, 1],
    );
    assert.strictEqual(
      message(() => readPredictions('a,b,label\n0.5,0.5,a\nNA,0.5,b\n', 'c.csv')),
      "c.csv, row 2 (line 3), column 'a': 'NA' is not a number",
    );
  });

  it('reads files wider than a dataset may be (1000 classes)', () => {
    const classes = 1000;
    const header = [...Array.from({ length: classes }, (_, k) => `p${k}`), 'label'].join(',');
    const row = (hot: number) =>
      [...Array.from({ length: classes }, (_, k) => (k === hot ? '1' : '0')), String(hot)].join(',');
    const p = readPredictions(`${header}\n${row(999)}\n${row(3)}\n`, 'wide.csv');
    assert.ok(classes > MAX_COLUMNS);
    assert.strictEqual(p.probs.cols, classes);
    assert.deepStrictEqual(Array.from(p.labels), [999, 3]);
  });

  it('names the first bad row in reading order, and the first bad column in it', () => {
    const cases: Array<[string, string]> = [
      [
        'a,b,label\n0.5,0.4,a\n0.5,x,a\n',
        'p.csv, row 1 (line 2): the probabilities sum to 0.9, not 1 (±0.001); if the columns hold logits, use the softmax option (--softmax)',
      ],
      ['a,b,label\n0.5,0.5,a\n0.5,x,a\ny,0.5,b\n', "p.csv, row 2 (line 3), column 'b': 'x' is not a number"],
      ['a,b,label\n0.5,0.5,a\n0.5,x,a\ny,0.5,b\nz,q,a\n', "p.csv, row 2 (line 3), column 'b': 'x' is not a number"],
      ['a,b,label\n0.5,0.5,a\nw,x,a\n', "p.csv, row 2 (line 3), column 'a': 'w' is not a number"],
      ['a,b,label\n0.5,0.5,a\n0.5,,a\n', "p.csv, row 2 (line 3), column 'b': an empty cell is not a number"],
      ['a,b,label\n0.5,0.5,a\n0.5, ,a\n', "p.csv, row 2 (line 3), column 'b': ' ' is not a number"],
      ['a,b,label\n0.5,0.5, \n', "p.csv, row 1 (line 2), column 'label': the label is missing"],
    ];
    for (const [text, expected] of cases)
      assert.strictEqual(
        message(() => readPredictions(text, 'p.csv')),
        expected,
        text,
      );
  });

  it('JSON: a missing key is an empty cell, number labels index the classes, and errors name the line', () => {
    const json = '[\n{"a": 0.3, "b": 0.7, "label": 1},\n{"a": 0.6, "label": 0}\n]';
    assert.strictEqual(
      message(() => readPredictions(json, 'p.json')),
      "p.json, row 2 (line 3), column 'b': an empty cell is not a number",
    );
    const ok = readPredictions('[{"a": 0.3, "b": 0.7, "label": 1}, {"a": 0.6, "b": "0.4", "label": 0}]', 'p.json');
    assert.deepStrictEqual(Array.from(ok.labels), [1, 0]);
    assert.deepStrictEqual(Array.from(ok.probs.data), [0.3, 0.7, 0.6, 0.4]);
  });

  it('a CSV without the label column is refused at its header, before the rows are read', async () => {
    function* stream(): Generator<Uint8Array> {
      yield Buffer.from(`cat,dog,truth\n${'0.5,0.5,cat\n'.repeat(10_000)}`);
      throw new Error('read past the header');
    }
    await assert.rejects(readPredictionsFromStream(stream(), 'p.csv'), {
      message:
        "p.csv: has no label column 'label' (columns: cat, dog, truth); name the column that holds the true labels",
    });
  });
});

describe('data file types: one list, and other names sniffed from the content', () => {
  it('names the four text formats (then the binary ones) by extension, case-insensitively', () => {
    assert.deepStrictEqual(DATA_FILE_EXTENSIONS, ['csv', 'tsv', 'json', 'jsonl', 'parquet', 'npz', 'npy']);
    assert.deepStrictEqual(['a.csv', 'b.TSV', 'c.Json', 'd.jsonl', 'e.txt', 'f.ndjson', 'g'].map(formatFromName), [
      'csv',
      'tsv',
      'json',
      'jsonl',
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reads a .txt of tab-separated values and a .ndjson of JSON lines by their content', () => {
    const tsv = readPredictions('a\tb\tlabel\n0.3\t0.7\tb\n', 'p.txt');
    const ndjson = readPredictions('{"a": 0.3, "b": 0.7, "label": "b"}\n', 'p.ndjson');
    assert.strictEqual(tsv.format, 'csv');
    assert.strictEqual(ndjson.format, 'jsonl');
    for (const p of [tsv, ndjson]) {
      assert.deepStrictEqual(Array.from(p.probs.data), [0.3, 0.7]);
      assert.deepStrictEqual(Array.from(p.labels), [1]);
    }
  });
});
