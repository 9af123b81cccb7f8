import * as tf from '../tf';
import { calibrationReport } from '../calibration';
import { useBackend } from './backend';
import { resolveTrainConfig, TrainConfig } from './config';
import { initialParameters, layerSizes } from './model';
import { planRuns } from './plan';
import { fitTemperature, softmaxWithTemperature } from './temperature';
import { RunOutcome, SharedTensors, trainRun } from './trainRun';
import type { RunReport, RunSpec, TrainEvent, TrainingData } from './types';

export interface ExperimentReport {
  dataset: {
    file: string;
    classNames: string[];
    featureNames: string[];
    rows: { train: number; validation: number; test: number };
  };
  schema?: unknown;
  config: TrainConfig;
  backend: string;
  runs: RunReport[];
}

export interface ExperimentHooks {
  onEvent?(event: TrainEvent): void;
  /** Where the wasm backend's .wasm files are. */
  wasmDir: string;
  /** Polled between epochs. */
  cancelled?: () => boolean;
  /**
   * Train only these runs (by name; a "+ TS" run needs its base run too). The others are skipped,
   * and the report holds only these, with the indices (runStart, baseRun) of the whole plan.
   */
  only?: readonly string[];
}

/**
 * Trains every run of the experiment from the same initial weights, in the same batch order, on
 * the same split, so that the runs differ by their loss alone.
 */
export async function runExperiment(
  data: TrainingData & { schema?: unknown },
  partialConfig: Partial<TrainConfig>,
  hooks: ExperimentHooks,
): Promise<ExperimentReport> {
  const config = resolveTrainConfig(partialConfig);
  checkData(data);
  const emit = (event: TrainEvent) => hooks.onEvent?.(event);
  const previousBackend = tf.getBackend();
  const backend = await useBackend(config.backend, hooks.wasmDir);
  emit({ type: 'backend', backend });

  const sizes = layerSizes(data.features, data.classes, config.model, config.hidden);
  const initial = initialParameters(sizes, config.seed);
  const tensors: SharedTensors = {
    xTrain: tf.tensor2d(data.train.x, [data.train.rows, data.features]),
    yTrain: tf.tidy(
      () => tf.cast(tf.oneHot(tf.tensor1d(data.train.y, 'int32'), data.classes), 'float32') as tf.Tensor2D,
    ),
    xValidation: tf.tensor2d(data.validation.x, [data.validation.rows, data.features]),
    xTest: tf.tensor2d(data.test.x, [data.test.rows, data.features]),
  };
  const specs = planRuns(config);
  const outcomes = new Map<string, RunOutcome>();
  const runs: RunReport[] = [];
  try {
    for (const [index, spec] of specs.entries()) {
      if (hooks.cancelled?.()) break;
      if (hooks.only && !hooks.only.includes(spec.name)) continue;
      emit({ type: 'runStart', run: spec.name, index, total: specs.length });
      let report: RunReport;
      if (spec.temperatureOf) {
        const baseRun = specs.findIndex((s) => s.name === spec.temperatureOf);
        report = temperatureScaled(spec, baseRun, outcomes.get(spec.temperatureOf), data);
      } else {
        const outcome = await trainRun(spec, {
          config,
          sizes,
          initial,
          tensors,
          validation: data.validation,
          test: data.test,
          classes: data.classes,
          onEpoch: (record) => emit({ type: 'epoch', run: spec.name, record, epochs: config.epochs }),
          cancelled: () => hooks.cancelled?.() ?? false,
        });
        outcomes.set(spec.name, outcome);
        report = outcome.report;
      }
      runs.push(report);
      emit({ type: 'runEnd', run: report });
    }
  } finally {
    tf.dispose(Object.values(tensors));
    // Leave tfjs as the caller had it.
    if (previousBackend && previousBackend !== backend) await tf.setBackend(previousBackend);
  }
  return {
    dataset: datasetInfo(data),
    ...(data.schema === undefined ? {} : { schema: data.schema }),
    config,
    backend,
    runs,
  };
}

/** What a report says of the data it was trained on. */
export function datasetInfo(data: TrainingData): ExperimentReport['dataset'] {
  return {
    file: data.file,
    classNames: data.classNames,
    featureNames: data.featureNames,
    rows: { train: data.train.rows, validation: data.validation.rows, test: data.test.rows },
  };
}

function temperatureScaled(
  spec: RunSpec,
  baseRun: number,
  base: RunOutcome | undefined,
  data: TrainingData,
): RunReport {
  const source = base?.report;
  const empty: RunReport = {
    name: spec.name,
    loss: source?.loss ?? 'ce',
    gamma: source?.gamma ?? null,
    threshold: source?.threshold ?? null,
    baseRun,
    status: 'failed',
    message: `${spec.temperatureOf} has no model to re-calibrate`,
    epochs: 0,
    history: [],
    test: null,
    predictions: null,
  };
  if (!base?.validationLogits || !base.testLogits || !source) return empty;
  const temperature = fitTemperature(base.validationLogits, data.validation.y, data.classes);
  const probs = softmaxWithTemperature(base.testLogits, data.test.rows, data.classes, temperature);
  return {
    ...empty,
    status: 'ok',
    message: undefined,
    temperature,
    epochs: source.epochs,
    test: calibrationReport({ data: probs, rows: data.test.rows, cols: data.classes }, data.test.y),
    predictions: { probs, labels: data.test.y },
  };
}

function checkData(data: TrainingData): void {
  for (const [name, split] of [
    ['train', data.train],
    ['validation', data.validation],
    ['test', data.test],
  ] as const) {
    if (split.rows < 1) throw new RangeError(`the ${name} split is empty`);
    if (split.x.length !== split.rows * data.features || split.y.length !== split.rows) {
      throw new RangeError(
        `the ${name} split holds ${split.x.length} values for ${split.rows} rows × ${data.features} features`,
      );
    }
  }
  if (data.classes < 2) throw new RangeError(`training needs at least 2 classes, got ${data.classes}`);
}
