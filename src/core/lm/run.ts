import * as tf from '../tf';
import { gammaCrossEntropy, tailrLoss } from '../loss';
import { Adam } from '../train/adam';
import { gammaAt } from '../train/schedule';
import { BatchSampler } from './batches';
import type { LmConfig } from './config';
import type { Corpus } from './corpus';
import { heldOutMetrics, HeldOutMetrics, predictHeldOut, TokenPredictions } from './evaluate';
import { sample } from './generate';
import { repetitionStats, RepetitionStats } from './repetition';
import { initialWeights, Transformer, TransformerShape } from './transformer';

export interface LmRunSpec {
  name: string;
  loss: 'ce' | 'tailr' | 'gamma-ce';
  gamma: number | null;
  threshold: number | null;
}

export interface LmHistoryPoint {
  step: number;
  /** Mean training loss (the run's own objective) over the steps since the previous point. */
  trainLoss: number;
  /** Held-out bits/char at this step. */
  bitsPerChar: number;
  /** γ in force at this step (0 for CE). */
  gamma: number;
}

export interface LmRunReport extends LmRunSpec {
  status: 'ok' | 'cancelled' | 'diverged';
  message?: string;
  steps: number;
  /** Mean wall time of a training step, ms. */
  stepMs: number;
  history: LmHistoryPoint[];
  test: HeldOutMetrics | null;
  prompts: string[];
  samples: string[];
  repetition: RepetitionStats | null;
}

export interface LmRunOutcome {
  report: LmRunReport;
  predictions: TokenPredictions | null;
}

export interface LmRunHooks {
  onPoint?(point: LmHistoryPoint): void;
  /** Checked before every step: true ends the run there. */
  cancelled?(): boolean;
}

/** The two runs of an experiment: plain CE and the γ objective, from the same weights and batches. */
export function lmRunSpecs(config: LmConfig): LmRunSpec[] {
  const second: LmRunSpec =
    config.objective === 'tailr'
      ? { name: 'TaiLr', loss: 'tailr', gamma: config.gamma, threshold: config.threshold }
      : { name: 'γ-CE', loss: 'gamma-ce', gamma: config.gamma, threshold: null };
  return [{ name: 'CE', loss: 'ce', gamma: null, threshold: null }, second];
}

export function modelShape(config: LmConfig, vocab: number): TransformerShape {
  return { vocab, context: config.context, layers: config.layers, dim: config.dim, heads: config.heads };
}

/** The prompts of the samples: `promptLength` characters at evenly spaced places of the held-out text. */
export function samplePrompts(corpus: Corpus, config: LmConfig): Int32Array[] {
  const prompts: Int32Array[] = [];
  const all = corpus.heldOut.filter((p) => p.length >= config.promptLength);
  for (let i = 0; i < config.samples && all.length > 0; i++) {
    const part = all[i % all.length];
    const slots = Math.floor(config.samples / all.length) + 1;
    const start = Math.floor(((Math.floor(i / all.length) % slots) / slots) * (part.length - config.promptLength));
    prompts.push(part.slice(start, start + config.promptLength));
  }
  return prompts;
}

function lossOf(spec: LmRunSpec, gamma: number, targets: tf.Tensor1D, logits: tf.Tensor2D): tf.Scalar {
  if (spec.loss === 'ce') return gammaCrossEntropy(targets, logits, { gamma: 0, validateLabels: false }) as tf.Scalar;
  if (spec.loss === 'gamma-ce')
    return gammaCrossEntropy(targets, logits, { gamma, validateLabels: false }) as tf.Scalar;
  return tailrLoss(targets, logits, { gamma, threshold: spec.threshold ?? 0, validateLabels: false }) as tf.Scalar;
}

/** Trains one run, evaluates it on the held-out text and draws its samples. */
export async function trainLmRun(
  corpus: Corpus,
  config: LmConfig,
  spec: LmRunSpec,
  hooks: LmRunHooks = {},
): Promise<LmRunOutcome> {
  const shape = modelShape(config, corpus.vocabulary.size);
  const model = new Transformer(shape, initialWeights(shape, config.seed));
  const optimizer = new Adam(model.variables, config.learningRate);
  const sampler = new BatchSampler(corpus.train, config.context, config.seed);
  const history: LmHistoryPoint[] = [];
  let status: LmRunReport['status'] = 'ok';
  let message: string | undefined;
  let lossSum = 0;
  let lossSteps = 0;
  let step = 0;
  let trainMs = 0;
  try {
    for (; step < config.steps; step++) {
      if (hooks.cancelled?.()) {
        status = 'cancelled';
        break;
      }
      const gamma = spec.gamma === null ? 0 : gammaAt(config.schedule, spec.gamma, step, config.steps);
      const { inputs, targets } = sampler.next(config.batch);
      const started = Date.now();
      const loss = tf.tidy(() => {
        const ids = tf.tensor2d(inputs, [config.batch, config.context], 'int32');
        const labels = tf.tensor1d(targets, 'int32');
        const { value, grads } = tf.variableGrads(
          () => lossOf(spec, gamma, labels, model.logits(ids)),
          model.variables,
        );
        optimizer.update(model.variables.map((v) => grads[v.name]));
        return value.dataSync()[0];
      });
      trainMs += Date.now() - started;
      if (!Number.isFinite(loss)) {
        status = 'diverged';
        message = `${spec.name} diverged at step ${step + 1} (training loss ${loss}); try a learning rate lower than ${config.learningRate}`;
        break;
      }
      lossSum += loss;
      lossSteps++;
      if ((step + 1) % config.evalEvery === 0 || step + 1 === config.steps) {
        const bitsPerChar = heldOutMetrics(predictHeldOut(model, corpus.heldOut)).bitsPerChar;
        const point = { step: step + 1, trainLoss: lossSum / lossSteps, bitsPerChar, gamma };
        history.push(point);
        hooks.onPoint?.(point);
        lossSum = 0;
        lossSteps = 0;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    const report: LmRunReport = {
      ...spec,
      status,
      ...(message ? { message } : {}),
      steps: step,
      stepMs: step > 0 ? trainMs / step : 0,
      history,
      test: null,
      prompts: [],
      samples: [],
      repetition: null,
    };
    if (status !== 'ok') return { report, predictions: null };
    const predictions = predictHeldOut(model, corpus.heldOut);
    report.test = heldOutMetrics(predictions);
    const prompts = samplePrompts(corpus, config);
    report.prompts = prompts.map((p) => corpus.vocabulary.decode(p));
    report.samples = prompts.map((p, i) =>
      corpus.vocabulary.decode(
        sample(model, p, {
          length: config.sampleLength,
          temperature: config.temperature,
          topK: config.topK,
          seed: config.seed + i,
        }),
      ),
    );
    report.repetition = repetitionStats(report.samples);
    return { report, predictions };
  } finally {
    model.dispose();
    optimizer.dispose();
  }
}
