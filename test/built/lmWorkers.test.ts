import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { resolveLmConfig } from '../../src/core/lm/config';
import { decodeTextFile } from '../../src/core/lm/text';
import { startLmTraining } from '../../src/extension/lmWorkerClient';
import { REPO } from '../unit/helpers';
import { assertAllExitWithin, watchWorkers } from './watchWorkers';

const bin = path.join(REPO, 'bin', 'gamma-ce.js');
const SAMPLE = path.join(REPO, 'media', 'lm', 'gpl-3.0.txt');
const TINY = ['--steps', '6', '--context', '16', '--dim', '16', '--heads', '2', '--layers', '1', '--batch', '4'];

interface Report {
  runs: Array<{ name: string; status: string; stepMs: number; history: unknown[]; samples: string[] }>;
}

function lm(...args: string[]): Report {
  const run = spawnSync(process.execPath, [bin, 'lm', SAMPLE, ...TINY, '--length', '40', '--json', ...args], {
    encoding: 'utf8',
  });
  assert.strictEqual(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Report;
}

/** Wall time is the one field that may differ between threads. */
function withoutTimes(report: Report): Report {
  return { ...report, runs: report.runs.map((r) => ({ ...r, stepMs: 0 })) };
}

describe('gamma-ce lm --workers (the built CLI and dist/trainWorker.js)', function () {
  this.timeout(180_000);

  it('gives the in-process numbers on 1 and 2 workers (CE and TaiLr both trained)', () => {
    const [inProcess, one, two] = ['0', '1', '2'].map((n) => withoutTimes(lm('--workers', n)));
    assert.deepStrictEqual(
      inProcess.runs.map((r) => [r.name, r.status, r.history.length, r.samples.length]),
      [
        ['CE', 'ok', 1, 3],
        ['TaiLr', 'ok', 1, 3],
      ],
    );
    assert.deepStrictEqual(one, inProcess);
    assert.deepStrictEqual(two, inProcess);
  });
});

describe("language models on worker threads (the panel's path)", function () {
  this.timeout(120_000);

  it('trains CE and TaiLr on two workers at once, and Stop terminates both mid-training', async () => {
    const files = [decodeTextFile('gpl-3.0.txt', fs.readFileSync(SAMPLE))];
    const config = resolveLmConfig({
      context: 16,
      dim: 16,
      heads: 2,
      layers: 1,
      batch: 4,
      steps: 100_000,
      evalEvery: 1,
    });
    const watch = watchWorkers();
    const seen = new Set<number>();
    let firstPoint!: () => void;
    const started = new Promise<void>((resolve) => (firstPoint = resolve));
    const job = startLmTraining(
      path.join(REPO, 'dist'),
      files,
      config,
      (run) => {
        seen.add(run);
        if (seen.size === 2) firstPoint();
      },
      { workers: 2 },
    );

    watch.restore();
    await started; // both runs are training at the same time
    assert.strictEqual(watch.exits.length, 2);
    job.cancel();
    assert.deepStrictEqual(await job.outcome, { status: 'cancelled' });
    await assertAllExitWithin(watch.exits, 5_000);
    await job.exited;
  });
});
