import { DataFileError } from '../../src/core/data/dataFileError';
import { loadDatasetFromBytes } from '../../src/core/data/dataset';
import { fuzzBinaryDatasets } from './binaryFuzz';

// Parquet is fuzzed against the bundle (test/built/datasetParquetFuzz.test.ts): a damaged level run
// crashes the unbundled hyparquet (see scripts/webpack/boundRleRuns.js); .npz is all our own code.
describe('datasets: fuzzing .npz files with seeded mutations', function () {
  this.timeout(180_000);

  it('throws nothing but DataFileError, and always returns, over 1500 mutated archives', () =>
    fuzzBinaryDatasets(
      loadDatasetFromBytes,
      (error): error is DataFileError => error instanceof DataFileError,
      ['iris.npz', 'iris-compressed.npz', 'iris-f2.npz', 'iris-f4.npz'],
      1500,
      20261203,
    ));
});
