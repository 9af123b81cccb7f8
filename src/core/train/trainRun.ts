import * as tf from '../tf';
import { calibrationReport, headlineMetrics } from '../calibration';
import { rowBatches } from '../kernels/rowBatches';
import { seededRandom } from '../random';
import { Adam } from './adam';
import { batchGradients } from './backprop';
import type { TrainConfig } from './config';
import { Mlp } from './model';
import { batchLossFor } from './objectives';
import { gammaAt } from './schedule';
import { softmaxWithTemperature } from './temperature';
import type { EpochRecord, RunReport, RunSpec, SplitData } from './types';

/** The tensors every run of an experiment shares, created once. */
export interface SharedTensors {
  xTrain: tf.Tensor2D;
  yTrain: tf.Tensor2D;
  xValidation: tf.Tensor2D;
  xTest: tf.Tensor2D;
}

export interface RunOutcome {
  report: RunReport;
  /** Final logits (row-major) on the validation and test splits, for temperature scaling. */
  validationLogits: Float32Array | null;
  testLogits: Float32Array | null;
}

export interface RunContext {
  config: TrainConfig;
  sizes: number[];
  initial: Float32Array[];
  tensors: SharedTensors;
  validation: SplitData;
  test: SplitData;
  classes: number;
  onEpoch(record: EpochRecord): void;
  /** Checked between epochs; true stops the run where it is. */
  cancelled(): boolean;
}

/** The epoch's order of the training rows: the same for every run with the same seed. */
export function epochPermutation(rows: number, seed: number, epoch: number): Int32Array {
  const random = seededRandom((seed + Math.imul(epoch + 1, 0x85ebca6b)) >>> 0);
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  for (let i = rows - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

export async function trainRun(spec: RunSpec, context: RunContext): Promise<RunOutcome> {
  const { config, tensors } = context;
  const model = new Mlp(context.sizes, context.initial);
  const optimizer = new Adam(model.variables, config.learningRate);
  const rows = tensors.xTrain.shape[0];
  const history: EpochRecord[] = [];
  let status: RunReport['status'] = 'ok';
  let message: string | undefined;
  let best: { nll: number; params: Float32Array[]; epoch: number } | undefined;
  // The last evaluation's logits: those of the final model unless an earlier best one is restored.
  let last: EpochLogits | undefined;
  try {
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      if (context.cancelled()) break;
      const gamma =
        spec.gamma === null ? 0 : gammaAt(spec.schedule ?? config.schedule, spec.gamma, epoch, config.epochs);
      const trainLoss = trainEpoch(model, optimizer, spec, gamma, epoch, context, rows);
      if (!Number.isFinite(trainLoss)) {
        status = 'diverged';
        message = `${spec.name} diverged in epoch ${epoch + 1} (training loss ${trainLoss}); try a learning rate lower than ${config.learningRate}`;
        break;
      }
      const evaluated = evaluate(model, context, epoch, spec.gamma === null ? null : gamma, trainLoss);
      const record = evaluated.record;
      last = evaluated.logits;
      history.push(record);
      context.onEpoch(record);
      if (config.patience > 0) {
        if (!best || record.valNll < best.nll) best = { nll: record.valNll, params: model.snapshot(), epoch };
        else if (epoch - best.epoch >= config.patience) break;
      }
      // Let the worker's or CLI's event loop breathe between epochs (messages, signals).
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (best && best.epoch !== history.length - 1) {
      model.restore(best.params);
      last = undefined;
    }
    if (status !== 'ok' || history.length === 0) {
      return {
        report: {
          ...base(spec),
          status: status === 'ok' ? 'failed' : status,
          message: message ?? 'cancelled before the first epoch',
          epochs: history.length,
          history,
          test: null,
          predictions: null,
        },
        validationLogits: null,
        testLogits: null,
      };
    }
    const validationLogits = last?.validation ?? logitsOf(model, tensors.xValidation);
    const testLogits = last?.test ?? logitsOf(model, tensors.xTest);
    const probs = softmaxWithTemperature(testLogits, context.test.rows, context.classes);
    const test = calibrationReport({ data: probs, rows: context.test.rows, cols: context.classes }, context.test.y);
    return {
      report: {
        ...base(spec),
        status,
        epochs: history.length,
        history,
        test,
        predictions: { probs, labels: context.test.y },
      },
      validationLogits,
      testLogits,
    };
  } finally {
    model.dispose();
    optimizer.dispose();
  }
}

/** One epoch of minibatch Adam; returns the mean training loss (with the weight-decay penalty). */
export function trainEpoch(
  model: Mlp,
  optimizer: Adam,
  spec: RunSpec,
  gamma: number,
  epoch: number,
  context: RunContext,
  rows: number,
): number {
  const { config, tensors } = context;
  const loss = batchLossFor(spec, gamma);
  const sizes: number[] = [];
  for (let start = 0; start < rows; start += config.batchSize) sizes.push(Math.min(config.batchSize, rows - start));
  // The epoch's batches, cut once: no slicing inside the loop.
  const [xBatches, yBatches] = tf.tidy(() => {
    const order = tf.tensor1d(epochPermutation(rows, config.seed, epoch), 'int32');
    return [rowBatches(tensors.xTrain, order, config.batchSize), rowBatches(tensors.yTrain, order, config.batchSize)];
  });
  const decay = model.variables.map((_, i) => (i % 2 === 0 ? config.weightDecay : 0));
  const batchSums = sizes.map((size, b) =>
    tf.tidy(() => {
      const { sum, grads, transposed } = batchGradients(model, xBatches[b], yBatches[b], loss);
      // The penalty's value, before the step; its gradient λ·W is added inside the Adam kernel.
      const total =
        config.weightDecay === 0 ? sum : tf.add(sum, tf.mul(weightPenalty(model), (config.weightDecay / 2) * size));
      optimizer.update(grads, { transposed, l2: decay });
      return total as tf.Scalar;
    }),
  );
  let total = 0;
  for (const s of batchSums) total += s.dataSync()[0];
  tf.dispose([...batchSums, ...xBatches, ...yBatches]);
  return total / rows;
}

function weightPenalty(model: Mlp): tf.Scalar {
  return tf.addN(model.weightMatrices().map((w) => tf.sum(tf.square(w)))) as tf.Scalar;
}

interface EpochLogits {
  validation: Float32Array;
  test: Float32Array;
}

function evaluate(
  model: Mlp,
  context: RunContext,
  epoch: number,
  gamma: number | null,
  trainLoss: number,
): { record: EpochRecord; logits: EpochLogits } {
  const logits = {
    validation: logitsOf(model, context.tensors.xValidation),
    test: logitsOf(model, context.tensors.xTest),
  };
  const metrics = (values: Float32Array, split: SplitData) => {
    const probs = softmaxWithTemperature(values, split.rows, context.classes);
    return headlineMetrics({ data: probs, rows: split.rows, cols: context.classes }, split.y);
  };
  const val = metrics(logits.validation, context.validation);
  const test = metrics(logits.test, context.test);
  const record: EpochRecord = {
    epoch: epoch + 1,
    gamma: gamma ?? 0,
    trainLoss,
    valAccuracy: val.accuracy,
    valNll: val.nll,
    valEce: val.ece,
    testAccuracy: test.accuracy,
    testNll: test.nll,
    testEce: test.ece,
  };
  return { record, logits };
}

function logitsOf(model: Mlp, x: tf.Tensor2D): Float32Array {
  // The tensor leaves tidy, not its values: tidy walks every element of a typed array it returns.
  const logits = tf.tidy(() => model.activations(x).pop()!);
  try {
    return (logits.dataSync() as Float32Array).slice();
  } finally {
    logits.dispose();
  }
}

function base(spec: RunSpec): Pick<RunReport, 'name' | 'loss' | 'gamma' | 'threshold'> {
  return { name: spec.name, loss: spec.loss, gamma: spec.gamma, threshold: spec.threshold };
}
