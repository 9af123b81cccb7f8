/**
 * The training panel's channel: webview ⇄ host. What the webview sends, and the state it persists,
 * are parsed here with schemas, all the way down; what the host sends is typed only.
 */
import * as z from 'zod';
import { MAX_NOISE_RATE } from '../../core/data/labelNoise';
import { resolveTrainConfig, TrainConfig, TrainConfigError } from '../../core/train/config';
import { AnySetting, trainSettingEntries } from '../../core/train/settings';
import type { TrainEvent } from '../../core/train/types';
import { runViewSchema } from './runView';
import { StudyView, studyViewSchema } from './studyProtocol';
import {
  FileInfo,
  logMessageSchema,
  parseWith,
  Parsed,
  pngBase64Schema,
  svgMarkupSchema,
  uriSchema,
} from '../webviewProtocol';

export type { RunView } from './runView';
export type { StudyView } from './studyProtocol';

export const TRAINING_VIEW_TYPE = 'gammaCe.training';

/**
 * Types only, from the settings spec: the bounds are resolveTrainConfig's, checked when the user
 * presses Run, so that an out-of-range value comes back to the form as an error naming its field.
 */
function settingSchema(setting: AnySetting): z.ZodType {
  const base = (() => {
    switch (setting.kind) {
      case 'number':
        return z.number();
      case 'list':
        return z.array(z.number());
      case 'enum':
        return z.enum(setting.values as [string, ...string[]]);
      case 'enumList':
        return z.array(z.enum(setting.values as [string, ...string[]]));
      case 'boolean':
        return z.boolean();
    }
  })();
  const nullable = (setting.kind === 'number' || setting.kind === 'list') && setting.nullable;
  return (nullable ? base.nullable() : base).optional();
}

const trainConfigSchema = z.strictObject(
  Object.fromEntries(trainSettingEntries().map(([key, setting]) => [key, settingSchema(setting)])),
) as unknown as z.ZodType<Partial<TrainConfig>>;

/** What the webview's form sends when the user presses Run. */
export const trainingSetupSchema = z.strictObject({
  config: trainConfigSchema,
  /** Symmetric label noise on the training split. */
  noise: z.number().min(0).max(MAX_NOISE_RATE),
  /** Label column override (undefined: as inferred). */
  label: z.string().optional(),
  /** Per-column overrides: a feature column can be ignored, and vice versa. */
  ignored: z.array(z.string()).optional(),
});
export type TrainingSetup = z.infer<typeof trainingSetupSchema>;

const backendSchema = z.string().min(1).max(100);

export const trainingPanelStateSchema = z.strictObject({
  uri: uriSchema,
  setup: trainingSetupSchema,
  runs: z.array(runViewSchema).optional(),
  backend: backendSchema.optional(),
  /** The last seed study, when the last result was one. */
  study: studyViewSchema.optional(),
});
export type TrainingPanelState = z.infer<typeof trainingPanelStateSchema>;

/** Restored state may come from an older version, or be damaged: each part falls back to its default. */
const restoredStateSchema = z.object({
  uri: uriSchema,
  setup: trainingSetupSchema.optional().catch(undefined),
  runs: z.array(runViewSchema).catch(() => []),
  backend: backendSchema.optional().catch(undefined),
  study: studyViewSchema.optional().catch(undefined),
});

/** The state to revive a panel with (setup undefined: the user's defaults), or undefined when it names no file. */
export type RestoredTrainingPanel = z.infer<typeof restoredStateSchema>;

export function restoreTrainingPanelState(value: unknown): RestoredTrainingPanel | undefined {
  const parsed = restoredStateSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

const MAX_IMAGE_CHARS = 20_000_000;

const runImageSchema = z.strictObject({
  run: z.int().min(0),
  svg: svgMarkupSchema(MAX_IMAGE_CHARS),
  png: pngBase64Schema(MAX_IMAGE_CHARS),
});
export type RunImage = z.infer<typeof runImageSchema>;

/** γ and b of "Insert this loss", within the bounds resolveTrainConfig sets for them. */
const insertLossSchema = z
  .strictObject({ type: z.literal('insertLoss'), gamma: z.number(), threshold: z.number().nullable() })
  .superRefine((message, ctx) => {
    try {
      resolveTrainConfig({ gamma: message.gamma, threshold: message.threshold });
    } catch (error) {
      if (!(error instanceof TrainConfigError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message, path: [error.field] });
    }
  });

const trainingWebviewToHostSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('run'), setup: trainingSetupSchema }),
  z.strictObject({ type: z.literal('stop') }),
  z.strictObject({ type: z.literal('reloadDataset'), setup: trainingSetupSchema }),
  z.strictObject({ type: z.literal('export') }),
  z.strictObject({ type: z.literal('images'), images: z.array(runImageSchema).max(64) }),
  z.strictObject({ type: z.literal('openInCalibration'), run: z.int().min(0) }),
  /** "Choose another dataset…": the host asks which, and the panel takes it. */
  z.strictObject({ type: z.literal('chooseDataset') }),
  insertLossSchema,
  z.strictObject({ type: z.literal('state'), state: trainingPanelStateSchema }),
  logMessageSchema,
]);
export type TrainingWebviewToHost = z.infer<typeof trainingWebviewToHostSchema>;

export function parseTrainingWebviewMessage(value: unknown): Parsed<TrainingWebviewToHost> {
  return parseWith(trainingWebviewToHostSchema, value);
}

// ---------------------------------------------------------------- host → webview (trusted: types only)

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

export type HostToTrainingWebview =
  /** After the webview (re)starts: the state it last saved, as the host parsed it. */
  | { type: 'restore'; state: TrainingPanelState }
  | { type: 'datasetLoading'; file: FileInfo }
  | { type: 'dataset'; dataset: DatasetView; setup: TrainingSetup }
  /** With the setup, so that the form is filled in and usable for the next file. */
  | { type: 'datasetError'; file: FileInfo; message: string; setup?: TrainingSetup }
  | { type: 'setupError'; field: string; message: string }
  /** `study` for repeated seeds or a noise sweep: `runs` are then one seed's, `total` counts every run of every seed. */
  | { type: 'started'; runs: string[]; epochs: number; study?: StudyPlan }
  | { type: 'event'; event: TrainEvent }
  | { type: 'finished'; status: 'done' | 'cancelled' | 'failed'; message?: string }
  | { type: 'studyDone'; study: StudyView }
  | { type: 'exportImages' }
  | { type: 'exported'; folder: string };

export interface StudyPlan {
  seeds: number[];
  /** The rates of a noise sweep, else null. */
  noiseSweep: number[] | null;
  total: number;
}
