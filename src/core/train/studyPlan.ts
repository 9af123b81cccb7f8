import { evidenceSentences } from '../stats/evidence';
import { INTERVAL_METHOD, StudySummary, summariseSeeds } from '../stats/summary';
import { resolveTrainConfig, TrainConfig } from './config';
import { planRuns } from './plan';
import type { SeedDraw } from './seedData';
import type { RunReport, RunSpec } from './types';

export { INTERVAL_METHOD };

/** One run of one seed (and, in a noise sweep, one noise rate). */
export type StudyRun = RunReport & { seed: number; noise?: number };

/** What a report says of the data it was trained on. */
export interface DatasetInfo {
  file: string;
  classNames: string[];
  featureNames: string[];
  rows: { train: number; validation: number; test: number };
}

export interface SeedStudyReport {
  dataset: DatasetInfo;
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

/** One (noise, seed) experiment of a study; offset is the index of its first run among all the study's runs. */
export type StudyDraw = SeedDraw & { offset: number };

export interface StudyPlan {
  config: TrainConfig;
  seeds: number[];
  noises: number[];
  specs: RunSpec[];
  reference: string | null;
  /** Runs of all seeds and noise rates. */
  total: number;
  /** In report order: noise rates, then seeds. */
  draws: StudyDraw[];
}

/** The seeds seed, seed + 1, …, seed + seeds − 1 at each noise rate of a sweep (or at `noise`). Throws TrainConfigError. */
export function planStudy(partialConfig: Partial<TrainConfig>, noise = 0): StudyPlan {
  const config = resolveTrainConfig(partialConfig);
  const seeds = Array.from({ length: config.seeds }, (_, i) => config.seed + i);
  const noises = config.noiseSweep ?? [noise];
  const specs = planRuns(config);
  const draws = noises.flatMap((rate, n) =>
    seeds.map((seed, s) => ({
      seed,
      splitSeed: config.fixedSplit ? config.seed : seed,
      noise: rate,
      offset: (n * seeds.length + s) * specs.length,
    })),
  );
  return {
    config,
    seeds,
    noises,
    specs,
    reference: referenceRun(specs),
    total: draws.length * specs.length,
    draws,
  };
}

/** A draw's run as the study reports it: tagged with its seed (and noise rate, in a sweep). */
export function studyRun(plan: StudyPlan, draw: SeedDraw, run: RunReport): StudyRun {
  return plan.config.noiseSweep ? { ...run, seed: draw.seed, noise: draw.noise } : { ...run, seed: draw.seed };
}

/** The report of the study's runs (in plan order), with the dataset and backend of its first draw. */
export function studyReport(
  plan: StudyPlan,
  first: { dataset: DatasetInfo; schema?: unknown; backend: string },
  runs: StudyRun[],
): SeedStudyReport {
  const { config, reference } = plan;
  const summaryAt = (noise?: number) =>
    summariseSeeds(
      runs.filter((r) => r.noise === noise),
      reference,
    );
  return {
    dataset: first.dataset,
    ...(first.schema === undefined ? {} : { schema: first.schema }),
    config,
    backend: first.backend,
    seeds: plan.seeds,
    noise: plan.noises[0],
    reference,
    runs,
    ...(config.noiseSweep
      ? { noiseSweep: config.noiseSweep.map((noise) => ({ noise, summary: summaryAt(noise) })) }
      : { summary: summaryAt(undefined) }),
  };
}

function referenceRun(specs: RunSpec[]): string | null {
  // γ = 0 is exactly CE, whatever the schedule.
  const ce = specs.find((s) => !s.temperatureOf && (s.loss === 'ce' || (s.loss === 'gamma-ce' && s.gamma === 0)));
  return ce?.name ?? null;
}

/** Whether a configuration asks for a study (repeated seeds or a noise sweep) rather than one experiment. */
export function isSeedStudy(config: Pick<TrainConfig, 'seeds' | 'noiseSweep'>): boolean {
  return config.seeds > 1 || config.noiseSweep !== null;
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
