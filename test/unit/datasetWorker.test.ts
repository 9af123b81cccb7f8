import * as assert from 'assert';
import * as fs from 'fs';
import { loadDataset } from '../../src/core/data/dataset';
import { isDatasetRequest, isDatasetResponse, isDatasetWorkerOptions } from '../../src/protocol';
import { datasetFixture } from './datasetHelpers';

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
