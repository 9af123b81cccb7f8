import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type * as Core from '../../src/core';
import type { DataFileError } from '../../src/core/data/dataFileError';
import { fuzzBinaryDatasets } from '../unit/binaryFuzz';
import { REPO } from '../unit/helpers';

const CORE = path.join(REPO, 'dist', 'core.js');
const FORMATS = path.join(REPO, 'test', 'fixtures', 'formats');

// Against the bundle, as the Parquet dataset fuzz: a damaged level run crashes the unbundled hyparquet.
describe('predictions: fuzzing Parquet and .npz files with seeded mutations (dist/core.js)', function () {
  this.timeout(300_000);

  it('give a streamed report or one DataFileError, and always return, over 3000 mutated files', async () => {
    assert.ok(fs.existsSync(CORE), 'dist/core.js is missing: run npm run build first');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const core = require(CORE) as typeof Core;
    const isDataFileError = (error: unknown): error is DataFileError =>
      error instanceof Error && error.name === 'DataFileError';
    const report = async (bytes: Uint8Array, file: string) => {
      const format = file.endsWith('.parquet') ? 'parquet' : 'npz';
      const source = await core.openBinaryPredictions(format, core.memorySource(bytes), file, { logitsHint: '' });
      return core.streamCalibration(source, { bins: 15 });
    };
    const bases = [
      'columns-snappy.parquet',
      'columns-gzip.parquet',
      'list-zstd.parquet',
      'toplabel.parquet',
      'preds.npz',
      'preds-compressed.npz',
      'toplabel.npz',
    ].map((name) => path.join(FORMATS, name));
    await fuzzBinaryDatasets(report, isDataFileError, bases, 3000, 20261204);
  });
});
