import type { TrainConfig } from './config';
import { datasetInfo, ExperimentHooks, ExperimentReport, runExperiment } from './experiment';
import type { SeedDataSource } from './seedData';
import { planStudy, SeedStudyReport, StudyRun, studyRun, studyReport } from './studyPlan';
import type { TrainEvent } from './types';

export type { SeedStudyReport, StudyRun } from './studyPlan';

export interface SeedStudyHooks extends ExperimentHooks {
  /** The training-label noise rate without a noise sweep; default 0. */
  noise?: number;
}

/**
 * The experiment for seeds seed, seed + 1, …, seed + seeds − 1 (at each noise rate of a sweep).
 * Seed s sets the initial weights, the batch order, the noise draw and, unless fixedSplit, the split;
 * within a seed every run starts from the same weights in the same batch order (runExperiment).
 * src/worker/pool runs the same draws on worker threads.
 */
export async function runSeedStudy(
  source: SeedDataSource,
  partialConfig: Partial<TrainConfig>,
  hooks: SeedStudyHooks,
): Promise<SeedStudyReport> {
  const plan = planStudy(partialConfig, hooks.noise);
  const { config } = plan;
  const runs: StudyRun[] = [];
  let first: { dataset: ExperimentReport['dataset']; schema?: unknown; backend: string } | undefined;
  for (const draw of plan.draws) {
    if (hooks.cancelled?.()) break;
    const data = source(draw);
    const onEvent = (event: TrainEvent) => {
      if (event.type === 'backend' && first) return;
      const tagged = config.noiseSweep ? { seed: draw.seed, noise: draw.noise } : { seed: draw.seed };
      hooks.onEvent?.(
        event.type === 'runStart'
          ? { ...event, index: draw.offset + event.index, total: plan.total, ...tagged }
          : event,
      );
    };
    const report = await runExperiment(
      data,
      { ...config, seed: draw.seed },
      { wasmDir: hooks.wasmDir, cancelled: hooks.cancelled, onEvent },
    );
    first ??= { dataset: datasetInfo(data), schema: data.schema, backend: report.backend };
    for (const run of report.runs) runs.push(studyRun(plan, draw, run));
  }
  if (!first) throw new RangeError('the study was cancelled before its first seed');
  return studyReport(plan, first, runs);
}
