import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { DataFileError } from '../../src/core/data/dataFileError';
import type { DatasetOptions } from '../../src/core/data/dataset';
import { seededRandom } from '../../src/core/random';
import { datasetFixture } from './datasetHelpers';

type Mutation = (bytes: Buffer, pick: (n: number) => number) => Buffer;

/** Damage where a binary file keeps its lengths and offsets as well as anywhere. */
export const BINARY_MUTATIONS: Record<string, Mutation> = {
  flipByte: (b, pick) => {
    const out = Buffer.from(b);
    out[pick(out.length)] = pick(256);
    return out;
  },
  flipBytesNearEnd: (b, pick) => {
    // The footer (Parquet) and central directory (zip) are at the end.
    const out = Buffer.from(b);
    for (let k = 0; k < 4; k++) out[out.length - 1 - pick(Math.min(out.length, 600))] = pick(256);
    return out;
  },
  bigNumber: (b, pick) => {
    const out = Buffer.from(b);
    out.writeUInt32LE([0xffffffff, 0x7fffffff, 0x10000000, 0][pick(4)], pick(out.length - 4));
    return out;
  },
  truncateFile: (b, pick) => b.subarray(0, pick(b.length + 1)),
  cutMiddle: (b, pick) => {
    const at = pick(b.length);
    return Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + pick(64))]);
  },
  insertBytes: (b, pick) => {
    const at = pick(b.length + 1);
    const junk = Buffer.from(Array.from({ length: 1 + pick(16) }, () => pick(256)));
    return Buffer.concat([b.subarray(0, at), junk, b.subarray(at)]);
  },
};

type Load = (bytes: Uint8Array, file: string, options: DatasetOptions) => Promise<unknown>;

/**
 * Loads `count` seeded mutations of the binary fixtures `bases`: every outcome is a dataset or one
 * DataFileError (by name: `isDataFileError`, as a bundle has its own class) naming the file in one line.
 */
export async function fuzzBinaryDatasets(
  load: Load,
  isDataFileError: (error: unknown) => error is DataFileError,
  bases: string[],
  count: number,
  seed: number,
): Promise<void> {
  // A base is a dataset fixture's name, or a path.
  const files = bases.map(
    (base) =>
      [path.basename(base), fs.readFileSync(path.isAbsolute(base) ? base : datasetFixture('binary', base))] as const,
  );
  const random = seededRandom(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const names = Object.keys(BINARY_MUTATIONS);
  const outcomes = { loaded: 0, rejected: 0 };
  const kinds = new Set<string>();
  for (let i = 0; i < count; i++) {
    const [name, base] = files[i % files.length];
    let bytes: Buffer = base;
    const applied: string[] = [];
    for (let m = 1 + pick(2); m > 0; m--) {
      const kind = names[pick(names.length)];
      applied.push(kind);
      bytes = BINARY_MUTATIONS[kind](bytes, pick);
    }
    try {
      await load(bytes, name, { seed: i, noise: (i % 3) * 0.2 });
      outcomes.loaded++;
    } catch (error) {
      if (!isDataFileError(error))
        assert.fail(
          `mutation ${i} of ${name} (${applied.join(', ')}) threw ${error instanceof Error ? error.stack : String(error)}`,
        );
      assert.ok(error.message.startsWith(name), error.message);
      assert.ok(!error.message.includes('\n'), `one line: ${JSON.stringify(error.message)}`);
      kinds.add(error.detail.replace(/'[^']*'|\d+/g, '…').slice(0, 40));
      outcomes.rejected++;
    }
  }
  assert.ok(outcomes.loaded > count / 20, JSON.stringify(outcomes));
  assert.ok(outcomes.rejected > count / 4, JSON.stringify(outcomes));
  assert.ok(kinds.size >= 6, [...kinds].join('\n'));
}
