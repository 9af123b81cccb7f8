import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { experimentReportJson, runExperiment, TrainEvent } from '../../src/core/train';
import { startStudy, startTraining } from '../../src/extension/trainWorkerClient';
import { REPO } from '../unit/helpers';
import { blobs } from '../unit/syntheticData';
import { assertAllExitWithin, watchWorkers } from './watchWorkers';

const dist = path.join(REPO, 'dist');
const WINE = path.join(REPO, 'media', 'datasets', 'wine.csv');
const study = {
  fileName: 'wine.csv',
  options: { noise: 0.1 },
  config: { epochs: 3, hidden: [8], seed: 5, seeds: 2, baselines: ['sce' as const, 'ts' as const] },
};

describe('the training pool (src/worker/pool)', function () {
  this.timeout(180_000);
  before(() => assert.ok(fs.existsSync(path.join(dist, 'trainWorker.js')), 'run `npm run build` first'));

  it('gives the same study, run for run and number for number, on 1, 2 and 3 workers', async () => {
    const reports = [];
    for (const workers of [1, 2, 3]) {
      const bytes = fs.readFileSync(WINE);
      const outcome = await startStudy(dist, { ...study, bytes }, () => undefined, { workers }).outcome;
      assert.strictEqual(outcome.status, 'done', JSON.stringify(outcome).slice(0, 300));
      if (outcome.status === 'done') reports.push(outcome.study);
    }
    // CE, γ-CE, SCE, then the "+ TS" runs of CE and γ-CE (trained by the worker that trained their base).
    assert.deepStrictEqual(
      reports[0].runs.map((r) => r.seed),
      [5, 5, 5, 5, 5, 6, 6, 6, 6, 6],
    );
    assert.deepStrictEqual(
      reports[0].runs.map((r) => r.baseRun),
      [undefined, undefined, undefined, 0, 1, undefined, undefined, undefined, 0, 1],
    );
    assert.ok(reports[0].runs.every((r) => r.status === 'ok'));
    assert.deepStrictEqual(reports[1], reports[0]);
    assert.deepStrictEqual(reports[2], reports[0]);
  });

  it('trains the runs of one experiment in parallel, with the numbers of one worker and of in-process', async () => {
    const config = { epochs: 4, hidden: [16], seed: 2, baselines: ['gce' as const, 'ts' as const] };
    const [one, two] = await Promise.all(
      [1, 2].map((workers) => startTraining(dist, blobs({ rows: 900 }), config, () => undefined, { workers }).outcome),
    );
    assert.strictEqual(one.status, 'done');
    assert.strictEqual(two.status, 'done');
    if (one.status !== 'done' || two.status !== 'done') return;
    assert.deepStrictEqual(two.report, one.report);
    const local = await runExperiment(blobs({ rows: 900 }), config, {
      wasmDir: path.join(REPO, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist'),
    });
    assert.deepStrictEqual(experimentReportJson(one.report), experimentReportJson(local));
  });

  it('cancel terminates every worker at once', async () => {
    const watch = watchWorkers();
    try {
      const bytes = fs.readFileSync(WINE);
      const long = { ...study.config, epochs: 100_000 };
      const epochsOf = new Set<string>();
      const job = startStudy(
        dist,
        { ...study, bytes, config: long },
        (e: TrainEvent) => {
          if (e.type === 'epoch') epochsOf.add(e.run);
          if (epochsOf.size === 2) job.cancel();
        },
        { workers: 2 },
      );
      assert.deepStrictEqual(await job.outcome, { status: 'cancelled' });
      assert.strictEqual(watch.exits.length, 2);
      await assertAllExitWithin(watch.exits, 1000);
      await job.exited;
    } finally {
      watch.restore();
    }
  });

  it('settles a failure once, with the first error, and ends the other workers', async () => {
    const watch = watchWorkers();
    try {
      const bad = Buffer.from('a,b,label\n1,2,x\n3,"4,y\n');
      const outcome = await startStudy(dist, { ...study, bytes: bad, fileName: 'bad.csv' }, () => undefined, {
        workers: 2,
      }).outcome;
      assert.deepStrictEqual(outcome, {
        status: 'failed',
        message: 'bad.csv, row 2 (line 3): a quoted field is never closed',
      });
      assert.strictEqual(watch.exits.length, 2);
      await assertAllExitWithin(watch.exits, 1000);
      const config = await startStudy(dist, { ...study, bytes: bad, config: { seeds: 21 } }, () => undefined).outcome;
      assert.strictEqual(config.status, 'failed');
      assert.match((config as { message: string }).message, /seeds/);
      assert.strictEqual(watch.exits.length, 2, 'bad settings start no worker');
    } finally {
      watch.restore();
    }
  });
});
