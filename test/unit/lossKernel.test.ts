import * as assert from 'assert';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { gammaCrossEntropy, Reduction, tailrLoss } from '../../src/core/loss';
import { softmaxLossOps } from '../../src/core/lossOps';
import { hasKernel } from '../../src/core/kernels/kernelIo';
import { SOFTMAX_LOSS } from '../../src/core/kernels/softmaxLoss';
import { useBackend } from '../../src/core/train/backend';
import { assertClose, flat, lossCases, LossCase, REPO, tinyLossCases } from './helpers';

const cases = lossCases();
const tinyCases = tinyLossCases();
const wasmDir = path.join(REPO, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
const reductions: Reduction[] = ['mean', 'sum', 'none'];

function kernelLoss(c: LossCase, labels: tf.Tensor, logits: tf.Tensor, reduction: Reduction): tf.Tensor {
  return c.loss === 'tailr'
    ? tailrLoss(labels, logits, { gamma: c.gamma, threshold: c.threshold!, reduction })
    : gammaCrossEntropy(labels, logits, { gamma: c.gamma, reduction });
}

function fallbackLoss(c: LossCase, labels: tf.Tensor, logits: tf.Tensor, reduction: Reduction): tf.Tensor {
  return softmaxLossOps(labels, logits, { kind: c.loss, gamma: c.gamma, threshold: c.threshold ?? 0, reduction });
}

/** Value and gradient; with reduction 'none' the upstream gradient is the vector 1, 2, …, N. */
function valueAndGrad(
  loss: (z: tf.Tensor) => tf.Tensor,
  logits: tf.Tensor2D,
  reduction: Reduction,
): [Float32Array, Float32Array] {
  const rowWeights = tf.range(1, logits.shape[0] + 1);
  const scalar = (z: tf.Tensor) => (reduction === 'none' ? tf.sum(tf.mul(loss(z), rowWeights)) : loss(z));
  return [loss(logits).dataSync() as Float32Array, tf.grad(scalar)(logits).dataSync() as Float32Array];
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`softmax loss kernel on ${backend}`, () => {
    before(async () => assert.strictEqual(await useBackend(backend, wasmDir), backend));
    after(async () => useBackend('cpu', wasmDir));

    it('is registered, so the public losses use it', () => assert.ok(hasKernel(SOFTMAX_LOSS)));

    for (const c of cases) {
      const title = `${c.loss} γ=${c.gamma}${c.threshold !== undefined ? ` b=${c.threshold}` : ''} on ${c.name} logits`;

      it(`${title}: matches the NumPy float64 reference to float32 rounding`, () => {
        tf.tidy(() => {
          const logits = tf.tensor2d(c.logits);
          const labels = tf.tensor1d(c.labels, 'int32');
          assertClose(
            kernelLoss(c, labels, logits, 'none').dataSync(),
            c.rows,
            { rtol: 2e-7, atol: 1e-12 },
            'per-row loss',
          );
          const grad = tf
            .grad((z: tf.Tensor) => kernelLoss(c, labels, z, 'mean'))(logits)
            .dataSync();
          assertClose(grad, flat(c.grad), { rtol: 2e-7, atol: 1e-12 }, 'gradient');
        });
      });

      it(`${title}: agrees with the tf-ops fallback for index and one-hot labels, every reduction`, () => {
        // The fallback works in float32: log(γ + (1−γ)p) has an absolute error of a few ulps of 1,
        // which the loss divides by 1 − γ.
        const valueTol = { rtol: 2e-5, atol: 1e-6 * (c.gamma < 1 ? 1 / (1 - c.gamma) : 1) };
        const gradTol = { rtol: 1e-4, atol: 1e-7 };
        tf.tidy(() => {
          const logits = tf.tensor2d(c.logits);
          const indices = tf.tensor1d(c.labels, 'int32');
          const onehot = tf.oneHot(indices, logits.shape[1]).toFloat();
          for (const labels of [indices, onehot]) {
            for (const reduction of reductions) {
              const what = `${labels.rank === 1 ? 'indices' : 'one-hot'}, ${reduction}`;
              const [kv, kg] = valueAndGrad((z) => kernelLoss(c, labels, z, reduction), logits, reduction);
              const [fv, fg] = valueAndGrad((z) => fallbackLoss(c, labels, z, reduction), logits, reduction);
              assertClose(kv, fv, valueTol, `value (${what})`);
              assert.ok(kg.every(Number.isFinite), `finite gradient (${what})`);
              assertClose(kg, fg, gradTol, `gradient (${what})`);
            }
          }
        });
      });
    }

    for (const c of tinyCases) {
      const title = `${c.loss} γ=${c.gamma}${c.threshold !== undefined ? ` b=${c.threshold}` : ''} on ${c.name} logits`;
      it(`${title}: every per-row loss, down to 1e-37, to float32 relative precision (mpmath reference)`, () => {
        tf.tidy(() => {
          const logits = tf.tensor2d(c.logits);
          const indices = tf.tensor1d(c.labels, 'int32');
          const onehot = tf.oneHot(indices, logits.shape[1]).toFloat();
          for (const labels of [indices, onehot]) {
            const what = labels.rank === 1 ? 'indices' : 'one-hot';
            assertClose(
              kernelLoss(c, labels, logits, 'none').dataSync(),
              c.rows,
              { rtol: 2e-7 },
              `kernel per-row loss (${what})`,
            );
            // float32 arithmetic throughout: a few ulps.
            assertClose(
              fallbackLoss(c, labels, logits, 'none').dataSync(),
              c.rows,
              { rtol: 1e-6 },
              `tf-ops per-row loss (${what})`,
            );
            const grad = tf
              .grad((z: tf.Tensor) => kernelLoss(c, labels, z, 'mean'))(logits)
              .dataSync();
            assertClose(grad, flat(c.grad), { rtol: 2e-7 }, `kernel gradient (${what})`);
            const fallbackGrad = tf
              .grad((z: tf.Tensor) => fallbackLoss(c, labels, z, 'mean'))(logits)
              .dataSync();
            assertClose(fallbackGrad, flat(c.grad), { rtol: 1e-5, atol: 1e-7 }, `tf-ops gradient (${what})`);
          }
        });
      });
    }

    it('falls back to tf ops where the backend has no kernel', () => {
      const config = tf.getKernel(SOFTMAX_LOSS, backend);
      tf.unregisterKernel(SOFTMAX_LOSS, backend);
      try {
        assert.ok(!hasKernel(SOFTMAX_LOSS));
        tf.tidy(() => {
          const c = cases.find((k) => k.name === 'random' && k.gamma === 0.1)!;
          const logits = tf.tensor2d(c.logits);
          const labels = tf.tensor1d(c.labels, 'int32');
          assertClose(kernelLoss(c, labels, logits, 'none').dataSync(), c.rows, { rtol: 2e-5, atol: 1e-6 });
        });
      } finally {
        tf.registerKernel(config);
      }
      assert.ok(hasKernel(SOFTMAX_LOSS));
    });

    it('leaks no tensors with the kernel, forward and backward, every reduction', () => {
      const z = tf.tensor2d([
        [1, 2, 3],
        [0, -1, 4],
      ]);
      const y = tf.tensor1d([2, 0], 'int32');
      const before = tf.memory().numTensors;
      for (const reduction of reductions) {
        tf.tidy(() => valueAndGrad((x) => gammaCrossEntropy(y, x, { gamma: 0.3, reduction }), z, reduction));
        gammaCrossEntropy(y, z, { gamma: 0.3, reduction }).dispose();
      }
      assert.strictEqual(tf.memory().numTensors, before);
      tf.dispose([z, y]);
    });
  });
}
