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
import type { TrainConfig } from './core/train/config';
import type { ExperimentReport } from './core/train/experiment';
import type { RunReport, TrainEvent, TrainingData } from './core/train/types';

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

/** The calibration panel's checkbox for logits, by the words it shows (its messages name it so). */
export const LOGITS_CHECKBOX_LABEL = 'columns are logits (apply softmax)';

/** How an exported figure is coloured: light (the default, for papers and slides) or as the panel is now. */
export type ExportTheme = 'light' | 'current';

/** What the webview persists with setState, and what the serializer gets back after a reload. */
/** How the predictions file is read: its label column and whether its columns are logits. */
export interface PredictionsReadOptions {
  label?: string;
  softmax?: boolean;
}

export interface CalibrationPanelState {
  uri: string;
  settings: CalibrationSettings;
  read?: PredictionsReadOptions;
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
  | { type: 'load'; file: FileInfo; predictions: PredictionsPayload; settings: CalibrationSettings; read: PredictionsReadOptions }
  | { type: 'loading'; file: FileInfo }
  | { type: 'error'; file: FileInfo; message: string; read: PredictionsReadOptions }
  | { type: 'fileChanged' }
  /** The user chose how to colour the export: render it and send an ExportRequest. */
  | { type: 'renderExport'; theme: ExportTheme };

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
  | { type: 'readOptions'; read: PredictionsReadOptions }
  /** The Export… button: the host asks for the theme, then for the file. */
  | { type: 'exportRequested' }
  | ExportRequest
  | { type: 'exportFailed'; message: string }
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

export function isPredictionsReadOptions(value: unknown): value is PredictionsReadOptions {
  return (
    isRecord(value) &&
    (value.label === undefined || (typeof value.label === 'string' && value.label.length > 0 && value.label.length <= 200)) &&
    (value.softmax === undefined || typeof value.softmax === 'boolean')
  );
}

export function isCalibrationPanelState(value: unknown): value is CalibrationPanelState {
  return (
    isRecord(value) &&
    typeof value.uri === 'string' &&
    isCalibrationSettings(value.settings) &&
    (value.read === undefined || isPredictionsReadOptions(value.read))
  );
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
      return isFileInfo(value.file) && isPredictionsPayload(value.predictions) && isCalibrationSettings(value.settings) && isPredictionsReadOptions(value.read);
    case 'loading':
      return isFileInfo(value.file);
    case 'error':
      return isFileInfo(value.file) && typeof value.message === 'string' && isPredictionsReadOptions(value.read);
    case 'fileChanged':
      return true;
    case 'renderExport':
      return value.theme === 'light' || value.theme === 'current';
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
    case 'exportRequested':
      return true;
    case 'exportFailed':
      return typeof value.message === 'string';
    case 'readOptions':
      return isPredictionsReadOptions(value.read);
    case 'settings':
      return isCalibrationSettings(value.settings);
    case 'rendered':
      return (
        isRecord(value.view) &&
        isCalibrationSettings(value.view.settings) &&
        isRecord(value.view.report) &&
        typeof value.view.report.ece === 'number' &&
        typeof value.view.report.n === 'number' &&
        typeof value.view.viewEce === 'number'
      );
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

// ---------------------------------------------------------------- training panel

export const TRAINING_VIEW_TYPE = 'gammaCe.training';

/** What the webview's form sends when the user presses Run. The host validates all of it. */
export interface TrainingSetup {
  config: Partial<TrainConfig>;
  /** Symmetric label noise on the training split, in [0, 0.9]. */
  noise: number;
  /** Label column override (undefined: as inferred). */
  label?: string;
  /** Per-column overrides: a feature column can be ignored, and vice versa. */
  ignored?: string[];
}

export interface DatasetView {
  file: FileInfo;
  rows: number;
  features: number;
  classNames: string[];
  classCounts: number[];
  warnings: string[];
  label: string;
  columns: Array<{ name: string; role: string; type: string; missing: number; reason?: string }>;
  split: { train: number; validation: number; test: number };
  noise: { rate: number; flipped: number };
}

/** A run as the webview needs it: everything but the test predictions. */
export type RunView = Omit<RunReport, 'predictions'>;

export interface TrainingPanelState {
  uri: string;
  setup: TrainingSetup;
  runs?: RunView[];
  backend?: string;
}

export type HostToTrainingWebview =
  | { type: 'datasetLoading'; file: FileInfo }
  | { type: 'dataset'; dataset: DatasetView; setup: TrainingSetup }
  | { type: 'datasetError'; file: FileInfo; message: string; setup?: TrainingSetup }
  | { type: 'setupError'; field: string; message: string }
  | { type: 'started'; runs: string[]; epochs: number }
  | { type: 'event'; event: TrainEvent }
  | { type: 'finished'; status: 'done' | 'cancelled' | 'failed'; message?: string }
  | { type: 'exportImages' }
  | { type: 'exported'; folder: string };

export interface RunImage {
  run: number;
  svg: string;
  png: string;
}

export type TrainingWebviewToHost =
  | { type: 'ready' }
  | { type: 'run'; setup: TrainingSetup }
  | { type: 'stop' }
  | { type: 'reloadDataset'; setup: TrainingSetup }
  | { type: 'export' }
  | { type: 'images'; images: RunImage[] }
  | { type: 'openInCalibration'; run: number }
  | { type: 'chooseDataset' }
  | { type: 'insertLoss'; gamma: number; threshold: number | null }
  | { type: 'state'; state: TrainingPanelState }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function isTrainingSetup(value: unknown): value is TrainingSetup {
  return (
    isRecord(value) &&
    isRecord(value.config) &&
    isFiniteNumber(value.noise) &&
    value.noise >= 0 &&
    value.noise <= 0.9 &&
    (value.label === undefined || typeof value.label === 'string') &&
    (value.ignored === undefined || isStringArray(value.ignored))
  );
}

const MAX_IMAGE_CHARS = 20_000_000;

export function isTrainingWebviewToHost(value: unknown): value is TrainingWebviewToHost {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
    case 'stop':
    case 'export':
    case 'chooseDataset':
      return true;
    case 'run':
    case 'reloadDataset':
      return isTrainingSetup(value.setup);
    case 'images':
      return (
        Array.isArray(value.images) &&
        value.images.length <= 64 &&
        value.images.every(
          (im) =>
            isRecord(im) &&
            Number.isInteger(im.run) &&
            typeof im.svg === 'string' &&
            im.svg.startsWith('<svg') &&
            im.svg.length < MAX_IMAGE_CHARS &&
            typeof im.png === 'string' &&
            /^[A-Za-z0-9+/=]*$/.test(im.png.slice(0, 1000)) &&
            im.png.length < MAX_IMAGE_CHARS,
        )
      );
    case 'openInCalibration':
      return Number.isInteger(value.run) && (value.run as number) >= 0;
    case 'insertLoss':
      return isFiniteNumber(value.gamma) && value.gamma >= 0 && value.gamma <= 1 &&
        (value.threshold === null || (isFiniteNumber(value.threshold) && value.threshold >= 0 && value.threshold <= 1));
    case 'state':
      return isRecord(value.state) && typeof value.state.uri === 'string' && isTrainingSetup(value.state.setup);
    case 'log':
      return (value.level === 'info' || value.level === 'warn' || value.level === 'error') && typeof value.message === 'string';
    default:
      return false;
  }
}

export function isHostToTrainingWebview(value: unknown): value is HostToTrainingWebview {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'datasetLoading':
      return isFileInfo(value.file);
    case 'dataset':
      return isRecord(value.dataset) && isFileInfo(value.dataset.file) && isStringArray(value.dataset.classNames) && isTrainingSetup(value.setup);
    case 'datasetError':
      return isFileInfo(value.file) && typeof value.message === 'string' && (value.setup === undefined || isTrainingSetup(value.setup));
    case 'setupError':
      return typeof value.field === 'string' && typeof value.message === 'string';
    case 'started':
      return isStringArray(value.runs) && Number.isInteger(value.epochs);
    case 'event':
      return isRecord(value.event) && typeof value.event.type === 'string';
    case 'finished':
      return value.status === 'done' || value.status === 'cancelled' || value.status === 'failed';
    case 'exportImages':
      return true;
    case 'exported':
      return typeof value.folder === 'string';
    default:
      return false;
  }
}
