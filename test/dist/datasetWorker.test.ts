import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadDataset } from '../../src/core/data/dataset';
import { DatasetFileProblem, DatasetLoadCancelled, loadDatasetOffThread } from '../../src/extension/loadDatasetOffThread';
import { isDatasetRequest, isDatasetResponse, isDatasetWorkerOptions } from '../../src/protocol';
import { datasetFixture } from './datasetHelpers';
import { REPO } from './helpers';

const DIST = path.join(REPO, 'dist');

describe('dataset worker messages', () => {
  const dataset = loadDataset(fs.readFileSync(datasetFixture('good', 'mixed.csv')), 'mixed.csv', { noise: 0.2 });

  it('accept a well-formed request and options, refuse malformed ones', () => {
    assert.ok(isDatasetRequest({ type: 'loadDataset', bytes: new Uint8Array(1), file: 'd.csv', options: {} }));
    assert.ok(isDatasetWorkerOptions({ label: 'y', seed: 2, noise: 0.1, strict: true, split: { train: 0.8, validation: 0.1, test: 0.1 }, schema: dataset.schema }));
    for (const options of [{ seed: '2' }, { split: { train: 1 } }, { schema: { version: 2 } }, { classOrder: 'random' }, { format: 'xlsx' }, null]) {
      assert.ok(!isDatasetWorkerOptions(options), JSON.stringify(options));
    }
    assert.ok(!isDatasetRequest({ type: 'loadDataset', bytes: [1], file: 'd.csv', options: {} }));
    assert.ok(!isDatasetRequest({ type: 'loadDataset', bytes: new Uint8Array(1), file: 'd.csv' }));
  });

  it('accept the loaded dataset, progress and errors; refuse inconsistent tensors', () => {
    assert.ok(isDatasetResponse({ type: 'loaded', dataset }));
    assert.ok(isDatasetResponse({ type: 'progress', fraction: 0.5 }));
    assert.ok(isDatasetResponse({ type: 'dataError', message: 'x', location: { row: 1 } }));
    assert.ok(isDatasetResponse({ type: 'crashed', message: 'x' }));
    for (const response of [
      { type: 'progress', fraction: 1.5 },
      { type: 'loaded', dataset: { ...dataset, train: { ...dataset.train, rows: dataset.train.rows + 1 } } },
      { type: 'loaded', dataset: { ...dataset, test: { ...dataset.test, x: Array.from(dataset.test.x) } } },
      { type: 'loaded', dataset: { ...dataset, featureNames: ['a'] } },
      { type: 'dataError', message: 'x' },
      { type: 'parsed' },
    ]) {
      assert.ok(!isDatasetResponse(response), JSON.stringify(response).slice(0, 80));
    }
  });
});

describe('loading a dataset in a worker thread (dist/datasetWorker.js)', function () {
  this.timeout(30_000);
  before(function () {
    if (!fs.existsSync(path.join(DIST, 'datasetWorker.js'))) this.skip(); // built by `npm run build`, which `npm test` runs first
  });

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
