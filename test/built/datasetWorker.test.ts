import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadDataset } from '../../src/core/data/dataset';
import { DatasetFileProblem, DatasetLoadCancelled, loadDatasetOffThread } from '../../src/extension/loadDatasetOffThread';
import { datasetFixture } from '../unit/datasetHelpers';
import { REPO } from '../unit/helpers';

const DIST = path.join(REPO, 'dist');

describe('loading a dataset in a worker thread (dist/datasetWorker.js)', function () {
  this.timeout(30_000);
  before(() => assert.ok(fs.existsSync(path.join(DIST, 'datasetWorker.js')), 'dist/datasetWorker.js exists: run `npm run build` first'));

  it('gives the dataset loadDataset gives, with progress, and moves the bytes instead of copying them', async () => {
    const file = datasetFixture('good', 'mixed.csv');
    const expected = loadDataset(fs.readFileSync(file), 'mixed.csv', { seed: 4, noise: 0.1 });
    const bytes = new Uint8Array(fs.readFileSync(file));
    const fractions: number[] = [];
    const dataset = await loadDatasetOffThread(DIST, bytes, 'mixed.csv', { seed: 4, noise: 0.1 }, { onProgress: (f) => fractions.push(f) });
    assert.deepStrictEqual(dataset, expected);
    assert.strictEqual(fractions[fractions.length - 1], 1);
    assert.strictEqual(bytes.byteLength, 0, 'the buffer was transferred');
  });

  it('rejects with the DataFileError message for a bad file', async () => {
    const bytes = fs.readFileSync(datasetFixture('bad', 'unclosed-quote.csv'));
    await assert.rejects(loadDatasetOffThread(DIST, bytes, 'unclosed-quote.csv', {}), (error: unknown) => {
      assert.ok(error instanceof DatasetFileProblem);
      assert.strictEqual(error.message, 'unclosed-quote.csv, row 2 (line 3): a quoted field is never closed');
      return true;
    });
  });

  it('stops the worker when cancelled', async () => {
    const lines = ['a,b,label', ...Array.from({ length: 400_000 }, (_, i) => `${i % 97},${i % 13},k${i % 3}`)];
    const abort = new AbortController();
    const pending = loadDatasetOffThread(DIST, Buffer.from(lines.join('\n')), 'big.csv', {}, {
      signal: abort.signal,
      onProgress: () => abort.abort(),
    });
    await assert.rejects(pending, DatasetLoadCancelled);
  });
});
