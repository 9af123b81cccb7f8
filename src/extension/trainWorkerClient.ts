import * as path from 'path';
import { Worker } from 'worker_threads';
import type { TrainConfig } from '../core/train/config';
import type { ExperimentReport } from '../core/train/experiment';
import type { TrainEvent, TrainingData } from '../core/train/types';
import { isTrainWorkerMessage, TrainRequest } from '../protocol';

export type TrainingOutcome =
  | { status: 'done'; report: ExperimentReport }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };

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
  workerScript = path.join(distDir, 'trainWorker.js'),
): TrainingJob {
  const worker = new Worker(workerScript);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let settle!: (outcome: TrainingOutcome) => void;
  let settled = false;
  const outcome = new Promise<TrainingOutcome>((resolve) => {
    settle = (value) => {
      if (settled) return;
      settled = true;
      resolve(value);
      void worker.terminate();
    };
  });
  worker.on('message', (message: unknown) => {
    if (!isTrainWorkerMessage(message)) return settle({ status: 'failed', message: 'the training worker sent a malformed message' });
    if (message.type === 'event') onEvent(message.event);
    else if (message.type === 'done') settle({ status: 'done', report: message.report });
    else settle({ status: 'failed', message: message.message });
  });
  worker.on('error', (error) => settle({ status: 'failed', message: `the training worker crashed: ${error.message}` }));
  worker.on('exit', (code) => settle({ status: 'failed', message: `the training worker stopped unexpectedly (exit code ${code})` }));
  const request: TrainRequest = { type: 'train', data, config, wasmDir: path.join(distDir, 'wasm') };
  worker.postMessage(request);
  return {
    outcome,
    exited,
    cancel: () => settle({ status: 'cancelled' }),
  };
}
