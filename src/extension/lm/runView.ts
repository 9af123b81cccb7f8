/** A language-model run and the held-out reference as the webview shows them, checked on restore. */
import * as z from 'zod';
import type { LmReference } from '../../core/lm/experiment';
import type { LmRunReport } from '../../core/lm/run';
import { reliabilityBinSchema } from '../calibration/protocol';
import type { Assert, Same } from '../webviewProtocol';

const unit = z.number().min(0).max(1);
const text = z.string().max(100_000);

const pointSchema = z.strictObject({
  step: z.int().min(1),
  trainLoss: z.number(),
  bitsPerChar: z.number().min(0),
  gamma: unit,
});

const metricsSchema = z.strictObject({
  bitsPerChar: z.number().min(0),
  perplexity: z.number().min(1),
  accuracy: unit,
  ece: unit,
  bins: z.array(reliabilityBinSchema).max(100),
  n: z.int().min(0),
});

const byOrder = z.record(z.string().max(3), unit);

export const repetitionSchema = z.strictObject({
  rep: byOrder,
  distinct: byOrder,
  samples: z.int().min(0),
  words: z.number().min(0),
});

export const lmRunViewSchema = z.strictObject({
  name: z.string().min(1).max(200),
  loss: z.enum(['ce', 'tailr', 'gamma-ce']),
  gamma: unit.nullable(),
  threshold: unit.nullable(),
  status: z.enum(['ok', 'cancelled', 'diverged']),
  message: z.string().max(10_000).optional(),
  steps: z.int().min(0),
  stepMs: z.number().min(0),
  history: z.array(pointSchema).max(100_000),
  test: metricsSchema.nullable(),
  prompts: z.array(text).max(20),
  samples: z.array(text).max(20),
  repetition: repetitionSchema.nullable(),
});
export type LmRunView = z.infer<typeof lmRunViewSchema>;
export type LmRunViewMatchesCore = Assert<Same<LmRunView, LmRunReport>>;

export const lmReferenceSchema = z.strictObject({
  unigramBitsPerChar: z.number().min(0),
  repetition: repetitionSchema,
});
export type LmReferenceMatchesCore = Assert<Same<z.infer<typeof lmReferenceSchema>, LmReference>>;
