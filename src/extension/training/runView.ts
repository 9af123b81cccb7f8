/** A run as the webview shows it: the parts of the core's run report it needs, checked on restore. */
import * as z from 'zod';
import type { RunReport } from '../../core/train/types';
import { calibrationReportSchema } from '../calibration/protocol';
import type { Assert, Same } from '../webviewProtocol';

export const unit = z.number().min(0).max(1);

const epochRecordSchema = z.strictObject({
  epoch: z.int().min(1),
  gamma: unit,
  trainLoss: z.number(),
  valAccuracy: unit,
  valNll: z.number().min(0),
  valEce: unit,
  testAccuracy: unit,
  testNll: z.number().min(0),
  testEce: unit,
});

/** A run as the webview needs it: everything but the test predictions. */
export const runViewSchema = z.strictObject({
  name: z.string().min(1).max(200),
  loss: z.enum(['ce', 'gamma-ce', 'tailr', 'label-smoothing', 'focal', 'gce', 'sce']),
  gamma: unit.nullable(),
  threshold: unit.nullable(),
  status: z.enum(['ok', 'diverged', 'failed']),
  message: z.string().optional(),
  /** The fitted temperature, for "… + TS" runs. */
  temperature: z.number().positive().optional(),
  /** For a temperature-scaled run: the index of the run it re-calibrates. */
  baseRun: z.int().min(0).optional(),
  epochs: z.int().min(0),
  history: z.array(epochRecordSchema),
  test: calibrationReportSchema.nullable(),
});
export type RunView = z.infer<typeof runViewSchema>;
export type RunViewMatchesCore = Assert<Same<RunView, Omit<RunReport, 'predictions'>>>;
