import type { CalibrationReport } from '../calibration';
import { studentTQuantile } from './studentT';

/** The test metrics summarised over seeds. */
export const TEST_METRICS = ['accuracy', 'ece', 'mce', 'adaptiveEce', 'nll', 'brier'] as const;
export type TestMetric = (typeof TEST_METRICS)[number];

/** How the intervals are made, for reports. */
export const INTERVAL_METHOD =
  '95 % Student t intervals over seeds (mean ± t(0.975, n − 1)·sd/√n); differences paired by seed';

/** Mean, sample sd (n − 1) and 95 % Student t interval of one metric; null where n is too small. */
export interface MetricSummary {
  mean: number | null;
  sd: number | null;
  low: number | null;
  high: number | null;
  n: number;
}

export interface DifferenceSummary {
  mean: number | null;
  low: number | null;
  high: number | null;
  n: number;
}

export interface StudySummary {
  runs: Record<string, Record<TestMetric, MetricSummary>>;
  differences: Record<string, { vsCE: Record<TestMetric, DifferenceSummary> }>;
}

/** One trained run of one seed, as the summary reads it. */
export interface SeedRun {
  name: string;
  seed: number;
  test: CalibrationReport | null;
}

/** Mean, sd and the 95 % Student t interval of values; sd and interval need two values. */
export function meanInterval(values: readonly number[]): MetricSummary {
  const n = values.length;
  if (n === 0) return { mean: null, sd: null, low: null, high: null, n };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n === 1) return { mean, sd: null, low: null, high: null, n };
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) * (v - mean), 0) / (n - 1));
  const half = studentTQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
  return { mean, sd, low: mean - half, high: mean + half, n };
}

/** Whether a difference's interval lies wholly on one side of 0. */
export function excludesZero(d: DifferenceSummary): boolean {
  return d.low !== null && d.high !== null && (d.low > 0 || d.high < 0);
}

/**
 * Per run and metric over its seeds (failed runs of a seed left out), and per run the paired
 * differences run − reference over the seeds where both have a test report. No reference run, no
 * differences.
 */
export function summariseSeeds(runs: readonly SeedRun[], reference: string | null): StudySummary {
  const byName = new Map<string, Map<number, CalibrationReport>>();
  for (const run of runs) {
    if (!byName.has(run.name)) byName.set(run.name, new Map());
    if (run.test) byName.get(run.name)!.set(run.seed, run.test);
  }
  const summary: StudySummary = { runs: {}, differences: {} };
  for (const [name, tests] of byName) {
    summary.runs[name] = perMetric((metric) => meanInterval([...tests.values()].map((t) => t[metric])));
  }
  const base = reference === null ? undefined : byName.get(reference);
  if (!base) return summary;
  for (const [name, tests] of byName) {
    if (name === reference) continue;
    const paired = [...tests].filter(([seed]) => base.has(seed));
    summary.differences[name] = {
      vsCE: perMetric((metric) => {
        const { mean, low, high, n } = meanInterval(paired.map(([seed, t]) => t[metric] - base.get(seed)![metric]));
        return { mean, low, high, n };
      }),
    };
  }
  return summary;
}

/** The seed whose value of the metric is the median for the run (the lower one of an even count). */
export function medianSeed(runs: readonly SeedRun[], name: string, metric: TestMetric = 'ece'): number | null {
  const scored = runs.filter((r) => r.name === name && r.test).map((r) => ({ seed: r.seed, value: r.test![metric] }));
  if (scored.length === 0) return null;
  scored.sort((a, b) => a.value - b.value || a.seed - b.seed);
  return scored[Math.floor((scored.length - 1) / 2)].seed;
}

function perMetric<T>(of: (metric: TestMetric) => T): Record<TestMetric, T> {
  return Object.fromEntries(TEST_METRICS.map((m) => [m, of(m)])) as Record<TestMetric, T>;
}
