/**
 * The calibration panel's channel: webview ⇄ host. What the webview sends, and the state it
 * persists, are parsed here with schemas; what the host sends is typed only.
 */
import * as z from 'zod';
import type { BinScheme, CalibrationReport, Convention } from '../../core/calibration';
import type { RecalibrationMethod } from '../../core/recalibration';
import type { TableFormat } from '../../core/data/fileTypes';
import {
  Assert,
  FileInfo,
  logMessageSchema,
  MAX_MESSAGE_CHARS,
  parseWith,
  Parsed,
  pngBase64Schema,
  Same,
  svgMarkupSchema,
  uriSchema,
} from '../webviewProtocol';
import { DEFAULT_CALIBRATION_SETTINGS, MAX_BINS, MAX_FOLDS, MIN_BINS, MIN_FOLDS } from './constants';
import { CALIBRATION_JOBS, JobMessage, SNIPPET_FRAMEWORKS } from './jobs';

export {
  CALIBRATION_VIEW_TYPE,
  DEFAULT_CALIBRATION_SETTINGS,
  LOGITS_CHECKBOX_LABEL,
  MAX_BINS,
  MAX_FOLDS,
  MIN_BINS,
  MIN_FOLDS,
} from './constants';
export type * from './jobs';

export const calibrationSettingsSchema = z.strictObject({
  bins: z.int().min(MIN_BINS).max(MAX_BINS),
  scheme: z.enum(['equal-width', 'equal-mass']),
  /** -1: all classes (top-label); k ≥ 0: one-vs-rest for class k. */
  classIndex: z.int().min(-1),
  /** Whose binning the convention's ECE/MCE follow. */
  convention: z.enum(['guo', 'torchmetrics', 'netcal']),
  /** The smoothed reliability curve and its band over the bins. */
  smoothCurve: z.boolean(),
});
export type CalibrationSettings = z.infer<typeof calibrationSettingsSchema>;
export type SchemeMatchesCore = Assert<Same<CalibrationSettings['scheme'], BinScheme>>;
export type ConventionMatchesCore = Assert<Same<CalibrationSettings['convention'], Convention>>;

/** How the predictions file is read: its label column and whether its columns are logits. */
export const predictionsReadOptionsSchema = z.strictObject({
  label: z.string().min(1).max(200).optional(),
  softmax: z.boolean().optional(),
});
export type PredictionsReadOptions = z.infer<typeof predictionsReadOptionsSchema>;

/** What the webview persists with setState, and what the serializer gets back after a reload. */
export const calibrationPanelStateSchema = z.strictObject({
  uri: uriSchema,
  settings: calibrationSettingsSchema,
  read: predictionsReadOptionsSchema.optional(),
});
export type CalibrationPanelState = z.infer<typeof calibrationPanelStateSchema>;

/** Restored state may come from an older version, or be damaged: each part falls back to its default. */
const restoredStateSchema = z.object({
  uri: uriSchema,
  // A state saved before a setting existed gets that setting's default.
  settings: z
    .preprocess(
      (v) => (typeof v === 'object' && v !== null ? { ...DEFAULT_CALIBRATION_SETTINGS, ...v } : v),
      calibrationSettingsSchema,
    )
    .catch(() => ({ ...DEFAULT_CALIBRATION_SETTINGS })),
  read: predictionsReadOptionsSchema.catch(() => ({})),
});

/** The state to revive a panel with, or undefined when it names no file (the panel is closed). */
export function restoreCalibrationPanelState(value: unknown): Required<CalibrationPanelState> | undefined {
  const parsed = restoredStateSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

const unit = z.number().min(0).max(1);
const count = z.int().min(0);

export const reliabilityBinSchema = z.strictObject({
  lower: unit,
  upper: unit,
  count,
  accuracy: unit,
  confidence: unit,
});

export const calibrationReportSchema = z.strictObject({
  ece: unit,
  mce: unit,
  brier: z.number().min(0).max(2),
  nll: z.number().min(0),
  accuracy: unit,
  n: count,
  bins: z.array(reliabilityBinSchema).max(MAX_BINS),
  adaptiveEce: unit,
  classwiseEce: unit,
  smoothEce: unit,
  smoothEceSigma: z.number().positive().max(1),
  classes: z.int().min(1),
});
export type ReportMatchesCore = Assert<Same<z.infer<typeof calibrationReportSchema>, CalibrationReport>>;

/** The numbers the webview shows, echoed to the host (log, tests). */
const renderedViewSchema = z.strictObject({
  settings: calibrationSettingsSchema,
  report: calibrationReportSchema,
  /** ECE of the diagram on screen (top-label or the chosen class, chosen bins). */
  viewEce: unit,
});
export type RenderedView = z.infer<typeof renderedViewSchema>;

const MAX_EXPORT_CHARS = 50_000_000;

const exportRequestSchema = z.strictObject({
  type: z.literal('export'),
  svg: svgMarkupSchema(MAX_EXPORT_CHARS),
  png: pngBase64Schema(MAX_EXPORT_CHARS),
  metrics: z.record(z.string(), z.unknown()),
});
export type ExportRequest = z.infer<typeof exportRequestSchema>;

const calibrationWebviewToHostSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('settings'), settings: calibrationSettingsSchema }),
  z.strictObject({ type: z.literal('rendered'), view: renderedViewSchema }),
  z.strictObject({ type: z.literal('reload') }),
  z.strictObject({ type: z.literal('readOptions'), read: predictionsReadOptionsSchema }),
  /** The Export… button: the host asks for the theme, then for the file. */
  z.strictObject({ type: z.literal('exportRequested') }),
  exportRequestSchema,
  z.strictObject({ type: z.literal('exportFailed'), message: z.string().max(MAX_MESSAGE_CHARS) }),
  logMessageSchema,
  /** Recalibrate…: fit by k-fold cross-validation off the extension host (bins: the panel's). */
  z.strictObject({
    type: z.literal('recalibrate'),
    method: z.enum(['temperature', 'histogram', 'isotonic']),
    folds: z.int().min(MIN_FOLDS).max(MAX_FOLDS),
  }),
  /** Export of the last fit: the calibrator JSON and the lines that apply it. */
  z.strictObject({ type: z.literal('exportCalibrator'), framework: z.enum(SNIPPET_FRAMEWORKS) }),
  z.strictObject({ type: z.literal('copySnippet'), framework: z.enum(SNIPPET_FRAMEWORKS) }),
  /** Compare with…: `pick` asks for the second file; otherwise the last one is compared again. */
  z.strictObject({
    type: z.literal('compare'),
    pick: z.boolean(),
    id: z.string().trim().min(1).max(200).optional(),
  }),
  z.strictObject({ type: z.literal('cancel'), job: z.enum(CALIBRATION_JOBS) }),
]);
export type MethodMatchesCore = Assert<
  Same<Extract<CalibrationWebviewToHost, { type: 'recalibrate' }>['method'], RecalibrationMethod>
>;
export type CalibrationWebviewToHost = z.infer<typeof calibrationWebviewToHostSchema>;

export function parseCalibrationWebviewMessage(value: unknown): Parsed<CalibrationWebviewToHost> {
  return parseWith(calibrationWebviewToHostSchema, value);
}

// ---------------------------------------------------------------- host → webview (trusted: types only)

/** How an exported figure is coloured: light (the default, for papers and slides) or as the panel is now. */
export type ExportTheme = 'light' | 'current';

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

export type HostToCalibrationWebview =
  | {
      type: 'load';
      file: FileInfo;
      predictions: PredictionsPayload;
      settings: CalibrationSettings;
      read: PredictionsReadOptions;
    }
  | { type: 'loading'; file: FileInfo }
  | { type: 'error'; file: FileInfo; message: string; read: PredictionsReadOptions }
  | { type: 'fileChanged' }
  /** The user chose how to colour the export: render it and send an ExportRequest. */
  | { type: 'renderExport'; theme: ExportTheme }
  | JobMessage;
