import type { EncodedDataset } from '../data/dataset';
import { checkExportableFormat } from './exportFormats';
import { studentTQuantile } from '../stats/studentT';
import { INTERVAL_METHOD } from '../stats/summary';
import { predictionsFileName } from '../reports/runFolder';
import type { TrainConfig } from '../train/config';
import { planRuns } from '../train/plan';
import { slug } from '../train/slug';
import type { RunSpec } from '../train/types';
import { initialParameters, layerSizes } from '../train/initialWeights';

/** One experiment of the export: a seed (and noise rate) with the data it trains on. */
export interface ExportDraw {
  seed: number;
  splitSeed: number;
  noise: number;
  data: EncodedDataset;
}

export interface TorchProjectInput {
  /** Resolved (resolveTrainConfig). */
  config: TrainConfig;
  /** In the order the lab trains them: per noise rate, per seed. */
  draws: ExportDraw[];
  dataset: {
    /** Where train.py finds the file: relative to the project folder when possible. */
    path: string;
    /** Its size at the export, so that train.py notices a changed file. */
    bytes?: number;
  };
}

/**
 * A seed study (seeds > 1 or a noise sweep), as seedStudy.ts's isSeedStudy, which comes with tfjs:
 * its runs are tagged with their seed and its report is shaped as a study's.
 */
function isStudy(config: TrainConfig): boolean {
  return config.seeds > 1 || config.noiseSweep !== null;
}

export function exportLayerSizes(config: TrainConfig, data: EncodedDataset): number[] {
  return layerSizes(data.features, data.classes, config.model, config.hidden);
}

/** weights/seed-S.json: the shapes and float32 values of W1, b1, W2, b2, … (each value exact). */
export function weightsJson(config: TrainConfig, data: EncodedDataset, seed: number): string {
  const sizes = exportLayerSizes(config, data);
  const values = initialParameters(sizes, seed);
  const shapes = values.map((_, i) => (i % 2 === 0 ? [sizes[i / 2], sizes[i / 2 + 1]] : [sizes[(i + 1) / 2]]));
  return `${JSON.stringify({ seed, sizes, shapes, values: values.map((v) => Array.from(v)) })}\n`;
}

export function weightsFileName(seed: number): string {
  return `weights/seed-${seed}.json`;
}

/** config.json: everything train.py needs besides the dataset file and the weights. */
export function projectConfig(input: TorchProjectInput): object {
  const { config, draws } = input;
  const study = isStudy(config);
  if (draws.length === 0) throw new RangeError('an export needs at least one seed');
  const first = draws[0].data;
  checkExportableFormat(first.file, first.summary.format);
  const runs = planRuns(config);
  const splits = new Map<number, object>();
  for (const { splitSeed, data } of draws) {
    if (splits.has(splitSeed)) continue;
    splits.set(splitSeed, {
      seed: splitSeed,
      rows: {
        train: Array.from(data.train.sourceRows),
        validation: Array.from(data.validation.sourceRows),
        test: Array.from(data.test.sourceRows),
      },
      transforms: data.transforms,
    });
  }
  return {
    generator: 'γ-CE Lab (gamma-ce train --export-torch)',
    dataset: {
      path: input.dataset.path,
      file: first.file,
      format: first.summary.format,
      ...(first.summary.delimiter !== undefined ? { delimiter: first.summary.delimiter } : {}),
      ...(input.dataset.bytes !== undefined ? { bytes: input.dataset.bytes } : {}),
    },
    schema: first.schema,
    train: config,
    runs,
    splits: [...splits.values()],
    experiments: draws.map((draw) => experimentEntry(draw, runs, config, study)),
    report: reportBase(input, runs),
    ...(study ? { study: studyStatistics(config) } : {}),
  };
}

/** What gce_summary.py needs to summarise a study as summary.ts does: t(0.975, df) by df, and the method's text. */
function studyStatistics(config: TrainConfig): object {
  const seeds = config.seeds;
  return {
    studentT975: Array.from({ length: seeds }, (_, df) => (df === 0 ? null : studentTQuantile(0.975, df))),
    intervals: INTERVAL_METHOD,
  };
}

function experimentEntry(draw: ExportDraw, runs: RunSpec[], config: TrainConfig, study: boolean): object {
  const { seed, splitSeed, noise, data } = draw;
  const tags = !study ? {} : config.noiseSweep ? { seed, noise } : { seed };
  const suffix = !study ? '' : `${config.noiseSweep ? ` noise ${noise}` : ''} seed ${seed}`;
  return {
    seed,
    splitSeed,
    noise,
    tags,
    weights: weightsFileName(seed),
    files: runs.map((run) => (suffix ? `predictions-${slug(`${run.name}${suffix}`)}.csv` : predictionsFileName(run))),
    ...(noise > 0 ? { trainLabels: Array.from(data.train.y) } : {}),
  };
}

/** What report.json holds besides the backend and the runs: as `gamma-ce train --json` writes it. */
function reportBase(input: TorchProjectInput, runs: RunSpec[]): object {
  const { config, draws } = input;
  const data = draws[0].data;
  const base = {
    dataset: {
      file: data.file,
      classNames: data.classNames,
      featureNames: data.featureNames,
      rows: { train: data.train.rows, validation: data.validation.rows, test: data.test.rows },
    },
    schema: data.schema,
    config,
  };
  if (!isStudy(config)) return base;
  const seeds = [...new Set(draws.map((d) => d.seed))];
  const reference = runs.find((s) => !s.temperatureOf && (s.loss === 'ce' || (s.loss === 'gamma-ce' && s.gamma === 0)));
  return {
    ...base,
    seeds,
    ...(config.noiseSweep ? {} : { noise: draws[0].noise }),
    reference: reference?.name ?? null,
  };
}
