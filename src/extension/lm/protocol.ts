/**
 * The language-model panel's channel: webview ⇄ host. What the webview sends, and the state it
 * persists, are parsed here with schemas; what the host sends is typed only.
 */
import * as z from 'zod';
import type { LmConfig } from '../../core/lm/config';
import type { LmHistoryPoint } from '../../core/lm/run';
import { logMessageSchema, parseWith, Parsed, uriSchema } from '../webviewProtocol';
import { LmRunView, lmReferenceSchema, lmRunViewSchema } from './runView';
import type { LmReference } from '../../core/lm/experiment';

export type { LmRunView } from './runView';

export const LM_VIEW_TYPE = 'gammaCe.lm';

const num = z.number().optional();

/**
 * The form as the user left it. Types only: resolveLmConfig checks the bounds when Run is pressed,
 * so that an out-of-range value comes back to the form as an error naming its field. An empty b
 * (threshold null) is γ-CE's closed form, any b TaiLr.
 */
export const lmSetupSchema = z.strictObject({
  gamma: num,
  threshold: z.number().nullable().optional(),
  schedule: z.enum(['constant', 'linear', 'cosine']).optional(),
  context: num,
  layers: num,
  dim: num,
  steps: num,
  batch: num,
  learningRate: num,
  seed: num,
  temperature: num,
  topK: num,
});
export type LmSetup = z.infer<typeof lmSetupSchema>;

/** Held-out points per run the panel's curves get, about. */
export const CURVE_POINTS = 30;

/**
 * The setup as the core's settings (still unchecked: resolveLmConfig checks them), with the
 * held-out text scored about CURVE_POINTS times over the steps.
 */
export function setupConfig(setup: LmSetup): Partial<LmConfig> {
  const { threshold, ...rest } = setup;
  const steps = setup.steps;
  const evalEvery =
    steps !== undefined && Number.isInteger(steps) && steps >= 1 ? Math.ceil(steps / CURVE_POINTS) : undefined;
  return {
    ...rest,
    ...(evalEvery === undefined ? {} : { evalEvery }),
    ...(threshold === undefined
      ? {}
      : threshold === null
        ? { objective: 'gamma-ce' }
        : { objective: 'tailr', threshold }),
  };
}

export const lmPanelStateSchema = z.strictObject({
  /** The text files the panel trains on (URIs), in the order chosen. */
  sources: z.array(uriSchema).min(1).max(100),
  setup: lmSetupSchema,
  runs: z.array(lmRunViewSchema).max(4).optional(),
  reference: lmReferenceSchema.optional(),
});
export type LmPanelState = z.infer<typeof lmPanelStateSchema>;

/** Restored state may come from an older version, or be damaged: each part falls back to its default. */
const restoredStateSchema = z.object({
  sources: z.array(uriSchema).min(1).max(100),
  setup: lmSetupSchema.catch({}),
  runs: z
    .array(lmRunViewSchema)
    .max(4)
    .optional()
    .catch(() => undefined),
  reference: lmReferenceSchema.optional().catch(undefined),
});

/** The state to revive a panel with, or undefined when it names no file. */
export function restoreLmPanelState(value: unknown): LmPanelState | undefined {
  const parsed = restoredStateSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const { runs, reference, ...rest } = parsed.data;
  return { ...rest, ...(runs ? { runs } : {}), ...(reference ? { reference } : {}) };
}

const lmWebviewToHostSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('run'), setup: lmSetupSchema }),
  z.strictObject({ type: z.literal('stop') }),
  /** A new context length: the files are checked again (one too small for it is named). */
  z.strictObject({ type: z.literal('checkText'), setup: lmSetupSchema }),
  z.strictObject({ type: z.literal('openInCalibration'), run: z.int().min(0).max(3) }),
  /** "Choose other text…": the host asks which, and the panel takes it. */
  z.strictObject({ type: z.literal('chooseText') }),
  z.strictObject({ type: z.literal('state'), state: lmPanelStateSchema }),
  logMessageSchema,
]);
export type LmWebviewToHost = z.infer<typeof lmWebviewToHostSchema>;

export function parseLmWebviewMessage(value: unknown): Parsed<LmWebviewToHost> {
  return parseWith(lmWebviewToHostSchema, value);
}

// ---------------------------------------------------------------- host → webview (trusted: types only)

/** The text the panel trains on, as the form shows it. */
export interface CorpusView {
  files: string[];
  trainChars: number;
  heldOutChars: number;
  vocabulary: number;
  heldOutFraction: number;
  unigramBitsPerChar: number;
}

export type HostToLmWebview =
  /** After the webview (re)starts: the state it last saved, as the host parsed it. */
  | { type: 'restore'; state: LmPanelState }
  /** `sources` are the files' URIs (what the webview saves), `files` their labels. */
  | { type: 'textLoading'; sources: string[]; files: string[] }
  | { type: 'text'; corpus: CorpusView }
  /** One message naming the file; the form stays usable. */
  | { type: 'textError'; message: string }
  | { type: 'setupError'; field: string; message: string }
  | { type: 'started'; runs: string[]; steps: number }
  | { type: 'point'; run: number; point: LmHistoryPoint }
  | { type: 'results'; runs: LmRunView[]; reference: LmReference; backend: string }
  | { type: 'finished'; status: 'done' | 'cancelled' | 'failed'; message?: string };
