import * as assert from 'assert';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { Adam } from '../../src/core/train/adam';
import { useBackend } from '../../src/core/train/backend';
import { resolveTrainConfig } from '../../src/core/train/config';
import { initialParameters, Mlp } from '../../src/core/train/model';
import { objectiveFor } from '../../src/core/train/objectives';
import { epochPermutation, RunContext, trainEpoch } from '../../src/core/train/trainRun';
import type { RunSpec } from '../../src/core/train/types';
import { assertClose, REPO } from './helpers';
import { blobs } from './syntheticData';

const wasmDir = path.join(REPO, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');

/** The textbook loop the fast epoch replaces: tfjs's tape, tf.train.adam, the penalty in the loss. */
function referenceEpoch(
  model: Mlp,
  optimizer: tf.Optimizer,
  spec: RunSpec,
  gamma: number,
  epoch: number,
  context: RunContext,
  rows: number,
): number {
  const { config, tensors } = context;
  const objective = objectiveFor(spec, gamma);
  const order = tf.tensor1d(epochPermutation(rows, config.seed, epoch), 'int32');
  let sum = 0;
  for (let start = 0; start < rows; start += config.batchSize) {
    const size = Math.min(config.batchSize, rows - start);
    const cost = optimizer.minimize(
      () => {
        const index = tf.slice(order, [start], [size]);
        const loss = objective(tf.gather(tensors.yTrain, index), model.logits(tf.gather(tensors.xTrain, index)));
        const penalty = tf.addN(model.weightMatrices().map((w) => tf.sum(tf.square(w))));
        return tf.add(loss, tf.mul(penalty, config.weightDecay / 2)) as tf.Scalar;
      },
      true,
      model.variables,
    )!;
    sum += cost.dataSync()[0] * size;
    cost.dispose();
  }
  order.dispose();
  return sum / rows;
}

const specs: RunSpec[] = [
  { name: 'CE', loss: 'ce', gamma: 0, threshold: null },
  { name: 'γ-CE', loss: 'gamma-ce', gamma: 0.1, threshold: null },
  { name: 'TaiLr', loss: 'tailr', gamma: 0.8, threshold: 0.2 },
  { name: 'LS', loss: 'label-smoothing', gamma: null, threshold: null, smoothing: 0.1 },
  { name: 'focal', loss: 'focal', gamma: null, threshold: null, focalGamma: 2 },
];

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`trainEpoch on ${backend}`, () => {
    before(async () => assert.strictEqual(await useBackend(backend, wasmDir), backend));
    after(async () => useBackend('cpu', wasmDir));

    for (const weightDecay of [0, 0.01]) {
      for (const spec of specs) {
        it(`takes the same Adam steps as tf.train.adam through the tape: ${spec.name}, weight decay ${weightDecay}`, () => {
          const data = blobs({ rows: 140, features: 5, classes: 3 });
          const rows = data.train.rows;
          const config = resolveTrainConfig({ batchSize: 16, learningRate: 0.01, hidden: [8], weightDecay, seed: 2 });
          const xTrain = tf.tensor2d(data.train.x, [rows, data.features]);
          const yTrain = tf.tidy(() =>
            tf.oneHot(tf.tensor1d(data.train.y, 'int32'), data.classes).toFloat(),
          ) as tf.Tensor2D;
          const context = { config, tensors: { xTrain, yTrain } } as unknown as RunContext;
          const sizes = [data.features, 8, data.classes];
          const fast = new Mlp(sizes, initialParameters(sizes, 1));
          const slow = new Mlp(sizes, initialParameters(sizes, 1));
          const adam = new Adam(fast.variables, config.learningRate);
          const reference = tf.train.adam(config.learningRate);
          // Float32 rounding differs between the two (float64 sums in the kernels), and Adam's first
          // steps, ±lr whatever the gradient's size, carry it on: agreement to a few 1e-6, not ulps.
          for (let epoch = 0; epoch < 3; epoch++) {
            const loss = trainEpoch(fast, adam, spec, spec.gamma ?? 0, epoch, context, rows);
            const expected = referenceEpoch(slow, reference, spec, spec.gamma ?? 0, epoch, context, rows);
            assertClose(loss, expected, { rtol: 1e-5 }, `epoch ${epoch + 1} loss`);
          }
          fast.variables.forEach((v, i) =>
            assertClose(v.dataSync(), slow.variables[i].dataSync(), { rtol: 2e-4, atol: 2e-5 }, `parameter ${i}`),
          );
          tf.dispose([xTrain, yTrain]);
          [fast, slow, adam, reference].forEach((x) => x.dispose());
        });
      }
    }
  });
}
