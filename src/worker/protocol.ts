/**
 * The worker channels: host ⇄ data worker (dist/dataWorker.js) and host ⇄ training worker
 * (dist/trainWorker.js). Types only: both ends are ours, so nothing here is checked at run time.
 */
import type { FileLocation } from '../core/data/dataFileError';
import type { DatasetOptions, EncodedDataset } from '../core/data/dataset';
import type { TrainConfig } from '../core/train/config';
import type { ExperimentReport } from '../core/train/experiment';
import type { SeedStudyReport } from '../core/train/seedStudy';
import type { TrainEvent, TrainingData } from '../core/train/types';
import type { Direction } from '../messaging/channel';
import type { PredictionsPayload } from '../extension/calibration/protocol';
import type { CalibrationJobReplies, CalibrationJobRequest } from './calibrationJobTypes';

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

export interface TrainRequest {
  type: 'train';
  data: TrainingData & { schema?: unknown };
  config: Partial<TrainConfig>;
  /** Folder of the wasm backend's .wasm files. */
  wasmDir: string;
}

/** A seed study (repeated seeds, a noise sweep) of a file read in the worker: runSeedStudy on tableSeedSource. */
export interface StudyRequest {
  type: 'study';
  bytes: Uint8Array;
  /** The name to use in messages (workspace-relative path). */
  fileName: string;
  /** options.noise is the study's training-label noise rate (without a noise sweep); seeds come from config. */
  options: DatasetWorkerOptions;
  config: Partial<TrainConfig>;
  wasmDir: string;
}

export type HostToTrainWorker = Direction<
  TrainRequest | StudyRequest,
  { train: ExperimentReport; study: SeedStudyReport }
>;

/** Progress of the experiment, as it runs. */
export type TrainWorkerToHost = Direction<{ type: 'event'; event: TrainEvent }>;
