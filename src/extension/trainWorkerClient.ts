import * as path from 'path';
import type { TrainConfig } from '../core/train/config';
import type { ExperimentReport } from '../core/train/experiment';
import type { TrainEvent, TrainingData } from '../core/train/types';
import { WorkerJob } from '../messaging/workerJob';
import { HostToTrainWorker, TRAIN_WORKER, TrainWorkerToHost } from '../worker/protocol';

export type TrainingOutcome =
  { status: 'done'; report: ExperimentReport } | { status: 'cancelled' } | { status: 'failed'; message: string };

export interface TrainingJob {
  /** Settles exactly once, whatever happens to the worker: never a hung promise. */
  readonly outcome: Promise<TrainingOutcome>;
  /** Terminates the worker at once (mid-batch if need be). */
  cancel(): void;
  /** Resolves when the worker thread has exited. */
  readonly exited: Promise<void>;
}

/**
 * Runs an experiment in a worker thread (dist/trainWorker.js) and streams its events. No vscode
 * and no tfjs here: the extension host only moves messages.
 */
export function startTraining(
  distDir: string,
  data: TrainingData & { schema?: unknown },
  config: Partial<TrainConfig>,
  onEvent: (event: TrainEvent) => void,
  workerScript = path.join(distDir, TRAIN_WORKER.script),
): TrainingJob {
  const job = new WorkerJob<HostToTrainWorker, TrainWorkerToHost>(workerScript, TRAIN_WORKER.name);
  job.channel.onMessage((message) => onEvent(message.event));
  const stop = new AbortController();
  const outcome = job
    .once({ type: 'train', data, config, wasmDir: path.join(distDir, 'wasm') }, { signal: stop.signal })
    .then(
      (report): TrainingOutcome => ({ status: 'done', report }),
      (error: unknown): TrainingOutcome =>
        stop.signal.aborted
          ? { status: 'cancelled' }
          : { status: 'failed', message: error instanceof Error ? error.message : String(error) },
    );
  return { outcome, exited: job.exited, cancel: () => stop.abort() };
}
