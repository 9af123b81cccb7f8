import { evidenceSentences } from '../stats/evidence';
import { INTERVAL_METHOD, StudySummary, summariseSeeds } from '../stats/summary';
import { resolveTrainConfig, TrainConfig } from './config';
import { datasetInfo, ExperimentHooks, ExperimentReport, runExperiment } from './experiment';
import { planRuns } from './plan';
import type { SeedDataSource } from './seedData';
import type { RunReport, RunSpec, TrainEvent } from './types';

/** One run of one seed (and, in a noise sweep, one noise rate). */
export type StudyRun = RunReport & { seed: number; noise?: number };

export interface SeedStudyReport {
  dataset: ExperimentReport['dataset'];
  schema?: unknown;
  config: TrainConfig;
  backend: string;
  seeds: number[];
  /** The training-label noise rate (each rate of config.noiseSweep instead, when set). */
  noise: number;
  /** The run the differences are taken against: CE (γ = 0 in a γ sweep); null when there is none. */
  reference: string | null;
  runs: StudyRun[];
  /** Without a noise sweep. */
  summary?: StudySummary;
  noiseSweep?: Array<{ noise: number; summary: StudySummary }>;
}

export interface SeedStudyHooks extends ExperimentHooks {
  /** The training-label noise rate without a noise sweep; default 0. */
  noise?: number;
}

/** Whether a configuration asks for a study (repeated seeds or a noise sweep) rather than one experiment. */
export function isSeedStudy(config: Pick<TrainConfig, 'seeds' | 'noiseSweep'>): boolean {
  return config.seeds > 1 || config.noiseSweep !== null;
}

/**
 * The experiment for seeds seed, seed + 1, …, seed + seeds − 1 (at each noise rate of a sweep).
 * Seed s sets the initial weights, the batch order, the noise draw and, unless fixedSplit, the split;
 * within a seed every run starts from the same weights in the same batch order (runExperiment).
 */
export async function runSeedStudy(
  source: SeedDataSource,
  partialConfig: Partial<TrainConfig>,
  hooks: SeedStudyHooks,
): Promise<SeedStudyReport> {
  const config = resolveTrainConfig(partialConfig);
  const seeds = Array.from({ length: config.seeds }, (_, i) => config.seed + i);
  const noises = config.noiseSweep ?? [hooks.noise ?? 0];
  const specs = planRuns(config);
  const reference = referenceRun(specs);
  const total = noises.length * seeds.length * specs.length;
  const runs: StudyRun[] = [];
  let first: { data: ReturnType<SeedDataSource>; backend: string } | undefined;
  let done = 0;
  for (const noise of noises) {
    for (const seed of seeds) {
      if (hooks.cancelled?.()) break;
      const data = source({ seed, splitSeed: config.fixedSplit ? config.seed : seed, noise });
      const offset = done;
      const onEvent = (event: TrainEvent) => {
        if (event.type === 'backend' && first) return;
        const tagged = config.noiseSweep ? { seed, noise } : { seed };
        hooks.onEvent?.(
          event.type === 'runStart' ? { ...event, index: offset + event.index, total, ...tagged } : event,
        );
      };
      const report = await runExperiment(
        data,
        { ...config, seed },
        { wasmDir: hooks.wasmDir, cancelled: hooks.cancelled, onEvent },
      );
      first ??= { data, backend: report.backend };
      for (const run of report.runs) runs.push(config.noiseSweep ? { ...run, seed, noise } : { ...run, seed });
      done += specs.length;
    }
  }
  if (!first) throw new RangeError('the study was cancelled before its first seed');
  const { data } = first;
  const summaryAt = (noise?: number) =>
    summariseSeeds(
      runs.filter((r) => r.noise === noise),
      reference,
    );
  return {
    dataset: datasetInfo(data),
    ...(data.schema === undefined ? {} : { schema: data.schema }),
    config,
    backend: first.backend,
    seeds,
    noise: noises[0],
    reference,
    runs,
    ...(config.noiseSweep
      ? { noiseSweep: config.noiseSweep.map((noise) => ({ noise, summary: summaryAt(noise) })) }
      : { summary: summaryAt(undefined) }),
  };
}

/** The report as JSON (`gamma-ce train --seeds N --json`): predictions left out, the method and the evidence added. */
export function seedStudyJson(report: SeedStudyReport): object {
  const { noise, ...rest } = report;
  return {
    ...rest,
    ...(report.noiseSweep ? {} : { noise }),
    runs: report.runs.map(({ predictions: _predictions, ...run }) => run),
    intervals: INTERVAL_METHOD,
    ...(report.summary ? { evidence: evidenceSentences(report.summary, report.reference) } : {}),
  };
}

function referenceRun(specs: RunSpec[]): string | null {
  // γ = 0 is exactly CE, whatever the schedule.
  const ce = specs.find((s) => !s.temperatureOf && (s.loss === 'ce' || (s.loss === 'gamma-ce' && s.gamma === 0)));
  return ce?.name ?? null;
}
