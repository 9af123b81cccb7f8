import * as assert from 'assert';
import * as fs from 'fs';
import { ColumnReader } from '../../src/core/data/columnReader';
import { DataFileError } from '../../src/core/data/dataFileError';
import { datasetFromTable, loadDataset } from '../../src/core/data/dataset';
import { seededRandom } from '../../src/core/random';
import { datasetFixture } from './datasetHelpers';

const MUTATIONS = 12_000;
const BASES = [
  'iris-sample.csv',
  'mixed.csv',
  'shapes.tsv',
  'shapes-semicolon-bom-crlf.csv',
  'shapes.json',
  'shapes.jsonl',
];

type Mutation = (bytes: Buffer, pick: (n: number) => number) => Buffer;

const splice = (bytes: Buffer, at: number, remove: number, insert: string | Buffer = '') =>
  Buffer.concat([bytes.subarray(0, at), Buffer.from(insert), bytes.subarray(at + remove)]);

const mutations: Record<string, Mutation> = {
  flipByte: (b, pick) => {
    const out = Buffer.from(b);
    if (out.length) out[pick(out.length)] = pick(256);
    return out;
  },
  deleteCell: (b, pick) => {
    const at = pick(b.length + 1);
    const end = b.findIndex((byte, i) => i > at && (byte === 0x2c || byte === 0x09 || byte === 0x3b || byte === 0x0a));
    return end < 0 ? b.subarray(0, at) : splice(b, at, end - at);
  },
  insertQuote: (b, pick) => splice(b, pick(b.length + 1), 0, '"'),
  truncateLine: (b, pick) => {
    const at = pick(b.length + 1);
    const end = b.indexOf(0x0a, at);
    return end < 0 ? b.subarray(0, at) : splice(b, at, end - at);
  },
  truncateFile: (b, pick) => b.subarray(0, pick(b.length + 1)),
  insertDelimiter: (b, pick) =>
    splice(b, pick(b.length + 1), 0, [',', '\t', ';', '|', '\n', '{', '}', '[', ']'][pick(9)]),
  duplicateLine: (b, pick) => {
    const lines = b.toString('latin1').split('\n');
    const i = pick(lines.length);
    lines.splice(i, 0, lines[i]);
    return Buffer.from(lines.join('\n'), 'latin1');
  },
};

describe('datasets: fuzzing with seeded mutations of valid files', function () {
  this.timeout(90_000);

  it(`throws nothing but DataFileError, and always returns, over ${MUTATIONS} mutated files`, () => {
    const bases = BASES.map((name) => [name, fs.readFileSync(datasetFixture('good', name))] as const);
    const random = seededRandom(20240601);
    const pick = (n: number) => Math.floor(random() * n);
    const names = Object.keys(mutations);
    const outcomes = { loaded: 0, rejected: 0 };
    const kinds = new Set<string>();
    for (let i = 0; i < MUTATIONS; i++) {
      const [name, base] = bases[i % bases.length];
      let bytes: Buffer = base;
      const applied: string[] = [];
      for (let m = 1 + pick(3); m > 0; m--) {
        const kind = names[pick(names.length)];
        applied.push(kind);
        bytes = mutations[kind](bytes, pick);
      }
      const chunked = i % 5 === 0;
      try {
        if (chunked) {
          const reader = new ColumnReader(name, { totalBytes: bytes.length });
          for (let at = 0; at < bytes.length; at += 7) reader.push(bytes.subarray(at, at + 7));
          datasetFromTable(reader.finish(), { seed: i });
        } else {
          loadDataset(bytes, name, { seed: i, noise: (i % 3) * 0.2 });
        }
        outcomes.loaded++;
      } catch (error) {
        if (!(error instanceof DataFileError)) {
          assert.fail(
            `mutation ${i} of ${name} (${applied.join(', ')}${chunked ? ', 7-byte chunks' : ''}) threw ${error instanceof Error ? error.stack : String(error)}\n` +
              `input: ${JSON.stringify(bytes.toString('latin1').slice(0, 600))}`,
          );
        }
        assert.ok(error.message.startsWith(name), error.message);
        assert.ok(!error.message.includes('\n'), `one line: ${JSON.stringify(error.message)}`);
        kinds.add(error.detail.replace(/'[^']*'|\d+/g, '…').slice(0, 40));
        outcomes.rejected++;
      }
    }
    // The mutations exercise both paths, and many kinds of error.
    assert.ok(outcomes.loaded > MUTATIONS / 20, JSON.stringify(outcomes));
    assert.ok(outcomes.rejected > MUTATIONS / 4, JSON.stringify(outcomes));
    assert.ok(kinds.size >= 10, [...kinds].join('\n'));
  });
});
