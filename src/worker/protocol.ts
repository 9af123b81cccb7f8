/**
 * The worker channels: host ⇄ data worker (dist/dataWorker.js) and host ⇄ training worker
 * (dist/trainWorker.js). Types only: both ends are ours, so nothing here is checked at run time.
 */
import type { FileLocation } from '../core/data/dataFileError';
import type { DatasetOptions, EncodedDataset } from '../core/data/dataset';
import type { TrainConfig } from '../core/train/config';
import type { SeedDraw } from '../core/train/seedData';
import type { DatasetInfo } from '../core/train/studyPlan';
import type { RunReport, TrainEvent, TrainingData } from '../core/train/types';
import type { Direction } from '../messaging/channel';
import type { PredictionsPayload } from '../extension/calibration/protocol';
import type { CalibrationJobReplies, CalibrationJobRequest } from './calibrationJobTypes';
import type { LmJobReply, LmJobRequest, LmPointEvent } from './lmJobTypes';

// ---------------------------------------------------------------- data worker

export const DATA_WORKER = { script: 'dataWorker.js', name: 'the data worker' };

export interface ParsePredictionsRequest {
  type: 'parsePredictions';
  bytes: Uint8Array;
  file: string;
  label?: string;
  softmax?: boolean;
}

/** DatasetOptions without the progress callback: what crosses to the data worker. */
export type DatasetWorkerOptions = Omit<DatasetOptions, 'onProgress'>;

export interface LoadDatasetRequest {
  type: 'loadDataset';
  bytes: Uint8Array;
  /** The name to use in messages (workspace-relative path). */
  file: string;
  options: DatasetWorkerOptions;
}

export type HostToDataWorker = Direction<
  ParsePredictionsRequest | LoadDatasetRequest | CalibrationJobRequest,
  { parsePredictions: PredictionsPayload; loadDataset: EncodedDataset } & CalibrationJobReplies
>;

/** While a dataset loads, or a calibration job runs. */
export type DataWorkerToHost = Direction<{ type: 'progress'; fraction: number }>;

/** RemoteError.remoteName of a problem with the user's file; its message is worded for them. */
export const DATA_FILE_ERROR = 'DataFileError';

/** RemoteError.data of a DATA_FILE_ERROR. */
export interface DataFileErrorData {
  location: FileLocation;
}

// ---------------------------------------------------------------- training worker

export const TRAIN_WORKER = { script: 'trainWorker.js', name: 'the training worker' };

/** What the pool's workers train on: a file each reads itself (a study's draws), or a dataset already read. */
export type PoolSource =
  | { kind: 'file'; bytes: Uint8Array; fileName: string; options: DatasetWorkerOptions }
  | { kind: 'data'; data: TrainingData & { schema?: unknown } };

/** Sent once to each worker of the pool (src/worker/pool), before its first job. */
export interface PoolInitRequest {
  type: 'poolInit';
  source: PoolSource;
  config: Partial<TrainConfig>;
  /** Folder of the wasm backend's .wasm files. */
  wasmDir: string;
  /** Lower the worker thread's scheduling priority (the extension host's pools), so the host's thread goes first. */
  lowPriority?: boolean;
}

/** Some runs of one experiment: of the draw's data (a file source), or of the dataset (draw null). */
export interface PoolJobRequest {
  type: 'poolJob';
  draw: SeedDraw | null;
  runs: string[];
}

export interface PoolJobReply {
  backend: string;
  dataset: DatasetInfo;
  schema?: unknown;
  /** The job's runs, with the indices (baseRun) of the whole plan. */
  runs: RunReport[];
}

/** A classifier pool's jobs, and the language model's (lmJob: one run, see lmJobTypes). */
export type HostToTrainWorker = Direction<
  PoolInitRequest | PoolJobRequest | LmJobRequest,
  { poolInit: null; poolJob: PoolJobReply; lmJob: LmJobReply }
>;

/** Progress of the current job, as it runs: runExperiment's events, runStart indices within the plan; an LM run's points. */
export type TrainWorkerToHost = Direction<{ type: 'event'; event: TrainEvent } | LmPointEvent>;
