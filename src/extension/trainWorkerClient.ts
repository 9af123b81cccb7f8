import * as path from 'path';
import type { TrainConfig } from '../core/train/config';
import type { ExperimentReport } from '../core/train/experiment';
import type { SeedStudyReport } from '../core/train/seedStudy';
import type { TrainEvent, TrainingData } from '../core/train/types';
import { ownBuffer } from '../messaging/transfer';
import { WorkerJob } from '../messaging/workerJob';
import {
  DatasetWorkerOptions,
  HostToTrainWorker,
  StudyRequest,
  TRAIN_WORKER,
  TrainRequest,
  TrainWorkerToHost,
} from '../worker/protocol';

type Failure = { status: 'cancelled' } | { status: 'failed'; message: string };
export type TrainingOutcome = { status: 'done'; report: ExperimentReport } | Failure;
export type StudyOutcome = { status: 'done'; study: SeedStudyReport } | Failure;

export interface WorkerTrainingJob<TOutcome> {
  /** Settles exactly once, whatever happens to the worker: never a hung promise. */
  readonly outcome: Promise<TOutcome>;
  /** Terminates the worker at once (mid-batch if need be). */
  cancel(): void;
  /** Resolves when the worker thread has exited. */
  readonly exited: Promise<void>;
}

export type TrainingJob = WorkerTrainingJob<TrainingOutcome>;
export type StudyJob = WorkerTrainingJob<StudyOutcome>;

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
  const request: TrainRequest = { type: 'train', data, config, wasmDir: path.join(distDir, 'wasm') };
  return runInWorker(workerScript, request, [], onEvent, (report) => ({ status: 'done', report }));
}

export interface StudyFileRequest {
  /** The file's bytes: moved to the worker (copied first if they are a view into a larger buffer). */
  bytes: Uint8Array;
  /** The name to use in messages (workspace-relative path). */
  fileName: string;
  /** How to read the file; options.noise is the study's noise rate when there is no noise sweep. */
  options: DatasetWorkerOptions;
  config: Partial<TrainConfig>;
}

/**
 * A seed study (repeated seeds, a noise sweep) of a file, read and trained in a worker thread:
 * the report runSeedStudy gives in-process. runStart events count every run of every seed.
 */
export function startStudy(
  distDir: string,
  request: StudyFileRequest,
  onEvent: (event: TrainEvent) => void,
  workerScript = path.join(distDir, TRAIN_WORKER.script),
): StudyJob {
  const bytes = ownBuffer(request.bytes);
  const message: StudyRequest = { type: 'study', ...request, bytes, wasmDir: path.join(distDir, 'wasm') };
  return runInWorker(workerScript, message, [bytes.buffer as ArrayBuffer], onEvent, (study) => ({
    status: 'done',
    study,
  }));
}

function runInWorker<TRequest extends TrainRequest | StudyRequest, TOutcome>(
  workerScript: string,
  request: TRequest,
  transfer: ArrayBuffer[],
  onEvent: (event: TrainEvent) => void,
  done: (reply: HostToTrainWorker['replies'][TRequest['type']]) => TOutcome,
): WorkerTrainingJob<TOutcome | Failure> {
  const job = new WorkerJob<HostToTrainWorker, TrainWorkerToHost>(workerScript, TRAIN_WORKER.name);
  job.channel.onMessage((message) => onEvent(message.event));
  const stop = new AbortController();
  const outcome = job.once(request as TrainRequest, { signal: stop.signal, transfer }).then(
    (reply) => done(reply as HostToTrainWorker['replies'][TRequest['type']]),
    (error: unknown): Failure =>
      stop.signal.aborted
        ? { status: 'cancelled' }
        : { status: 'failed', message: error instanceof Error ? error.message : String(error) },
  );
  return { outcome, exited: job.exited, cancel: () => stop.abort() };
}
