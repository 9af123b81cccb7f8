import * as assert from 'assert';
import * as fs from 'fs';
import { DataFileError } from '../../src/core/data/dataFileError';
import { DatasetOptions, EncodedDataset, loadDataset } from '../../src/core/data/dataset';
import { fixture } from './helpers';

export function datasetFixture(...parts: string[]): string {
  return fixture('datasets', ...parts);
}

/** Loads test/fixtures/datasets/<dir>/<name>, named in messages by its bare file name. */
export function loadFixture(dir: 'good' | 'bad', name: string, options: DatasetOptions = {}): EncodedDataset {
  return loadDataset(fs.readFileSync(datasetFixture(dir, name)), name, options);
}

/** Runs fn and returns the DataFileError it throws, failing on anything else. */
export function dataFileError(fn: () => unknown): DataFileError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof DataFileError, `threw ${error instanceof Error ? error.stack : String(error)}`);
    assert.ok(!error.message.includes('\n    at '), 'no stack trace in the message');
    return error;
  }
  return assert.fail('did not throw');
}

/** Row r (0-based) of a split's x as a plain array. */
export function rowOf(split: { x: Float32Array; rows: number }, features: number, r: number): number[] {
  return Array.from(split.x.subarray(r * features, (r + 1) * features));
}

/** The value of the named feature for every row of a split. */
export function featureColumn(dataset: EncodedDataset, split: 'train' | 'validation' | 'test', name: string): number[] {
  const f = dataset.featureNames.indexOf(name);
  assert.ok(f >= 0, `feature '${name}' exists (${dataset.featureNames.join(', ')})`);
  const s = dataset[split];
  return Array.from({ length: s.rows }, (_, r) => s.x[r * dataset.features + f]);
}
