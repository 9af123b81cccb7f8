import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { calibrationReport, DEFAULT_BINS } from '../../src/core/calibration';
import { streamCalibration } from '../../src/core/calibration/streamingSource';
import { DataFileError } from '../../src/core/data/dataFileError';
import {
  DelimitedPredictionsOptions,
  LabelsReread,
  NotStreamable,
  openDelimitedPredictions,
} from '../../src/core/data/delimitedPredictions';
import { fastDecimal } from '../../src/core/data/fastDecimal';
import { CLI_LOGITS_HINT, readPredictions } from '../../src/core/predictions';
import { formatCalibration } from '../../src/cli/formatCalibration';
import { seededRandom } from '../../src/core/random';
import { runCli } from './cliRun';
import { fixture } from './helpers';

interface Case {
  file: string;
  label?: string;
  softmax?: boolean;
}

const VALID: Case[] = [
  { file: fixture('predictions', 'binary.csv') },
  { file: fixture('predictions', 'index.tsv'), label: 'y' },
  { file: fixture('predictions', 'logits.csv'), softmax: true },
  { file: fixture('predictions', 'names.csv') },
  { file: fixture('predictions', 'prefixed.csv') },
  { file: fixture('predictions', 'semicolon.csv') },
  { file: fixture('formats', 'preds.csv') },
  { file: fixture('formats', 'logits.csv'), softmax: true },
];

/** Read whole, as the in-memory path does: the reference. */
function inMemoryJson({ file, label, softmax }: Case, bytes = fs.readFileSync(file)): string {
  const p = readPredictions(new Uint8Array(bytes), file, { label, softmax, logitsHint: CLI_LOGITS_HINT });
  return JSON.stringify({ file, ...calibrationReport(p.probs, p.labels, { bins: DEFAULT_BINS }) }, null, 2);
}

function chunked(bytes: Uint8Array, size: number) {
  return async function* () {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  };
}

/** The streamed report (re-read as the CLI does when labels read another way), or the reason it fell back. */
async function streamedJson(
  { file, label, softmax }: Case,
  bytes: Uint8Array,
  chunk: number,
  extra: DelimitedPredictionsOptions = {},
): Promise<string | NotStreamable> {
  const format = file.endsWith('.tsv') ? 'tsv' : 'csv';
  const source = await openDelimitedPredictions(chunked(bytes, chunk), file, format, { label, softmax, ...extra });
  if (!source) return new NotStreamable('head');
  for (let read = 0; read < 8; read++) {
    try {
      return withoutStreamedKeys(
        JSON.stringify({ file, ...(await streamCalibration(source, { bins: DEFAULT_BINS })) }),
      );
    } catch (error) {
      if (error instanceof NotStreamable) return error;
      if (!(error instanceof LabelsReread)) throw error;
    }
  }
  throw new Error('labels kept changing');
}

/**
 * A streamed report's JSON without the keys only streamed reports have (the form, the metrics left out,
 * the rows kept for the equal-mass bins), checked: every row kept, nothing left out.
 */
function withoutStreamedKeys(json: string): string {
  const { form, unavailable, keptRows, ...rest } = JSON.parse(json) as Record<string, unknown>;
  assert.strictEqual(form, 'probabilities');
  assert.deepStrictEqual(unavailable, []);
  assert.strictEqual(keptRows, rest.rows ?? keptRows);
  return JSON.stringify(rest, null, 2);
}

describe('streamed CSV/TSV predictions', () => {
  for (const c of VALID) {
    const name = path.basename(c.file);
    it(`${name}: the same report as the whole-file reader, for any chunk and batch size`, async () => {
      const bytes = new Uint8Array(fs.readFileSync(c.file));
      const expected = inMemoryJson(c);
      for (const chunk of [1 << 20, 7, 1]) {
        for (const batchRows of [65_536, 2, 1]) {
          const got = await streamedJson(c, bytes, chunk, { batchRows });
          assert.ok(typeof got === 'string', `${name} fell back: ${(got as Error).message}`);
          assert.strictEqual(got, expected, `${name}, chunks of ${chunk}, batches of ${batchRows}`);
        }
      }
    });
  }

  it('gives the CLI the same JSON and text as the whole-file reader', async () => {
    for (const c of VALID) {
      const args = ['calibrate', '--json', c.file];
      if (c.label) args.push('--label', c.label);
      if (c.softmax) args.push('--softmax');
      const { code, stdout, stderr } = await runCli(...args);
      assert.strictEqual(stderr, '');
      assert.strictEqual(code, 0);
      assert.strictEqual(stdout, `${inMemoryJson(c)}\n`);
      const text = await runCli(...args.filter((a) => a !== '--json'));
      const p = readPredictions(fs.readFileSync(c.file), c.file, { label: c.label, softmax: c.softmax });
      assert.strictEqual(text.stdout, formatCalibration(p, calibrationReport(p.probs, p.labels)));
    }
  });

  it('falls back to the whole-file reader for quotes, CR line ends and odd cells, with the same report', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csvstream-'));
    const files: Record<string, string> = {
      'quoted.csv': '"cat",dog,label\n0.7,0.3,cat\n0.4,0.6,dog\n',
      'cr.csv': 'cat,dog,label\r0.7,0.3,cat\r0.4,0.6,dog\r',
      'blanks.csv': '\n\ncat , dog,label\r\n 0.7,0.3 ,cat\r\n\r\n0.4,0.6, dog \r\n\n',
      'long.csv': 'cat,dog,label\n0.12345678901234567,0.87654321098765433,cat\n4e-1,6.0e-1,dog\n',
      'late-number.csv': 'id,cat,dog,label\nx,0.7,0.3,cat\n7,0.4,0.6,dog\n',
    };
    for (const [name, text] of Object.entries(files)) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      const c = { file };
      const bytes = new Uint8Array(fs.readFileSync(file));
      let expected: string;
      try {
        expected = `${inMemoryJson(c)}\n`;
      } catch (error) {
        expected = `gamma-ce: ${(error as DataFileError).message}\n`;
      }
      const streamed = await streamedJson(c, bytes, 5);
      if (typeof streamed === 'string') assert.strictEqual(`${streamed}\n`, expected, name);
      const { stdout, stderr } = await runCli('calibrate', '--json', file);
      assert.strictEqual(stdout || stderr, expected, name);
    }
    fs.rmSync(dir, { recursive: true });
  });

  it('leaves a row longer than the whole-file reader takes to it (and its message)', async () => {
    const file = 'long-row.csv';
    const bytes = new TextEncoder().encode(`cat,dog,label\n0.7,0.3,cat\n0.4,0.6,${'d'.repeat(9 << 20)}\n`);
    assert.throws(() => readPredictions(bytes, file), /longer than 8 MB/);
    const streamed = await streamedJson({ file }, bytes, 1 << 20);
    assert.ok(streamed instanceof NotStreamable);
  });

  it('re-reads when a late label changes how earlier labels read (a shorter shared prefix)', async () => {
    // Under the prefix 'x_y_' the label 'y_z' names the first column; 'y_y_z' only reads under 'x_', where 'y_z' names the second.
    const rows = ['x_y_y_z,x_y_z,label'];
    for (let i = 0; i < 20; i++) rows.push(`0.${i % 9}5,0.${9 - (i % 9)}5,${i < 15 ? 'y_z' : 'y_y_z'}`);
    const bytes = new TextEncoder().encode(`${rows.join('\n')}\n`);
    const c = { file: 'late.csv' };
    const expected = inMemoryJson(c, Buffer.from(bytes));
    const format = 'csv';
    const source = await openDelimitedPredictions(chunked(bytes, 9), c.file, format, { batchRows: 4 });
    await assert.rejects(streamCalibration(source!, { bins: DEFAULT_BINS }), LabelsReread);
    const report = await streamCalibration(source!, { bins: DEFAULT_BINS });
    assert.strictEqual(withoutStreamedKeys(JSON.stringify({ file: c.file, ...report })), expected);
  });

  it('words every bad file as the whole-file reader does', async () => {
    const bad = [
      'ragged.csv',
      'non-numeric.csv',
      'unknown-class.csv',
      'bad-sum.csv',
      'negative.csv',
      'missing-label-value.csv',
      'index-out-of-range.csv',
      'no-label-column.csv',
      'header-only.csv',
      'empty.csv',
      'invalid-utf8.csv',
      'unclosed-quote.csv',
      'multiline-bad.csv',
    ];
    for (const name of bad) {
      const file = fixture('predictions', name);
      let message: string | undefined;
      try {
        readPredictions(new Uint8Array(fs.readFileSync(file)), file, { logitsHint: CLI_LOGITS_HINT });
      } catch (error) {
        assert.ok(error instanceof DataFileError, name);
        message = error.message;
      }
      assert.ok(message, `${name} reads whole without an error`);
      const streamed = await streamedJson({ file }, new Uint8Array(fs.readFileSync(file)), 3);
      assert.ok(streamed instanceof NotStreamable, `${name} streamed without an error`);
      const { code, stdout, stderr } = await runCli('calibrate', '--json', file);
      assert.strictEqual(code, 1, name);
      assert.strictEqual(stdout, '');
      assert.strictEqual(stderr, `gamma-ce: ${message}\n`, name);
    }
  });

  it('reads random decimals exactly as Number() does', () => {
    const random = seededRandom(7);
    let fast = 0;
    for (let n = 0; n < 20_000; n++) {
      const digits = Array.from({ length: 1 + Math.floor(random() * 17) }, () => Math.floor(random() * 10)).join('');
      const dot = Math.floor(random() * (digits.length + 1));
      let s = `${random() < 0.3 ? '-' : ''}${digits.slice(0, dot)}.${digits.slice(dot)}`;
      if (random() < 0.3) s += `e${Math.floor(random() * 50) - 25}`;
      const v = fastDecimal(new TextEncoder().encode(s), 0, s.length, 44);
      if (v === v) fast++;
      assert.ok(v !== v || Object.is(v, Number(s)), `${s}: ${v} vs ${Number(s)}`);
    }
    assert.ok(fast > 15_000, `only ${fast} of 20000 on the fast path`);
  });

  it('reads plain decimals exactly as Number() does, and leaves the rest to it', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const exact = [
      '0',
      '-0',
      '1',
      '+2.',
      '.5',
      '0.1',
      '0.30000000000000004'.slice(0, 17),
      '123456789012345',
      '1e-22',
      '9.87654321e5',
      '-3.25E+2',
      '0.000123',
      '7e22',
      '0.00330656',
      '9007199254740991',
      '0.9007199254740991',
    ];
    for (const s of exact) {
      const v = fastDecimal(enc(`${s},`), 0, s.length + 1, 44);
      assert.ok(Object.is(v, Number(s)), `${s}: ${v} vs ${Number(s)}`);
    }
    for (const s of ['12345678901234567890', '1e23', '1e', '.', '-', ' 1', '1 ', '0x10', 'Infinity', '1e-23', '']) {
      assert.ok(Number.isNaN(fastDecimal(enc(s), 0, s.length, 44)), s);
    }
  });
});
