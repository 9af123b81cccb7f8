/**
 * Every message that crosses a process boundary: extension host ⇄ webview, host ⇄ worker.
 * Each direction is a discriminated union plus a guard that accepts only well-formed messages;
 * the receiving side ignores (and logs) anything the guard rejects.
 */
import type { BinScheme, CalibrationReport } from './core/calibration';
import type { FileLocation } from './core/data/dataFileError';
import type { DatasetOptions, DatasetSplit, EncodedDataset } from './core/data/dataset';
import { isDatasetSchema } from './core/data/schema';
import type { TableFormat } from './core/data/readTable';

// ---------------------------------------------------------------- calibration panel

export const CALIBRATION_VIEW_TYPE = 'gammaCe.calibration';
export const MIN_BINS = 5;
export const MAX_BINS = 50;

export interface CalibrationSettings {
  bins: number;
  scheme: BinScheme;
  /** -1: all classes (top-label); k ≥ 0: one-vs-rest for class k. */
  classIndex: number;
}

export const DEFAULT_CALIBRATION_SETTINGS: CalibrationSettings = { bins: 15, scheme: 'equal-width', classIndex: -1 };

/** What the webview persists with setState, and what the serializer gets back after a reload. */
export interface CalibrationPanelState {
  uri: string;
  settings: CalibrationSettings;
}

/** Parsed predictions as they travel: typed arrays, transferred rather than serialised. */
export interface PredictionsPayload {
  classNames: string[];
  labelColumn: string;
  ignoredColumns: string[];
  softmax: boolean;
  format: TableFormat;
  rows: number;
  cols: number;
  probs: Float64Array;
  labels: Int32Array;
}

export interface FileInfo {
  uri: string;
  /** Path or name to show the user. */
  label: string;
  size: number;
}

export type HostToCalibrationWebview =
  | { type: 'load'; file: FileInfo; predictions: PredictionsPayload; settings: CalibrationSettings }
  | { type: 'loading'; file: FileInfo }
  | { type: 'error'; file: FileInfo; message: string }
  | { type: 'fileChanged' }
  | { type: 'exported'; paths: string[] };

/** The numbers the webview shows, echoed to the host (log, tests). */
export interface RenderedView {
  settings: CalibrationSettings;
  report: CalibrationReport;
  /** ECE of the diagram on screen (top-label or the chosen class, chosen bins). */
  viewEce: number;
}

export interface ExportRequest {
  type: 'export';
  svg: string;
  /** PNG as base64, without the data: prefix. */
  png: string;
  metrics: Record<string, unknown>;
}

export type CalibrationWebviewToHost =
  | { type: 'ready' }
  | { type: 'settings'; settings: CalibrationSettings }
  | { type: 'rendered'; view: RenderedView }
  | { type: 'reload' }
  | ExportRequest
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

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

type Guarded<T> = (value: unknown) => value is T;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isCalibrationSettings(value: unknown): value is CalibrationSettings {
  return (
    isRecord(value) &&
    Number.isInteger(value.bins) &&
    (value.bins as number) >= MIN_BINS &&
    (value.bins as number) <= MAX_BINS &&
    (value.scheme === 'equal-width' || value.scheme === 'equal-mass') &&
    Number.isInteger(value.classIndex) &&
    (value.classIndex as number) >= -1
  );
}

export function isCalibrationPanelState(value: unknown): value is CalibrationPanelState {
  return isRecord(value) && typeof value.uri === 'string' && isCalibrationSettings(value.settings);
}

function isFileInfo(value: unknown): value is FileInfo {
  return isRecord(value) && typeof value.uri === 'string' && typeof value.label === 'string' && typeof value.size === 'number';
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

export const isHostToCalibrationWebview: Guarded<HostToCalibrationWebview> = (value): value is HostToCalibrationWebview => {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'load':
      return isFileInfo(value.file) && isPredictionsPayload(value.predictions) && isCalibrationSettings(value.settings);
    case 'loading':
      return isFileInfo(value.file);
    case 'error':
      return isFileInfo(value.file) && typeof value.message === 'string';
    case 'fileChanged':
      return true;
    case 'exported':
      return Array.isArray(value.paths) && value.paths.every((p) => typeof p === 'string');
    default:
      return false;
  }
};

const MAX_EXPORT_CHARS = 50_000_000;

export const isCalibrationWebviewToHost: Guarded<CalibrationWebviewToHost> = (value): value is CalibrationWebviewToHost => {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
    case 'reload':
      return true;
    case 'settings':
      return isCalibrationSettings(value.settings);
    case 'rendered':
      return isRecord(value.view) && isCalibrationSettings(value.view.settings) && isRecord(value.view.report) && typeof value.view.viewEce === 'number';
    case 'export':
      return (
        typeof value.svg === 'string' &&
        value.svg.startsWith('<svg') &&
        value.svg.length < MAX_EXPORT_CHARS &&
        typeof value.png === 'string' &&
        /^[A-Za-z0-9+/=]*$/.test(value.png.slice(0, 1000)) &&
        value.png.length < MAX_EXPORT_CHARS &&
        isRecord(value.metrics)
      );
    case 'log':
      return (value.level === 'info' || value.level === 'warn' || value.level === 'error') && typeof value.message === 'string';
    default:
      return false;
  }
};

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
