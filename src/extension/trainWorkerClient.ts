import * as path from 'path';
import type { TrainConfig } from '../core/train/config';
import type { ExperimentReport } from '../core/train/experiment';
import type { SeedStudyReport } from '../core/train/seedStudy';
import type { TrainEvent, TrainingData } from '../core/train/types';
import { TRAIN_WORKER } from '../worker/protocol';
import { experimentOnPool, PoolTask, StudyFile, studyOnPool } from '../worker/pool/trainPool';

type Failure = { status: 'cancelled' } | { status: 'failed'; message: string };
export type TrainingOutcome = { status: 'done'; report: ExperimentReport } | Failure;
export type StudyOutcome = { status: 'done'; study: SeedStudyReport } | Failure;

export interface WorkerTrainingJob<TOutcome> {
  /** Settles exactly once, whatever happens to the workers: never a hung promise. */
  readonly outcome: Promise<TOutcome>;
  /** Terminates every worker at once (mid-batch if need be). */
  cancel(): void;
  /** Resolves when every worker thread has exited. */
  readonly exited: Promise<void>;
}

export type TrainingJob = WorkerTrainingJob<TrainingOutcome>;
export type StudyJob = WorkerTrainingJob<StudyOutcome>;

export interface WorkerOptions {
  /** Default: one per run (a study: per run and seed), up to one per core. */
  workers?: number;
  /** Default dist/trainWorker.js. */
  workerScript?: string;
}

/**
 * Trains an experiment on worker threads (dist/trainWorker.js), its runs in parallel, and streams
 * their events. No vscode and no tfjs here: the extension host only moves messages.
 */
export function startTraining(
  distDir: string,
  data: TrainingData & { schema?: unknown },
  config: Partial<TrainConfig>,
  onEvent: (event: TrainEvent) => void,
  options: WorkerOptions = {},
): TrainingJob {
  const task = experimentOnPool(data, config, onEvent, poolOptions(distDir, options));
  return settle(task, (report) => ({ status: 'done', report }));
}

/** A seed study's file, read in each worker; options.noise is the study's noise rate when there is no noise sweep. */
export type StudyFileRequest = StudyFile;

/**
 * A seed study (repeated seeds, a noise sweep) of a file, read and trained on worker threads: the
 * report runSeedStudy gives in-process. runStart events count every run of every seed.
 */
export function startStudy(
  distDir: string,
  request: StudyFileRequest,
  onEvent: (event: TrainEvent) => void,
  options: WorkerOptions = {},
): StudyJob {
  const task = studyOnPool(request, onEvent, poolOptions(distDir, options));
  return settle(task, (study) => ({ status: 'done', study }));
}

function poolOptions(distDir: string, options: WorkerOptions) {
  return {
    workerScript: options.workerScript ?? path.join(distDir, TRAIN_WORKER.script),
    wasmDir: path.join(distDir, 'wasm'),
    workers: options.workers,
    lowPriority: true,
  };
}

/** A pool task as a job whose outcome never rejects: done, cancelled (by `cancel`) or failed with a message. */
export function settle<T, TDone>(task: PoolTask<T>, done: (value: T) => TDone): WorkerTrainingJob<TDone | Failure> {
  let cancelled = false;
  const outcome = task.result.then(done, (error: unknown): Failure =>
    cancelled
      ? { status: 'cancelled' }
      : { status: 'failed', message: error instanceof Error ? error.message : String(error) },
  );
  return {
    outcome,
    exited: task.exited,
    cancel: () => {
      cancelled = true;
      task.cancel(new Error('cancelled'));
    },
  };
}
