/**
 * A seed study as the training webview shows it and saves it in its state: the runs of every seed
 * (without predictions), the summaries, the method and the notes. Restored state is untrusted: the
 * schema checks it all the way down.
 */
import * as z from 'zod';
import { cleanEvaluationNote, evidenceSentences } from '../../core/stats/evidence';
import { INTERVAL_METHOD, StudySummary, TEST_METRICS, TestMetric } from '../../core/stats/summary';
import type { SeedStudyReport } from '../../core/train/seedStudy';
import { Assert, Same } from '../webviewProtocol';
import { runViewSchema } from './runView';

const estimate = z.number().nullable();
const count = z.int().min(0);

const metricSummarySchema = z.strictObject({ mean: estimate, sd: estimate, low: estimate, high: estimate, n: count });
const differenceSchema = z.strictObject({ mean: estimate, low: estimate, high: estimate, n: count });

const perMetric = <T extends z.ZodType>(schema: T) =>
  z.strictObject(Object.fromEntries(TEST_METRICS.map((m) => [m, schema])) as Record<TestMetric, T>);

const name = z.string().min(1).max(200);

export const studySummarySchema = z.strictObject({
  runs: z.record(name, perMetric(metricSummarySchema)),
  differences: z.record(name, z.strictObject({ vsCE: perMetric(differenceSchema) })),
});
export type SummaryMatchesCore = Assert<Same<z.infer<typeof studySummarySchema>, StudySummary>>;

const rate = z.number().min(0).max(1);

export const studyRunViewSchema = runViewSchema.extend({ seed: z.int().min(0), noise: rate.optional() });
export type StudyRunView = z.infer<typeof studyRunViewSchema>;

export const studyViewSchema = z.strictObject({
  seeds: z.array(z.int().min(0)).min(1).max(100),
  /** The training-label noise rate without a noise sweep. */
  noise: rate,
  reference: name.nullable(),
  /** How the intervals are made, in words. */
  method: z.string().max(1000),
  /** Why clean or noisy test labels matter here; null when noise was injected. */
  cleanNote: z.string().max(2000).nullable(),
  runs: z.array(studyRunViewSchema).max(10_000),
  summary: studySummarySchema.optional(),
  noiseSweep: z
    .array(z.strictObject({ noise: rate, summary: studySummarySchema }))
    .max(100)
    .optional(),
  /** One sentence per run on what the seeds support (without a noise sweep). */
  evidence: z.record(name, z.string().max(2000)).optional(),
});
export type StudyView = z.infer<typeof studyViewSchema>;

/** The study as the webview needs it: predictions left out, the method and the notes added. */
export function studyView(report: SeedStudyReport): StudyView {
  const noiseInjected = report.noiseSweep ? report.noiseSweep.every((p) => p.noise > 0) : report.noise > 0;
  return {
    seeds: report.seeds,
    noise: report.noise,
    reference: report.reference,
    method: INTERVAL_METHOD,
    cleanNote: noiseInjected ? null : cleanEvaluationNote(0),
    runs: report.runs.map(({ predictions: _predictions, ...run }) => run),
    ...(report.summary
      ? { summary: report.summary, evidence: evidenceSentences(report.summary, report.reference) }
      : {}),
    ...(report.noiseSweep ? { noiseSweep: report.noiseSweep } : {}),
  };
}
