import * as assert from 'assert';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import {
  DEFAULT_TRAIN_CONFIG,
  experimentReportJson,
  fitTemperature,
  gammaAt,
  planRuns,
  predictionsCsv,
  resolveTrainConfig,
  runExperiment,
  softmaxWithTemperature,
  temperedNll,
  TrainConfig,
  TrainEvent,
} from '../../src/core/train';
import { readPredictions } from '../../src/core/predictions';
import { calibrationReport } from '../../src/core/calibration';
import { seededRandom } from '../../src/core/random';
import { assertClose, REPO } from './helpers';
import { blobs } from './syntheticData';

const wasmDir = path.join(REPO, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
const quick: Partial<TrainConfig> = { epochs: 4, batchSize: 32, hidden: [16], learningRate: 0.01, seed: 3 };

describe('training configuration', () => {
  it('fills defaults', () => {
    assert.deepStrictEqual(resolveTrainConfig({}), DEFAULT_TRAIN_CONFIG);
    assert.strictEqual(resolveTrainConfig({ gamma: 0.8, epochs: undefined }).epochs, DEFAULT_TRAIN_CONFIG.epochs);
  });

  const bad: Array<[Partial<TrainConfig>, RegExp]> = [
    [{ gamma: 1.5 }, /gamma must be in \[0, 1\], got 1\.5/],
    [{ gamma: -0.1 }, /gamma must be in \[0, 1\]/],
    [{ gamma: NaN }, /gamma must be in \[0, 1\], got NaN/],
    [{ threshold: 2 }, /threshold must be in \[0, 1\]/],
    [{ sweep: [0, 1.2] }, /every γ of the sweep must be in \[0, 1\], got 1\.2/],
    [{ sweep: [0.1, 1e-7, 0.1] }, /the sweep lists γ = 0\.1 more than once/],
    [{ epochs: 0 }, /epochs must be a whole number from 1/],
    [{ epochs: 2.5 }, /epochs must be a whole number/],
    [{ batchSize: 0 }, /batchSize must be a whole number from 1/],
    [{ baselines: ['mixup' as 'ls'] }, /unknown baseline 'mixup'; use ls, focal or ts/],
    [{ learningRate: 0 }, /learning rate must be in \(0, 10\]/],
    [{ hidden: [] }, /hidden sizes must be whole numbers/],
    [{ model: 'cnn' as 'mlp' }, /model must be 'logreg' or 'mlp'/],
    [{ schedule: 'step' as 'linear' }, /schedule must be constant, linear or cosine/],
  ];
  for (const [partial, message] of bad) {
    it(`refuses ${JSON.stringify(partial)}`, () => assert.throws(() => resolveTrainConfig(partial), message));
  }
});

describe('γ schedules', () => {
  it('constant, linear from 0 to γ_max, cosine from 0 to γ_max', () => {
    assert.deepStrictEqual(
      [0, 1, 2, 3, 4].map((e) => gammaAt('constant', 0.5, e, 5)),
      [0.5, 0.5, 0.5, 0.5, 0.5],
    );
    assertClose(
      [0, 1, 2, 3, 4].map((e) => gammaAt('linear', 0.8, e, 5)),
      [0, 0.2, 0.4, 0.6, 0.8],
    );
    assertClose(
      [0, 1, 2, 3, 4].map((e) => gammaAt('cosine', 1, e, 5)),
      [0, (1 - Math.SQRT1_2) / 2, 0.5, (1 + Math.SQRT1_2) / 2, 1],
      { atol: 1e-15 },
    );
    assert.strictEqual(gammaAt('linear', 0.3, 0, 1), 0.3);
  });
});

describe('experiment plans', () => {
  it('compare: CE, the γ run, baselines, then + TS', () => {
    const names = planRuns(resolveTrainConfig({ gamma: 0.1, baselines: ['ts', 'ls', 'focal'] })).map((r) => r.name);
    assert.deepStrictEqual(names, [
      'CE',
      'γ-CE (γ=0.1)',
      'Label smoothing (ε=0.1)',
      'Focal (γ_f=2)',
      'CE + TS',
      'γ-CE (γ=0.1) + TS',
    ]);
    const tailr = planRuns(resolveTrainConfig({ gamma: 0.8, threshold: 0.2, schedule: 'linear' }));
    assert.deepStrictEqual(
      tailr.map((r) => [r.name, r.loss]),
      [
        ['CE', 'ce'],
        ['TaiLr (γ→0.8, linear, b=0.2)', 'tailr'],
      ],
    );
  });

  it('sweep: one run per γ', () => {
    const runs = planRuns(resolveTrainConfig({ sweep: [0, 0.1, 1] }));
    assert.deepStrictEqual(
      runs.map((r) => r.gamma),
      [0, 0.1, 1],
    );
  });
});

describe('temperature scaling', () => {
  it('finds the NLL minimiser (checked on a fine grid) and lowers the NLL of an over-confident model', () => {
    const random = seededRandom(5);
    const rows = 400;
    const classes = 4;
    const logits = new Float64Array(rows * classes);
    const labels = new Int32Array(rows);
    const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    // Scores z_k ~ N(0,1) + 1.5·1[k = y] have the Bayes posterior softmax(1.5·z); logits 6·z are over-confident.
    for (let i = 0; i < rows; i++) {
      labels[i] = Math.floor(random() * classes);
      for (let k = 0; k < classes; k++) logits[i * classes + k] = 6 * (normal() + (k === labels[i] ? 1.5 : 0));
    }
    const t = fitTemperature(logits, labels, classes);
    let bestT = 1;
    for (let logT = -3; logT <= 3; logT += 1e-3) {
      if (temperedNll(logits, labels, classes, Math.exp(logT)) < temperedNll(logits, labels, classes, bestT))
        bestT = Math.exp(logT);
    }
    assert.ok(Math.abs(Math.log(t) - Math.log(bestT)) < 2e-3, `T = ${t}, grid ${bestT}`);
    assert.ok(t > 1, `an over-confident model is cooled (T = ${t})`);
    assert.ok(temperedNll(logits, labels, classes, t) < temperedNll(logits, labels, classes, 1));
    const probs = softmaxWithTemperature(logits, rows, classes, t);
    assertClose(
      probs.slice(0, classes).reduce((a, b) => a + b, 0),
      1,
      { rtol: 1e-15 },
    );
  });
});

describe('runExperiment', function () {
  this.timeout(120_000);

  for (const backend of ['cpu', 'wasm'] as const) {
    it(`is deterministic: the same seed on ${backend} gives identical numbers`, async () => {
      const config = { ...quick, backend, baselines: ['ts' as const] };
      const a = await runExperiment(blobs(), config, { wasmDir });
      const b = await runExperiment(blobs(), config, { wasmDir });
      assert.strictEqual(a.backend, backend);
      assert.deepStrictEqual(experimentReportJson(a), experimentReportJson(b));
      const c = await runExperiment(blobs(), { ...config, seed: 4 }, { wasmDir });
      assert.notDeepStrictEqual(a.runs[0].history, c.runs[0].history);
    });
  }

  it('starts every run from the same weights and batches: γ = 0 in a sweep reproduces CE exactly', async () => {
    const compare = await runExperiment(blobs(), { ...quick, backend: 'cpu' }, { wasmDir });
    const sweep = await runExperiment(blobs(), { ...quick, backend: 'cpu', sweep: [0] }, { wasmDir });
    assert.deepStrictEqual(
      sweep.runs[0].history.map((h) => h.trainLoss),
      compare.runs[0].history.map((h) => h.trainLoss),
    );
    assert.notDeepStrictEqual(
      compare.runs[1].history.map((h) => h.trainLoss),
      compare.runs[0].history.map((h) => h.trainLoss),
    );
  });

  it('reports every epoch, the γ in force, and a test report plus predictions per run', async () => {
    const events: TrainEvent[] = [];
    const report = await runExperiment(
      blobs(),
      { ...quick, backend: 'cpu', schedule: 'linear', gamma: 0.6, baselines: ['ls', 'focal', 'ts'] },
      { wasmDir, onEvent: (e) => events.push(e) },
    );
    assert.deepStrictEqual(
      report.runs.map((r) => r.status),
      ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
    );
    const gammaRun = report.runs[1];
    assertClose(
      gammaRun.history.map((h) => h.gamma),
      [0, 0.2, 0.4, 0.6],
      { atol: 1e-15 },
    );
    for (const run of report.runs) {
      const preds = run.predictions!;
      assert.deepStrictEqual(
        run.test,
        calibrationReport({ data: preds.probs, rows: preds.labels.length, cols: 3 }, preds.labels),
      );
    }
    const epochs = events.filter((e) => e.type === 'epoch');
    assert.strictEqual(epochs.length, 4 * 4, 'four trained runs × four epochs');
    assert.ok(report.runs[4].temperature! > 0 && report.runs[4].name === 'CE + TS');
    assert.deepStrictEqual(events[0], { type: 'backend', backend: 'cpu' });
  });

  it('writes predictions the calibration panel reads back to the same report', async () => {
    const data = blobs();
    const report = await runExperiment(data, { ...quick, backend: 'cpu' }, { wasmDir });
    const run = report.runs[1];
    const csv = predictionsCsv(data.classNames, run.predictions!.probs, run.predictions!.labels);
    const read = readPredictions(csv, 'run.csv');
    assert.deepStrictEqual(calibrationReport(read.probs, read.labels), run.test);
  });

  it('does not grow the number of live tensors across epochs', async () => {
    const counts: number[] = [];
    const before = tf.memory().numTensors;
    await runExperiment(
      blobs(),
      { ...quick, epochs: 8, backend: 'cpu' },
      { wasmDir, onEvent: (e) => e.type === 'epoch' && counts.push(tf.memory().numTensors) },
    );
    assert.ok(
      counts.slice(1, 8).every((c) => c === counts[1]),
      `live tensors per epoch: ${counts}`,
    );
    assert.strictEqual(tf.memory().numTensors, before, 'everything is released at the end');
  });

  it('stops a diverging run with a message naming the epoch; the other runs continue', async () => {
    const data = blobs();
    data.train.x[0] = 3e38; // one absurd feature value: the logits overflow and the loss is not finite
    const report = await runExperiment(
      data,
      { ...quick, backend: 'cpu', learningRate: 5, baselines: ['ts'] },
      { wasmDir },
    );
    assert.deepStrictEqual(
      report.runs.map((r) => [r.name, r.status]),
      [
        ['CE', 'diverged'],
        ['γ-CE (γ=0.1)', 'diverged'],
        ['CE + TS', 'failed'],
        ['γ-CE (γ=0.1) + TS', 'failed'],
      ],
    );
    assert.match(
      report.runs[0].message!,
      /^CE diverged in epoch 1 \(training loss (NaN|Infinity)\); try a learning rate lower than 5$/,
    );
    assert.match(report.runs[2].message!, /^CE has no model to re-calibrate$/);
  });

  it('trains the focal baseline with γ_f < 1 without NaN where p rounds to 1', async () => {
    const report = await runExperiment(
      blobs({ spread: 0.3 }),
      {
        ...quick,
        model: 'logreg',
        learningRate: 0.5,
        epochs: 40,
        baselines: ['focal'],
        focalGamma: 0.5,
        backend: 'cpu',
      },
      { wasmDir },
    );
    const focal = report.runs.find((r) => r.loss === 'focal')!;
    assert.strictEqual(focal.status, 'ok', focal.message);
    assert.ok(focal.history.every((h) => Number.isFinite(h.trainLoss)));
  });

  it('keeps the best weights with early stopping', async () => {
    const report = await runExperiment(
      blobs(),
      { ...quick, epochs: 30, patience: 2, learningRate: 0.05, backend: 'cpu' },
      { wasmDir },
    );
    const ce = report.runs[0];
    assert.ok(ce.epochs < 30, `stopped early after ${ce.epochs} epochs`);
    const best = Math.min(...ce.history.map((h) => h.valNll));
    const bestEpoch = ce.history.find((h) => h.valNll === best)!;
    assert.strictEqual(ce.test!.nll, bestEpoch.testNll);
  });

  it('stops between epochs when cancelled', async () => {
    let epochs = 0;
    const report = await runExperiment(
      blobs(),
      { ...quick, epochs: 50, backend: 'cpu' },
      {
        wasmDir,
        onEvent: (e) => e.type === 'epoch' && epochs++,
        cancelled: () => epochs >= 3,
      },
    );
    assert.strictEqual(epochs, 3);
    assert.strictEqual(report.runs.length, 1);
  });
});
