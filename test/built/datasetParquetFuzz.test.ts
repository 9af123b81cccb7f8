import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type * as Core from '../../src/core';
import type { DataFileError } from '../../src/core/data/dataFileError';
import { fuzzBinaryDatasets } from '../unit/binaryFuzz';
import { REPO } from '../unit/helpers';

const CORE = path.join(REPO, 'dist', 'core.js');

describe('datasets: fuzzing Parquet files with seeded mutations (dist/core.js)', function () {
  this.timeout(300_000);

  it('throws nothing but DataFileError, and always returns, over 3000 mutated files (the level-run crash too)', async () => {
    assert.ok(fs.existsSync(CORE), 'dist/core.js is missing: run npm run build first');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const core = require(CORE) as typeof Core;
    const isDataFileError = (error: unknown): error is DataFileError =>
      error instanceof Error && error.name === 'DataFileError';
    // The damage that grew hyparquet's level array until V8 aborted: the header of a level run (a run
    // of 50, written 0x64) set to 0, after which the page's next bytes are read as a run of millions.
    const crash = Buffer.from(
      fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'datasets', 'binary', 'iris-list.parquet')),
    );
    const levels = crash.indexOf(Buffer.from([0x02, 0x00, 0x00, 0x00, 0x64, 0x01]), 3700);
    assert.strictEqual(levels, 3800, 'the definition levels of a page of row group 2');
    crash[levels + 4] = 0;
    await core.loadDatasetFromBytes(crash, 'iris-list.parquet').catch((error: unknown) => {
      assert.ok(isDataFileError(error), String(error));
    });
    await fuzzBinaryDatasets(
      core.loadDatasetFromBytes,
      isDataFileError,
      ['iris.parquet', 'mixed.parquet', 'iris-list.parquet', 'iris-pandas.parquet'],
      3000,
      1,
    );
  });
});
