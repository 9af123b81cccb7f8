import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadDataset } from '../../src/core/data/dataset';
import {
  DatasetFileProblem,
  DatasetLoadCancelled,
  loadDatasetOffThread,
} from '../../src/extension/loadDatasetOffThread';
import { readPredictions } from '../../src/core/predictions';
import { parsePredictionsOffThread, PredictionsFileProblem } from '../../src/extension/parsePredictions';
import { LOGITS_CHECKBOX_LABEL } from '../../src/extension/calibration/constants';
import { datasetFixture } from '../unit/datasetHelpers';
import { fixture, REPO } from '../unit/helpers';
import { assertAllExitWithin, watchWorkers } from './watchWorkers';

const DIST = path.join(REPO, 'dist');

describe('the data worker (dist/dataWorker.js)', function () {
  this.timeout(30_000);
  before(function () {
    assert.ok(
      fs.existsSync(path.join(DIST, 'dataWorker.js')),
      'dist/dataWorker.js is missing: run npm run build first',
    );
  });

  it('gives the dataset loadDataset gives, with progress, and moves the bytes instead of copying them', async () => {
    const file = datasetFixture('good', 'mixed.csv');
    const expected = loadDataset(fs.readFileSync(file), 'mixed.csv', { seed: 4, noise: 0.1 });
    const bytes = new Uint8Array(fs.readFileSync(file));
    const fractions: number[] = [];
    const dataset = await loadDatasetOffThread(
      DIST,
      bytes,
      'mixed.csv',
      { seed: 4, noise: 0.1 },
      { onProgress: (f) => fractions.push(f) },
    );
    assert.deepStrictEqual(dataset, expected);
    assert.strictEqual(fractions[fractions.length - 1], 1);
    assert.strictEqual(bytes.byteLength, 0, 'the buffer was transferred');
  });

  it('reads Parquet and .npz datasets off the host as the CSV, with progress, and names a bad one', async () => {
    const expected = loadDataset(fs.readFileSync(path.join(REPO, 'media', 'datasets', 'iris.csv')), 'iris.csv', {
      seed: 6,
    });
    for (const name of ['iris.parquet', 'iris.npz']) {
      const fractions: number[] = [];
      const bytes = new Uint8Array(fs.readFileSync(datasetFixture('binary', name)));
      const dataset = await loadDatasetOffThread(
        DIST,
        bytes,
        name,
        { seed: 6 },
        { onProgress: (f) => fractions.push(f) },
      );
      assert.deepStrictEqual(Array.from(dataset.test.x), Array.from(expected.test.x), name);
      assert.deepStrictEqual(Array.from(dataset.train.y), Array.from(expected.train.y), name);
      assert.deepStrictEqual(dataset.classNames, expected.classNames, name);
      assert.strictEqual(fractions[fractions.length - 1], 1, name);
    }
    const bad = fs.readFileSync(datasetFixture('binary', 'infinite.parquet'));
    await assert.rejects(loadDatasetOffThread(DIST, bad, 'infinite.parquet', {}), (error: unknown) => {
      assert.ok(error instanceof DatasetFileProblem);
      assert.match(error.message, /^infinite\.parquet, row group 2, row 57, column 'petal_length_cm': /);
      return true;
    });
  });

  it('rejects with the DataFileError message for a bad file', async () => {
    const bytes = fs.readFileSync(datasetFixture('bad', 'unclosed-quote.csv'));
    await assert.rejects(loadDatasetOffThread(DIST, bytes, 'unclosed-quote.csv', {}), (error: unknown) => {
      assert.ok(error instanceof DatasetFileProblem);
      assert.strictEqual(error.message, 'unclosed-quote.csv, row 2 (line 3): a quoted field is never closed');
      return true;
    });
  });

  it('leaves no worker thread behind, whether the request succeeds, fails or is cancelled', async () => {
    const watch = watchWorkers();
    try {
      const good = fs.readFileSync(datasetFixture('good', 'mixed.csv'));
      await loadDatasetOffThread(DIST, good, 'mixed.csv', {});
      await assert.rejects(
        loadDatasetOffThread(DIST, fs.readFileSync(datasetFixture('bad', 'unclosed-quote.csv')), 'bad.csv', {}),
        DatasetFileProblem,
      );
      await assert.rejects(
        parsePredictionsOffThread(DIST, {
          bytes: fs.readFileSync(fixture('predictions', 'logits.csv')),
          file: 'p.csv',
        }),
        PredictionsFileProblem,
      );
      const abort = new AbortController();
      const big = Buffer.from(
        ['a,b,label', ...Array.from({ length: 400_000 }, (_, i) => `${i},${i % 13},k${i % 3}`)].join('\n'),
      );
      const cancelled = loadDatasetOffThread(
        DIST,
        big,
        'big.csv',
        {},
        { signal: abort.signal, onProgress: () => abort.abort() },
      );
      await assert.rejects(cancelled, DatasetLoadCancelled);
      assert.strictEqual(watch.exits.length, 4);
      await assertAllExitWithin(watch.exits, 1000);
    } finally {
      watch.restore();
    }
  });

  it('stops the worker when cancelled', async () => {
    const lines = ['a,b,label', ...Array.from({ length: 400_000 }, (_, i) => `${i % 97},${i % 13},k${i % 3}`)];
    const abort = new AbortController();
    const pending = loadDatasetOffThread(
      DIST,
      Buffer.from(lines.join('\n')),
      'big.csv',
      {},
      {
        signal: abort.signal,
        onProgress: () => abort.abort(),
      },
    );
    await assert.rejects(pending, DatasetLoadCancelled);
    await assert.rejects(
      loadDatasetOffThread(DIST, Buffer.from(lines[0]), 'big.csv', {}, { signal: abort.signal }),
      DatasetLoadCancelled,
    );
  });

  it('parses predictions as readPredictions does, into a payload of typed arrays moved to the host', async () => {
    const bytes = fs.readFileSync(fixture('predictions', 'names.csv'));
    const expected = readPredictions(bytes, 'names.csv');
    const payload = await parsePredictionsOffThread(DIST, { bytes: new Uint8Array(bytes), file: 'names.csv' });
    assert.deepStrictEqual(payload, {
      classNames: ['cat', 'dog', 'bird'],
      labelColumn: 'label',
      ignoredColumns: ['id'],
      softmax: false,
      format: 'csv',
      rows: 5,
      cols: 3,
      probs: Float64Array.from(expected.probs.data),
      labels: Int32Array.from([0, 1, 0, 2, 1]),
    });
    const logits = await parsePredictionsOffThread(DIST, {
      bytes: fs.readFileSync(fixture('predictions', 'logits.csv')),
      file: 'logits.csv',
      softmax: true,
    });
    assert.deepStrictEqual(
      logits.probs,
      Float64Array.from(
        readPredictions(fs.readFileSync(fixture('predictions', 'logits.csv')), 'logits.csv', { softmax: true }).probs
          .data,
      ),
    );
  });

  it("rejects a bad predictions file with a PredictionsFileProblem that names the panel's logits checkbox", async () => {
    const bytes = fs.readFileSync(fixture('predictions', 'logits.csv'));
    await assert.rejects(parsePredictionsOffThread(DIST, { bytes, file: 'logits.csv' }), (error: unknown) => {
      assert.ok(error instanceof PredictionsFileProblem);
      assert.ok(error.message.startsWith('logits.csv'), error.message);
      assert.ok(error.message.includes(`tick '${LOGITS_CHECKBOX_LABEL}' above`), error.message);
      assert.ok(!error.message.includes('softmax option'), error.message);
      return true;
    });
  });
});
