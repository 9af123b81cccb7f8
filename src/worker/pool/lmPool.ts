import * as os from 'os';
import type { LmConfig } from '../../core/lm/config';
import type { LmHistoryPoint, LmRunOutcome } from '../../core/lm/run';
import { lmRunSpecs } from '../../core/lm/run';
import type { TextFile } from '../../core/lm/text';
import type { BackendName } from '../../core/train/config';
import { WorkerJob } from '../../messaging/workerJob';
import type { LmJobReply } from '../lmJobTypes';
import { HostToTrainWorker, TRAIN_WORKER, TrainWorkerToHost } from '../protocol';
import type { PoolOptions, PoolTask } from './trainPool';
import { defaultPoolSize, PoolMember, runPool } from './workerPool';

export interface LmPoolResult {
  backend: string;
  /** In lmRunSpecs order: CE, then TaiLr (or γ-CE). */
  outcomes: LmRunOutcome[];
}

/**
 * The runs of a language-model experiment on the pool, one job per run (in parallel on as many
 * workers): each run is trained exactly as trainLmRun trains it in-process, from the same seed.
 */
export function lmOnPool(
  files: TextFile[],
  config: LmConfig,
  backend: BackendName,
  onPoint: (run: number, point: LmHistoryPoint) => void,
  pool: PoolOptions,
): PoolTask<LmPoolResult> {
  const jobs = lmRunSpecs(config).map((_, run) => run);
  const size = pool.workers ?? defaultPoolSize(jobs.length, os.availableParallelism());
  const task = runPool(jobs, size, () => spawnLmMember(pool, files, config, backend, onPoint));
  const result = task.results.then((replies) => ({
    backend: replies[0]?.backend ?? backend,
    outcomes: replies.map((r) => ({ report: r.report, predictions: r.predictions })),
  }));
  return { result, cancel: task.cancel, exited: task.exited };
}

function spawnLmMember(
  pool: PoolOptions,
  files: TextFile[],
  config: LmConfig,
  backend: BackendName,
  onPoint: (run: number, point: LmHistoryPoint) => void,
): PoolMember<number, LmJobReply> {
  const worker = new WorkerJob<HostToTrainWorker, TrainWorkerToHost>(pool.workerScript, TRAIN_WORKER.name);
  worker.channel.onMessage((message) => {
    if (message.type === 'lmPoint') onPoint(message.run, message.point);
  });
  return {
    run: (run) => worker.channel.request({ type: 'lmJob', files, config, run, backend, wasmDir: pool.wasmDir }),
    terminate: () => worker.dispose(),
    exited: worker.exited,
  };
}
