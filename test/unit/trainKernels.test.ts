import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { dense } from '../../src/core/kernels/dense';
import { rowBatches } from '../../src/core/kernels/rowBatches';
import { seededRandom } from '../../src/core/random';
import { Adam } from '../../src/core/train/adam';
import { useBackend } from '../../src/core/train/backend';
import { batchGradients } from '../../src/core/train/backprop';
import { initialParameters, Mlp } from '../../src/core/train/model';
import { batchLossFor, objectiveFor } from '../../src/core/train/objectives';
import type { RunSpec } from '../../src/core/train/types';
import { assertClose, REPO } from './helpers';

const wasmDir = path.join(REPO, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');

function normals(length: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length }, () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
}

const specs: RunSpec[] = [
  { name: 'CE', loss: 'ce', gamma: 0, threshold: null },
  { name: 'γ-CE', loss: 'gamma-ce', gamma: 0.3, threshold: null },
  { name: 'TaiLr', loss: 'tailr', gamma: 0.5, threshold: 0.2 },
  { name: 'LS', loss: 'label-smoothing', gamma: null, threshold: null, smoothing: 0.1 },
  { name: 'focal', loss: 'focal', gamma: null, threshold: null, focalGamma: 2 },
];

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`training kernels on ${backend}`, () => {
    before(async () => assert.strictEqual(await useBackend(backend, wasmDir), backend));
    after(async () => useBackend('cpu', wasmDir));

    it('dense: a·b + bias (and ReLU) as tf.matMul, odd sizes included', () => {
      for (const [m, k, n] of [
        [1, 1, 1],
        [5, 3, 7],
        [9, 6, 4],
        [256, 32, 64],
        [10, 256, 64],
      ]) {
        tf.tidy(() => {
          const a = tf.tensor2d(normals(m * k, m), [m, k]);
          const b = tf.tensor2d(normals(k * n, k), [k, n]);
          const bias = tf.tensor1d(normals(n, n));
          const linear = tf.add(tf.matMul(a, b), bias);
          const tol = { rtol: 1e-5, atol: 1e-5 };
          assertClose(dense(a, b, bias).dataSync(), linear.dataSync(), tol, `${m}×${k}×${n}`);
          assertClose(dense(a, b, bias, true).dataSync(), tf.relu(linear).dataSync(), tol, `${m}×${k}×${n} relu`);
          assertClose(dense(a, b).dataSync(), tf.matMul(a, b).dataSync(), tol, `${m}×${k}×${n} no bias`);
          assert.deepStrictEqual(dense(a, b).shape, [m, n]);
        });
      }
    });

    it('rowBatches: the rows in the given order, cut into batches, the last one shorter', () => {
      tf.tidy(() => {
        const x = tf.tensor2d(
          Float32Array.from({ length: 7 * 3 }, (_, i) => i),
          [7, 3],
        );
        const order = [6, 0, 3, 2, 5, 1, 4];
        const batches = rowBatches(x, tf.tensor1d(order, 'int32'), 3);
        assert.deepStrictEqual(
          batches.map((b) => b.shape),
          [
            [3, 3],
            [3, 3],
            [1, 3],
          ],
        );
        const rows = batches.flatMap((b) => b.arraySync());
        assert.deepStrictEqual(
          rows,
          order.map((r) => [3 * r, 3 * r + 1, 3 * r + 2]),
        );
        const before = tf.memory().numTensors;
        assert.throws(() => rowBatches(x, tf.tensor1d([0, 7], 'int32'), 3), /row index 7 is not in \[0, 6\]/);
        assert.strictEqual(tf.memory().numTensors, before + 1, 'only the index tensor is new');
      });
    });

    it('Adam: one kernel step matches tf.train.adam over several steps, with transposed gradients and L2', () => {
      const shapes = [[3, 4], [4]];
      const l2 = [0.05, 0];
      const ours = shapes.map((s, i) => tf.variable(tf.tensor(normals(tf.util.sizeFromShape(s), 10 + i), s)));
      const theirs = shapes.map((s, i) => tf.variable(tf.tensor(normals(tf.util.sizeFromShape(s), 10 + i), s)));
      const adam = new Adam(ours, 0.01);
      const reference = tf.train.adam(0.01);
      for (let step = 0; step < 6; step++) {
        tf.tidy(() => {
          // Gradients of mixed scale, one exactly zero, as a real network produces.
          const grads = shapes.map((s, i) =>
            tf.mul(tf.tensor(normals(tf.util.sizeFromShape(s), 100 * step + i), s), i === 0 ? 1e-3 : 1),
          );
          const withL2 = grads.map((g, i) => tf.add(g, tf.mul(theirs[i], l2[i])));
          reference.applyGradients(theirs.map((v, i) => ({ name: v.name, tensor: withL2[i] })));
          adam.update([tf.transpose(grads[0]), grads[1]], { transposed: [true, false], l2 });
        });
        ours.forEach((v, i) =>
          assertClose(
            v.dataSync(),
            theirs[i].dataSync(),
            { rtol: 1e-5, atol: 1e-7 },
            `step ${step + 1}, parameter ${i}`,
          ),
        );
      }
      const before = tf.memory().numTensors;
      tf.tidy(() => adam.update([tf.zeros([4, 3]), tf.zeros([4])], { transposed: [true, false] }));
      assert.strictEqual(tf.memory().numTensors, before, 'a step leaves as many tensors as it found');
      adam.dispose();
      reference.dispose();
      tf.dispose([...ours, ...theirs]);
    });

    for (const sizes of [
      [5, 7, 6, 3],
      [5, 3],
    ]) {
      for (const spec of specs) {
        it(`hand-written backward pass = tf.grad, ${spec.name}, layers ${sizes.join('→')}`, () => {
          const model = new Mlp(sizes, initialParameters(sizes, 4));
          const rows = 9;
          const classes = sizes[sizes.length - 1];
          tf.tidy(() => {
            const x = tf.tensor2d(normals(rows * sizes[0], 8), [rows, sizes[0]]);
            const y = tf
              .oneHot(
                tf.tensor1d(
                  Array.from({ length: rows }, (_, i) => (i * 7) % classes),
                  'int32',
                ),
                classes,
              )
              .toFloat() as tf.Tensor2D;
            const gamma = spec.gamma ?? 0;
            const { sum, grads, transposed } = batchGradients(model, x, y, batchLossFor(spec, gamma));
            const objective = objectiveFor(spec, gamma);
            const expected = tf.variableGrads(() => objective(y, model.logits(x)), model.variables);
            assertClose(sum.dataSync()[0] / rows, expected.value.dataSync()[0], { rtol: 1e-5 }, 'loss');
            model.variables.forEach((v, i) => {
              const grad = transposed[i] ? tf.transpose(grads[i]) : grads[i];
              assertClose(
                grad.dataSync(),
                expected.grads[v.name].dataSync(),
                { rtol: 1e-4, atol: 1e-6 },
                `gradient ${i}`,
              );
            });
          });
          model.dispose();
        });
      }
    }
  });
}

describe('the kernels and losses without wasm', () => {
  it('load, register for cpu and wasm, and run on cpu without importing the wasm backend', () => {
    const out = path.join(REPO, 'out', 'src', 'core');
    const script = `
      const tf = require('@tensorflow/tfjs');
      tf.enableProdMode();
      const { gammaCrossEntropy } = require(${JSON.stringify(path.join(out, 'loss'))});
      require(${JSON.stringify(path.join(out, 'train', 'trainRun'))});
      const loss = gammaCrossEntropy(tf.tensor1d([1], 'int32'), tf.tensor2d([[0, 1]]), { gamma: 0.1 }).dataSync()[0];
      const wasmLoaded = Object.keys(require.cache).some((f) => f.includes('tfjs-backend-wasm'));
      const kernels = ['cpu', 'wasm'].map((b) => tf.getKernelsForBackend(b).filter((k) => k.kernelName.startsWith('GammaCe')).length);
      console.log(JSON.stringify({ backend: tf.getBackend(), wasmLoaded, kernels, finite: Number.isFinite(loss) }));`;
    const result = JSON.parse(
      execFileSync(process.execPath, ['-e', script], { cwd: REPO, encoding: 'utf8' }).trim().split('\n').pop()!,
    );
    assert.deepStrictEqual(result, { backend: 'cpu', wasmLoaded: false, kernels: [8, 8], finite: true });
  });
});
