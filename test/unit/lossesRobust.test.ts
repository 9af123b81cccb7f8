import * as assert from 'assert';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { gammaCrossEntropy, Reduction, tailrLoss } from '../../src/core/loss';
import { generalizedCrossEntropy, symmetricCrossEntropy } from '../../src/core/losses';
import { ROBUST_LOSS, RobustLossParams } from '../../src/core/losses/robustKernel';
import { robustLossOps } from '../../src/core/losses/robustLossOps';
import { hasKernel } from '../../src/core/kernels/kernelIo';
import { useBackend } from '../../src/core/train/backend';
import { assertClose, flat, readJson, REPO, Tolerance } from './helpers';

/** A case of robust-loss.json (test/python/robust_loss_reference.py): torch float64 autograd or 60-digit mpmath. */
interface RobustCase {
  name: string;
  loss: 'gce' | 'sce' | 'tailr';
  params: Record<string, number>;
  logits: number[][];
  labels: number[];
  rows: number[];
  grad: number[][];
}

const reference = readJson<{ float64: RobustCase[]; mpmath: RobustCase[] }>('reference', 'robust-loss.json');
const wasmDir = path.join(REPO, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
const reductions: Reduction[] = ['mean', 'sum', 'none'];

function publicLoss(c: RobustCase, labels: tf.Tensor, logits: tf.Tensor, reduction: Reduction): tf.Tensor {
  const p = c.params;
  if (c.loss === 'gce') return generalizedCrossEntropy(labels, logits, { q: p.q, reduction });
  if (c.loss === 'sce')
    return symmetricCrossEntropy(labels, logits, { alpha: p.alpha, beta: p.beta, A: p.A, reduction });
  return tailrLoss(labels, logits, { gamma: p.gamma, threshold: p.threshold, smoothing: p.smoothing, reduction });
}

function opsParams(c: RobustCase): RobustLossParams {
  return c.loss === 'gce'
    ? { kind: 'gce', q: c.params.q }
    : { kind: 'sce', alpha: c.params.alpha, beta: c.params.beta, logZero: c.params.A };
}

function title(c: RobustCase): string {
  return `${c.loss} ${Object.entries(c.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')} on ${c.name} logits`;
}

function sum(values: number[]): number {
  return values.reduce((s, v) => s + v, 0);
}

/** The kernel rounds its float64 results once to float32; the TaiLr form adds a float32 tf-ops term. */
function kernelTolerance(c: RobustCase): Tolerance {
  return c.loss === 'tailr' ? { rtol: 1e-6, atol: 1e-7 } : { rtol: 2e-7, atol: 1e-12 };
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`GCE, SCE and smoothed TaiLr on ${backend} against torch float64 autograd`, () => {
    before(async () => assert.strictEqual(await useBackend(backend, wasmDir), backend));
    after(async () => useBackend('cpu', wasmDir));

    it('runs the robust-loss kernel', () => assert.ok(hasKernel(ROBUST_LOSS)));

    for (const c of reference.float64) {
      it(`${title(c)}: per-row, mean and sum values and the gradient, for index and one-hot labels`, () => {
        const tol = kernelTolerance(c);
        tf.tidy(() => {
          const logits = tf.tensor2d(c.logits);
          const indices = tf.tensor1d(c.labels, 'int32');
          for (const labels of [indices, tf.oneHot(indices, logits.shape[1]).toFloat()]) {
            const what = labels.rank === 1 ? 'indices' : 'one-hot';
            assertClose(publicLoss(c, labels, logits, 'none').dataSync(), c.rows, tol, `per-row (${what})`);
            assertClose(
              publicLoss(c, labels, logits, 'mean').dataSync(),
              sum(c.rows) / c.rows.length,
              tol,
              `mean (${what})`,
            );
            assertClose(publicLoss(c, labels, logits, 'sum').dataSync(), sum(c.rows), tol, `sum (${what})`);
            const grad = tf
              .grad((z: tf.Tensor) => publicLoss(c, labels, z, 'mean'))(logits)
              .dataSync();
            assertClose(grad, flat(c.grad), tol, `gradient (${what})`);
          }
        });
      });
    }

    for (const c of reference.mpmath) {
      it(`${title(c)}: every per-row loss to float32 relative precision, however small (mpmath)`, () => {
        tf.tidy(() => {
          const logits = tf.tensor2d(c.logits);
          const labels = tf.tensor1d(c.labels, 'int32');
          assertClose(publicLoss(c, labels, logits, 'none').dataSync(), c.rows, { rtol: 2e-7 }, 'per-row loss');
          const grad = tf
            .grad((z: tf.Tensor) => publicLoss(c, labels, z, 'mean'))(logits)
            .dataSync();
          assertClose(grad, flat(c.grad), { rtol: 2e-7, atol: 1e-40 }, 'gradient');
        });
      });
    }
  });
}

describe('GCE and SCE from tf ops (backends without the kernel)', () => {
  before(async () => assert.strictEqual(await useBackend('cpu', wasmDir), 'cpu'));

  for (const c of [...reference.float64, ...reference.mpmath].filter((k) => k.loss !== 'tailr')) {
    it(`${title(c)}: float32 values and gradient, every reduction`, () => {
      tf.tidy(() => {
        const logits = tf.tensor2d(c.logits);
        const labels = tf.tensor1d(c.labels, 'int32');
        // float32 arithmetic throughout: a few ulps of each term.
        const tol = { rtol: 2e-6, atol: 1e-40 };
        assertClose(robustLossOps(labels, logits, opsParams(c), 'none').dataSync(), c.rows, tol, 'per-row loss');
        assertClose(robustLossOps(labels, logits, opsParams(c), 'sum').dataSync(), sum(c.rows), tol, 'sum');
        const grad = tf
          .grad((z: tf.Tensor) => robustLossOps(labels, z, opsParams(c), 'mean'))(logits)
          .dataSync();
        assertClose(grad, flat(c.grad), { rtol: 1e-5, atol: 1e-7 }, 'gradient');
      });
    });
  }

  it('is what the public functions use once the kernel is gone', () => {
    const kernel = tf.getKernel(ROBUST_LOSS, 'cpu');
    tf.unregisterKernel(ROBUST_LOSS, 'cpu');
    try {
      const c = reference.float64.find((k) => k.loss === 'sce' && k.name === 'random')!;
      tf.tidy(() => {
        const value = publicLoss(c, tf.tensor1d(c.labels, 'int32'), tf.tensor2d(c.logits), 'none').dataSync();
        assertClose(value, c.rows, { rtol: 2e-6 });
      });
    } finally {
      tf.registerKernel(kernel);
    }
  });
});

describe('GCE and SCE: special cases, defaults and bad options', () => {
  const logits = [
    [2, -1, 0.5],
    [0.1, 0.2, 0.3],
    [-3, 4, 1],
  ];
  const labels = [0, 2, 1];
  const value = (loss: (y: tf.Tensor, z: tf.Tensor) => tf.Tensor) =>
    tf.tidy(() => Array.from(loss(tf.tensor1d(labels, 'int32'), tf.tensor2d(logits)).dataSync()));

  it('GCE at q = 1 is MAE, 1 − p_y: exactly γ-CE at γ = 1, values and gradient', () => {
    const mae = (y: tf.Tensor, z: tf.Tensor) => gammaCrossEntropy(y, z, { gamma: 1, reduction: 'none' });
    assert.deepStrictEqual(
      value((y, z) => generalizedCrossEntropy(y, z, { q: 1, reduction: 'none' })),
      value(mae),
    );
    tf.tidy(() => {
      const y = tf.tensor1d(labels, 'int32');
      const z = tf.tensor2d(logits);
      const g = tf
        .grad((x: tf.Tensor) => generalizedCrossEntropy(y, x, { q: 1 }))(z)
        .dataSync();
      assertClose(
        g,
        tf
          .grad((x: tf.Tensor) => gammaCrossEntropy(y, x, { gamma: 1 }))(z)
          .dataSync(),
        { rtol: 1e-7 },
      );
    });
  });

  it('SCE with α = 1, β = 0 is cross-entropy; the defaults are q = 0.7 and α = 0.1, β = 1, A = −4', () => {
    const ce = value((y, z) => gammaCrossEntropy(y, z, { gamma: 0, reduction: 'none' }));
    assertClose(
      value((y, z) => symmetricCrossEntropy(y, z, { alpha: 1, beta: 0, reduction: 'none' })),
      ce,
      { rtol: 1e-7 },
    );
    assert.deepStrictEqual(
      value((y, z) => generalizedCrossEntropy(y, z)),
      value((y, z) => generalizedCrossEntropy(y, z, { q: 0.7 })),
    );
    assert.deepStrictEqual(
      value((y, z) => symmetricCrossEntropy(y, z)),
      value((y, z) => symmetricCrossEntropy(y, z, { alpha: 0.1, beta: 1, A: -4 })),
    );
    assert.notDeepStrictEqual(
      value((y, z) => symmetricCrossEntropy(y, z)),
      value((y, z) => symmetricCrossEntropy(y, z, { A: -2 })),
    );
  });

  it('TaiLr with smoothing 0 is the plain TaiLr objective', () => {
    const plain = value((y, z) => tailrLoss(y, z, { gamma: 0.1, threshold: 0.3, reduction: 'none' }));
    assert.deepStrictEqual(
      value((y, z) => tailrLoss(y, z, { gamma: 0.1, threshold: 0.3, smoothing: 0, reduction: 'none' })),
      plain,
    );
  });

  const bad: Array<[string, () => unknown, RegExp]> = [
    [
      'q = 0',
      () => value((y, z) => generalizedCrossEntropy(y, z, { q: 0 })),
      /q \(the q of GCE\) must be in \(0, 1\], got 0/,
    ],
    ['q = 1.5', () => value((y, z) => generalizedCrossEntropy(y, z, { q: 1.5 })), /must be in \(0, 1\], got 1\.5/],
    ['q = NaN', () => value((y, z) => generalizedCrossEntropy(y, z, { q: NaN })), /must be in \(0, 1\], got NaN/],
    [
      'α < 0',
      () => value((y, z) => symmetricCrossEntropy(y, z, { alpha: -1 })),
      /alpha \(the α of SCE\) must be a finite number ≥ 0, got -1/,
    ],
    [
      'β = ∞',
      () => value((y, z) => symmetricCrossEntropy(y, z, { beta: Infinity })),
      /beta \(the β of SCE\) must be a finite number ≥ 0/,
    ],
    [
      'α = β = 0',
      () => value((y, z) => symmetricCrossEntropy(y, z, { alpha: 0, beta: 0 })),
      /alpha and beta of SCE are both 0/,
    ],
    [
      'A = 0',
      () => value((y, z) => symmetricCrossEntropy(y, z, { A: 0 })),
      /A \(the log 0 of SCE's reverse cross-entropy\) must be a finite negative number, got 0/,
    ],
    [
      'smoothing 1',
      () => value((y, z) => tailrLoss(y, z, { gamma: 0.1, threshold: 0, smoothing: 1 })),
      /smoothing \(the label smoothing ε of the TaiLr form\) must be in \[0, 1\), got 1/,
    ],
    [
      'label 3 of 3 classes',
      () => tf.tidy(() => generalizedCrossEntropy(tf.tensor1d([0, 3, 1], 'int32'), tf.tensor2d(logits))),
      /label 3 at row 1 is not a class index in \[0, 2\]/,
    ],
    [
      'a reduction of "avg"',
      () =>
        tf.tidy(() =>
          symmetricCrossEntropy(tf.tensor1d(labels, 'int32'), tf.tensor2d(logits), { reduction: 'avg' as 'mean' }),
        ),
      /reduction must be 'mean', 'sum' or 'none'/,
    ],
  ];
  for (const [what, run, message] of bad) {
    it(`refuses ${what} with a message naming it`, () => assert.throws(run, message));
  }

  it('leaks no tensors, forward and backward, every reduction', () => {
    const z = tf.tensor2d(logits);
    const y = tf.tensor1d(labels, 'int32');
    const before = tf.memory().numTensors;
    for (const reduction of reductions) {
      for (const loss of [
        (x: tf.Tensor) => generalizedCrossEntropy(y, x, { reduction }),
        (x: tf.Tensor) => symmetricCrossEntropy(y, x, { reduction }),
        (x: tf.Tensor) => tailrLoss(y, x, { gamma: 0.1, threshold: 0.2, smoothing: 0.1, reduction }),
      ]) {
        tf.tidy(() => {
          tf.grad((x: tf.Tensor) => tf.sum(loss(x)))(z);
        });
        loss(z).dispose();
      }
    }
    assert.strictEqual(tf.memory().numTensors, before);
    tf.dispose([z, y]);
  });
});
