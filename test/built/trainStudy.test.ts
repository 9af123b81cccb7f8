import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readColumns } from '../../src/core/data/columnReader';
import { tableSeedSource } from '../../src/core/train/seedData';
import { runSeedStudy } from '../../src/core/train/seedStudy';
import type { TrainEvent } from '../../src/core/train/types';
import { startStudy } from '../../src/extension/trainWorkerClient';
import { REPO } from '../unit/helpers';

const dist = path.join(REPO, 'dist');
const IRIS = path.join(REPO, 'media', 'datasets', 'iris.csv');
const config = { epochs: 4, hidden: [8], learningRate: 0.02, seed: 3, seeds: 2, baselines: ['gce' as const] };

describe('a seed study in the training worker (startStudy)', function () {
  this.timeout(120_000);
  before(() => assert.ok(fs.existsSync(path.join(dist, 'trainWorker.js')), 'run `npm run build` first'));

  it('gives exactly the report runSeedStudy gives in-process, with run k of N events', async () => {
    const options = { label: 'species', noise: 0.2 };
    const events: TrainEvent[] = [];
    const bytes = new Uint8Array(fs.readFileSync(IRIS));
    const outcome = await startStudy(dist, { bytes, fileName: 'iris.csv', options, config }, (e) => events.push(e))
      .outcome;
    assert.strictEqual(outcome.status, 'done', JSON.stringify(outcome).slice(0, 300));
    if (outcome.status !== 'done') return;
    const table = readColumns(fs.readFileSync(IRIS), 'iris.csv', { label: 'species' });
    const local = await runSeedStudy(tableSeedSource(table, options), config, {
      wasmDir: path.join(REPO, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist'),
      noise: 0.2,
    });
    assert.deepStrictEqual(
      outcome.study.runs.map((r) => `${r.name}/${r.seed}`),
      ['CE/3', 'γ-CE (γ=0.1)/3', 'GCE (q=0.7)/3', 'CE/4', 'γ-CE (γ=0.1)/4', 'GCE (q=0.7)/4'],
    );
    assert.deepStrictEqual(outcome.study, local);
    // Workers run in parallel: their runs start in any order.
    const starts = events.filter((e) => e.type === 'runStart').sort((a, b) => a.index - b.index);
    assert.deepStrictEqual(
      starts.map((e) => `${e.index}/${e.total} seed ${e.seed}`),
      [0, 1, 2, 3, 4, 5].map((i) => `${i}/6 seed ${i < 3 ? 3 : 4}`),
    );
  });

  it('fails with the file problem, and cancel settles as cancelled with the worker gone', async () => {
    const bad = await startStudy(
      dist,
      { bytes: Buffer.from('a,b\n1,"2\n'), fileName: 'bad.csv', options: {}, config },
      () => undefined,
    ).outcome;
    assert.strictEqual(bad.status, 'failed');
    assert.match((bad as { message: string }).message, /^bad\.csv, row 1/);
    const bytes = fs.readFileSync(IRIS);
    const job = startStudy(
      dist,
      { bytes, fileName: 'iris.csv', options: {}, config: { ...config, epochs: 10_000 } },
      (e) => {
        if (e.type === 'epoch') job.cancel();
      },
    );
    assert.deepStrictEqual(await job.outcome, { status: 'cancelled' });
    await job.exited;
  });
});
