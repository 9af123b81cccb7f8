/**
 * What the calibration panel's controller is given: every effect it has goes through one of these,
 * so that it runs in Node with fakes (test/unit/calibrationController.test.ts) and the VS Code
 * adapter (calibrationPanel.ts) only binds them.
 */
import type { ParsePredictionsRequest } from '../../worker/protocol';
import type { BootstrapInterval } from '../../core/bootstrap';
import type {
  CompareRequest,
  EceIntervalRequest,
  RecalibrateRequest,
  SmoothCalibrationRequest,
} from '../../worker/calibrationJobTypes';
import type { ComparisonView, RecalibrationView, SmoothResult } from './jobs';
import type { ExportRequest, ExportTheme, HostToCalibrationWebview, PredictionsPayload } from './protocol';

export interface CalibrationLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface WorkerCall {
  signal: AbortSignal;
  onProgress: (fraction: number) => void;
}

/** The data worker, one request each (a fresh thread, terminated when the signal aborts). */
export interface CalibrationWorker {
  parse(request: Omit<ParsePredictionsRequest, 'type'>): Promise<PredictionsPayload>;
  interval(request: Omit<EceIntervalRequest, 'type'>, call: WorkerCall): Promise<BootstrapInterval>;
  smooth(request: Omit<SmoothCalibrationRequest, 'type'>, call: WorkerCall): Promise<SmoothResult>;
  recalibrate(request: Omit<RecalibrateRequest, 'type'>, call: WorkerCall): Promise<RecalibrationView>;
  compare(request: Omit<CompareRequest, 'type'>, call: WorkerCall): Promise<ComparisonView>;
}

/** A problem with a file the user can act on: its message is shown as it is. */
export class FileProblem extends Error {
  override name = 'FileProblem';
}

export interface CalibratorFiles {
  /** The calibrator JSON. */
  json: string;
  /** The lines that apply it, for each framework, given the JSON's file name. */
  python(jsonName: string): string;
}

export interface CalibrationPorts {
  post(message: HostToCalibrationWebview): void;
  log: CalibrationLog;
  /** The file's name as the user sees it (workspace-relative). */
  label(uri: string): string;
  /** Its bytes; a FileProblem when it is gone or unreadable. */
  readFile(uri: string): Promise<Uint8Array>;
  worker: CalibrationWorker;
  pickExportTheme(): Promise<ExportTheme | undefined>;
  /** Asks where to save the figure and writes it: the files written, or undefined (declined). */
  saveFigure(uri: string, request: ExportRequest): Promise<string[] | undefined>;
  /** Asks where to save the calibrator and writes it with its Python beside it. */
  saveCalibrator(uri: string, files: CalibratorFiles): Promise<string[] | undefined>;
  /** Asks for the second predictions file of a comparison (its URI). */
  pickComparisonFile(): Promise<string | undefined>;
  copyToClipboard(text: string): Promise<void>;
  showError(message: string): void;
  showInfo(message: string): void;
}
