/**
 * The messages between the extension host and its workers. Each direction is a discriminated union
 * plus a guard that accepts only well-formed messages; the receiving side ignores (and logs) anything
 * the guard rejects. The webview channels live in src/extension/calibration and src/extension/training.
 */
import type { PredictionsPayload } from './extension/calibration/protocol';
import type { FileLocation } from './core/data/dataFileError';
import type { DatasetOptions, DatasetSplit, EncodedDataset } from './core/data/dataset';
import { isDatasetSchema } from './core/data/schema';
import type { TrainConfig } from './core/train/config';
import type { ExperimentReport } from './core/train/experiment';
import type { TrainEvent, TrainingData } from './core/train/types';

// The parse worker reads what the calibration channel carries.
export type { PredictionsPayload } from './extension/calibration/protocol';
export { LOGITS_CHECKBOX_LABEL } from './extension/calibration/constants';

// ---------------------------------------------------------------- parse worker

export interface ParseRequest {
  type: 'parsePredictions';
  bytes: Uint8Array;
  file: string;
  label?: string;
  softmax?: boolean;
}

export type ParseResponse =
  | { type: 'parsed'; predictions: PredictionsPayload }
  | { type: 'dataError'; message: string; location: FileLocation }
  | { type: 'crashed'; message: string };

// ---------------------------------------------------------------- dataset worker

/** DatasetOptions without the progress callback: what crosses to the dataset worker. */
export type DatasetWorkerOptions = Omit<DatasetOptions, 'onProgress'>;

export interface DatasetRequest {
  type: 'loadDataset';
  bytes: Uint8Array;
  /** The name to use in messages (workspace-relative path). */
  file: string;
  options: DatasetWorkerOptions;
}

/** Progress first (any number), then exactly one of the others. */
export type DatasetResponse =
  | { type: 'progress'; fraction: number }
  | { type: 'loaded'; dataset: EncodedDataset }
  | { type: 'dataError'; message: string; location: FileLocation }
  | { type: 'crashed'; message: string };

// ---------------------------------------------------------------- guards

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPredictionsPayload(value: unknown): value is PredictionsPayload {
  if (!isRecord(value)) return false;
  const { rows, cols, probs, labels } = value;
  return (
    Array.isArray(value.classNames) &&
    value.classNames.every((c) => typeof c === 'string') &&
    Number.isInteger(rows) &&
    Number.isInteger(cols) &&
    probs instanceof Float64Array &&
    labels instanceof Int32Array &&
    probs.length === (rows as number) * (cols as number) &&
    labels.length === rows
  );
}

export function isParseRequest(value: unknown): value is ParseRequest {
  return isRecord(value) && value.type === 'parsePredictions' && value.bytes instanceof Uint8Array && typeof value.file === 'string';
}

export function isParseResponse(value: unknown): value is ParseResponse {
  if (!isRecord(value)) return false;
  if (value.type === 'parsed') return isPredictionsPayload(value.predictions);
  if (value.type === 'dataError') return typeof value.message === 'string' && isRecord(value.location);
  return value.type === 'crashed' && typeof value.message === 'string';
}

function isOptional(value: unknown, type: 'string' | 'number' | 'boolean'): boolean {
  return value === undefined || typeof value === type;
}

export function isDatasetWorkerOptions(value: unknown): value is DatasetWorkerOptions {
  if (!isRecord(value)) return false;
  const { split } = value;
  return (
    isOptional(value.label, 'string') &&
    (value.schema === undefined || isDatasetSchema(value.schema)) &&
    (split === undefined ||
      (isRecord(split) && typeof split.train === 'number' && typeof split.validation === 'number' && typeof split.test === 'number')) &&
    isOptional(value.seed, 'number') &&
    isOptional(value.noise, 'number') &&
    isOptional(value.strict, 'boolean') &&
    (value.classOrder === undefined || value.classOrder === 'natural' || value.classOrder === 'appearance') &&
    (value.format === undefined || ['csv', 'tsv', 'json', 'jsonl'].includes(value.format as string)) &&
    isOptional(value.maxBytes, 'number')
  );
}

export function isDatasetRequest(value: unknown): value is DatasetRequest {
  return (
    isRecord(value) &&
    value.type === 'loadDataset' &&
    value.bytes instanceof Uint8Array &&
    typeof value.file === 'string' &&
    isDatasetWorkerOptions(value.options)
  );
}

function isDatasetSplit(value: unknown, features: number): value is DatasetSplit {
  if (!isRecord(value)) return false;
  const { x, y, rows, sourceRows } = value;
  return (
    Number.isInteger(rows) &&
    x instanceof Float32Array &&
    y instanceof Int32Array &&
    sourceRows instanceof Int32Array &&
    x.length === (rows as number) * features &&
    y.length === rows &&
    sourceRows.length === rows &&
    (value.cleanY === undefined || (value.cleanY instanceof Int32Array && value.cleanY.length === rows))
  );
}

function isEncodedDataset(value: unknown): value is EncodedDataset {
  if (!isRecord(value)) return false;
  const { features, classes } = value;
  return (
    typeof value.file === 'string' &&
    isDatasetSchema(value.schema) &&
    Number.isInteger(features) &&
    Number.isInteger(classes) &&
    Array.isArray(value.featureNames) &&
    value.featureNames.length === features &&
    Array.isArray(value.classNames) &&
    value.classNames.length === classes &&
    isDatasetSplit(value.train, features as number) &&
    isDatasetSplit(value.validation, features as number) &&
    isDatasetSplit(value.test, features as number) &&
    isRecord(value.noise) &&
    Array.isArray(value.warnings) &&
    isRecord(value.summary)
  );
}

export function isDatasetResponse(value: unknown): value is DatasetResponse {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'progress':
      return typeof value.fraction === 'number' && value.fraction >= 0 && value.fraction <= 1;
    case 'loaded':
      return isEncodedDataset(value.dataset);
    case 'dataError':
      return typeof value.message === 'string' && isRecord(value.location);
    case 'crashed':
      return typeof value.message === 'string';
    default:
      return false;
  }
}

// ---------------------------------------------------------------- training worker

export interface TrainRequest {
  type: 'train';
  data: TrainingData & { schema?: unknown };
  config: Partial<TrainConfig>;
  /** Folder of the wasm backend's .wasm files. */
  wasmDir: string;
}

export type TrainWorkerMessage =
  | { type: 'event'; event: TrainEvent }
  | { type: 'done'; report: ExperimentReport }
  | { type: 'failed'; message: string };

export function isTrainRequest(value: unknown): value is TrainRequest {
  if (!isRecord(value) || value.type !== 'train' || typeof value.wasmDir !== 'string' || !isRecord(value.config)) return false;
  const data = value.data;
  return (
    isRecord(data) &&
    typeof data.file === 'string' &&
    Array.isArray(data.classNames) &&
    Number.isInteger(data.features) &&
    Number.isInteger(data.classes) &&
    ['train', 'validation', 'test'].every((split) => {
      const s = data[split];
      return isRecord(s) && s.x instanceof Float32Array && s.y instanceof Int32Array && Number.isInteger(s.rows);
    })
  );
}

export function isTrainWorkerMessage(value: unknown): value is TrainWorkerMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'event':
      return isRecord(value.event) && typeof value.event.type === 'string';
    case 'done':
      return isRecord(value.report) && Array.isArray(value.report.runs);
    case 'failed':
      return typeof value.message === 'string';
    default:
      return false;
  }
}
