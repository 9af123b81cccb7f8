import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { gammaCrossEntropy, tailrLoss } from '../../src/core/loss';
import { assertClose, flat, lossCases, LossCase } from './helpers';

const cases = lossCases();
// The loss kernel computes in float64 and rounds once to float32 (lossKernel.test.ts checks the
// float32 tf-ops fallback against it with the looser float32 tolerances).
const VALUE_TOL = { rtol: 2e-7, atol: 1e-12 };
const GRAD_TOL = { rtol: 2e-7, atol: 1e-12 };

function lossOf(c: LossCase, labels: tf.Tensor, logits: tf.Tensor, reduction: 'mean' | 'sum' | 'none' = 'mean') {
  return c.loss === 'tailr'
    ? tailrLoss(labels, logits, { gamma: c.gamma, threshold: c.threshold!, reduction })
    : gammaCrossEntropy(labels, logits, { gamma: c.gamma, reduction });
}

function mean(values: number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

describe('γ-CE and TaiLr losses against NumPy float64 references', () => {
  for (const c of cases) {
    const title = `${c.loss} γ=${c.gamma}${c.threshold !== undefined ? ` b=${c.threshold}` : ''} on ${c.name} logits`;
    it(`${title}: value, per-row values and gradient`, () => {
      tf.tidy(() => {
        const logits = tf.tensor2d(c.logits);
        const labels = tf.tensor1d(c.labels, 'int32');
        assertClose(lossOf(c, labels, logits).dataSync(), mean(c.rows), VALUE_TOL, 'mean loss');
        assertClose(lossOf(c, labels, logits, 'none').dataSync(), c.rows, VALUE_TOL, 'per-row loss');
        const grad = tf.grad((z: tf.Tensor) => lossOf(c, labels, z))(logits);
        const values = grad.dataSync();
        assert.ok(values.every(Number.isFinite), 'gradient is finite');
        assertClose(values, flat(c.grad), GRAD_TOL, 'gradient');
      });
    });
  }
});

describe('gammaCrossEntropy', () => {
  const logits = [
    [2.0, -1.0, 0.5],
    [0.1, 0.2, 0.3],
    [-3.0, 4.0, 1.0],
  ];
  const labels = [0, 2, 1];

  function value(gamma: number, z = logits, y = labels): number {
    return tf.tidy(() => gammaCrossEntropy(tf.tensor1d(y, 'int32'), tf.tensor2d(z), { gamma }).dataSync()[0]);
  }

  function softmaxRow(row: number[]): number[] {
    const m = Math.max(...row);
    const e = row.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  }

  it('γ = 0 is exactly cross-entropy (tfjs softmaxCrossEntropy)', () => {
    const ce = tf.tidy(
      () =>
        tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(labels, 'int32'), 3), tf.tensor2d(logits)).dataSync()[0],
    );
    assertClose(value(0), ce, { rtol: 1e-6 });
  });

  it('γ = 1 is exactly 1 − p_y', () => {
    const expected = mean(logits.map((row, i) => 1 - softmaxRow(row)[labels[i]]));
    assertClose(value(1), expected, { rtol: 1e-6 });
  });

  it('is continuous in γ at both ends, in relative terms', () => {
    for (const g of [1e-6, 1e-9, 1e-12, 1e-300]) assertClose(value(g), value(0), { rtol: 2e-6 }, `γ=${g}`);
    for (const g of [1 - 1e-6, 1 - 1e-9, 1 - 1e-12]) assertClose(value(g), value(1), { rtol: 2e-6 }, `γ=1−${1 - g}`);
  });

  it('keeps a loss far below 1e-16: logits [50, 0], label 0 give log1p(e^−50) = 1.93e-22 at every γ and in TaiLr', () => {
    const tiny = Math.log1p(Math.exp(-50));
    for (const gamma of [0, 1e-300, 1e-12, 0.1, 0.5, 0.9, 1 - 1e-12, 1]) {
      assertClose(value(gamma, [[50, 0]], [0]), tiny, { rtol: 2e-7 }, `γ-CE γ=${gamma}`);
      for (const threshold of [0, 0.5]) {
        const t = tf.tidy(
          () => tailrLoss(tf.tensor1d([0], 'int32'), tf.tensor2d([[50, 0]]), { gamma, threshold }).dataSync()[0],
        );
        assertClose(t, tiny, { rtol: 2e-7 }, `TaiLr γ=${gamma} b=${threshold}`);
      }
    }
  });

  it('decreases as γ grows, for fixed predictions (−log(γ+(1−γ)p)/(1−γ) is decreasing in γ)', () => {
    const grid = [0, 1e-7, 0.01, 0.1, 0.3, 0.5, 0.8, 0.95, 1].map((g) => value(g));
    for (let i = 1; i < grid.length; i++) assert.ok(grid[i] <= grid[i - 1] + 1e-7, `γ grid ${grid}`);
  });

  it('gives finite values and gradients for logits of magnitude 1e4 at every γ', () => {
    const extreme = [
      [1e4, -1e4, 0],
      [-1e4, 1e4, -1e4],
    ];
    for (const gamma of [0, 1e-7, 0.1, 0.5, 0.8, 1]) {
      tf.tidy(() => {
        const z = tf.tensor2d(extreme);
        const y = tf.tensor1d([2, 0], 'int32');
        const loss = gammaCrossEntropy(y, z, { gamma }).dataSync()[0];
        const grad = tf
          .grad((x: tf.Tensor) => gammaCrossEntropy(y, x, { gamma }))(z)
          .dataSync();
        assert.ok(Number.isFinite(loss), `loss at γ=${gamma} is ${loss}`);
        assert.ok(grad.every(Number.isFinite), `gradient at γ=${gamma}`);
      });
    }
    // γ = 0: p_y = e^-1e4 and e^-2e4, so CE = (1e4 + 2e4)/2 exactly in real arithmetic.
    assertClose(value(0, extreme, [2, 0]), 1.5e4, { rtol: 1e-6 });
  });

  it('takes one-hot labels and class indices alike', () => {
    for (const gamma of [0, 0.3, 1]) {
      tf.tidy(() => {
        const z = tf.tensor2d(logits);
        const idx = tf.tensor1d(labels, 'int32');
        const onehot = tf.oneHot(idx, 3);
        assertClose(
          gammaCrossEntropy(onehot, z, { gamma }).dataSync(),
          gammaCrossEntropy(idx, z, { gamma }).dataSync(),
        );
        const g1 = tf
          .grad((x: tf.Tensor) => gammaCrossEntropy(onehot, x, { gamma }))(z)
          .dataSync();
        const g2 = tf
          .grad((x: tf.Tensor) => gammaCrossEntropy(idx, x, { gamma }))(z)
          .dataSync();
        assertClose(g1, g2);
      });
    }
  });

  it('accepts integer-valued float32 class indices', () => {
    const v = tf.tidy(
      () => gammaCrossEntropy(tf.tensor1d(labels, 'float32'), tf.tensor2d(logits), { gamma: 0.2 }).dataSync()[0],
    );
    assertClose(v, value(0.2));
  });

  it("reduction 'sum' and 'none' agree with 'mean', values and gradients", () => {
    tf.tidy(() => {
      const z = tf.tensor2d(logits);
      const y = tf.tensor1d(labels, 'int32');
      const opts = { gamma: 0.4 };
      const m = gammaCrossEntropy(y, z, opts).dataSync()[0];
      const s = gammaCrossEntropy(y, z, { ...opts, reduction: 'sum' }).dataSync()[0];
      const rows = gammaCrossEntropy(y, z, { ...opts, reduction: 'none' });
      assert.deepStrictEqual(rows.shape, [3]);
      assertClose(s, 3 * m, { rtol: 1e-6 });
      assertClose(
        Array.from(rows.dataSync()).reduce((a, b) => a + b, 0),
        s,
        { rtol: 1e-6 },
      );
      const gm = tf
        .grad((x: tf.Tensor) => gammaCrossEntropy(y, x, opts))(z)
        .dataSync();
      const gs = tf
        .grad((x: tf.Tensor) => gammaCrossEntropy(y, x, { ...opts, reduction: 'sum' }))(z)
        .dataSync();
      // d/dz of a weighted sum of per-row losses: row i's gradient scaled by its weight.
      const weights = tf.tensor1d([1, 2, 3]);
      const gn = tf
        .grad((x: tf.Tensor) => tf.sum(tf.mul(gammaCrossEntropy(y, x, { ...opts, reduction: 'none' }), weights)))(z)
        .dataSync();
      assertClose(
        Array.from(gs),
        Array.from(gm).map((v) => 3 * v),
        { rtol: 1e-6, atol: 1e-8 },
      );
      const expected = Array.from(gs).map((v, i) => v * [1, 2, 3][Math.floor(i / 3)]);
      assertClose(gn, expected, { rtol: 1e-6, atol: 1e-8 });
    });
  });

  it('leaks no tensors through forward and backward passes', () => {
    const z = tf.tensor2d(logits);
    const y = tf.tensor1d(labels, 'int32');
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      tf.tidy(() => {
        gammaCrossEntropy(y, z, { gamma: 0.1 });
        tf.grad((x: tf.Tensor) => gammaCrossEntropy(y, x, { gamma: 0.1 }))(z);
        tf.grad((x: tf.Tensor) => tailrLoss(y, x, { gamma: 0.1, threshold: 0.3 }))(z);
      });
    }
    assert.strictEqual(tf.memory().numTensors, before);
    tf.dispose([z, y]);
  });

  describe('rejects bad arguments with a clear error', () => {
    const cases: Array<[string, () => unknown, RegExp]> = [
      [
        'γ < 0',
        () => gammaCrossEntropy(tf.tensor1d([0], 'int32'), tf.tensor2d([[1, 2]]), { gamma: -0.1 }),
        /gamma must be in \[0, 1\], got -0\.1/,
      ],
      [
        'γ > 1',
        () => gammaCrossEntropy(tf.tensor1d([0], 'int32'), tf.tensor2d([[1, 2]]), { gamma: 1.5 }),
        /gamma must be in \[0, 1\]/,
      ],
      [
        'γ NaN',
        () => gammaCrossEntropy(tf.tensor1d([0], 'int32'), tf.tensor2d([[1, 2]]), { gamma: NaN }),
        /gamma must be a number/,
      ],
      [
        'γ missing',
        () => gammaCrossEntropy(tf.tensor1d([0], 'int32'), tf.tensor2d([[1, 2]]), {} as { gamma: number }),
        /gamma must be a number/,
      ],
      [
        'threshold > 1',
        () => tailrLoss(tf.tensor1d([0], 'int32'), tf.tensor2d([[1, 2]]), { gamma: 0.1, threshold: 2 }),
        /threshold must be in \[0, 1\]/,
      ],
      [
        'label too large',
        () =>
          gammaCrossEntropy(
            tf.tensor1d([0, 2], 'int32'),
            tf.tensor2d([
              [1, 2],
              [3, 4],
            ]),
            { gamma: 0.1 },
          ),
        /label 2 at row 1 is not a class index in \[0, 1\]/,
      ],
      [
        'negative label',
        () => gammaCrossEntropy(tf.tensor1d([-1], 'int32'), tf.tensor2d([[1, 2]]), { gamma: 0.1 }),
        /label -1 at row 0/,
      ],
      [
        'fractional label',
        () => gammaCrossEntropy(tf.tensor1d([0.5], 'float32'), tf.tensor2d([[1, 2]]), { gamma: 0.1 }),
        /label 0\.5 at row 0/,
      ],
      [
        'row count mismatch',
        () =>
          gammaCrossEntropy(
            tf.tensor1d([0, 1, 0], 'int32'),
            tf.tensor2d([
              [1, 2],
              [3, 4],
            ]),
            { gamma: 0.1 },
          ),
        /labels has 3 rows but logits has 2/,
      ],
      [
        'one-hot shape mismatch',
        () => gammaCrossEntropy(tf.tensor2d([[1, 0, 0]]), tf.tensor2d([[1, 2]]), { gamma: 0.1 }),
        /one-hot labels have shape \[1,3\] but logits have \[1,2\]/,
      ],
      [
        'not one-hot',
        () => gammaCrossEntropy(tf.tensor2d([[0.5, 0.5]]), tf.tensor2d([[1, 2]]), { gamma: 0.1 }),
        /only 0 and 1/,
      ],
      [
        'two ones',
        () => gammaCrossEntropy(tf.tensor2d([[1, 1]]), tf.tensor2d([[1, 2]]), { gamma: 0.1 }),
        /exactly one is required/,
      ],
      [
        '1-D logits',
        () => gammaCrossEntropy(tf.tensor1d([0], 'int32'), tf.tensor1d([1, 2]), { gamma: 0.1 }),
        /logits must be a 2-D tensor/,
      ],
      [
        'bad reduction',
        () =>
          gammaCrossEntropy(tf.tensor1d([0], 'int32'), tf.tensor2d([[1, 2]]), {
            gamma: 0.1,
            reduction: 'avg' as 'mean',
          }),
        /reduction must be/,
      ],
    ];
    for (const [name, call, message] of cases) {
      it(name, () => tf.tidy(() => assert.throws(call, message)));
    }
  });
});

describe('tailrLoss', () => {
  it('stops the gradient through its weight: the gradient is w·(softmax − onehot)/N, not d(−w·log p)/dz', () => {
    tf.tidy(() => {
      const z = tf.tensor2d([[0.3, -0.2, 1.1]]);
      const y = tf.tensor1d([0], 'int32');
      const gamma = 0.5;
      const threshold = 0;
      const p = tf.softmax(z).dataSync();
      const w = p[0] / (gamma + (1 - gamma) * p[0]);
      const expected = Array.from(p).map((pk, k) => w * (pk - (k === 0 ? 1 : 0)));
      const grad = tf
        .grad((x: tf.Tensor) => tailrLoss(y, x, { gamma, threshold }))(z)
        .dataSync();
      assertClose(grad, expected, { rtol: 1e-5 });
    });
  });

  it('with floor b = 1 is exactly cross-entropy, whatever γ', () => {
    tf.tidy(() => {
      const z = tf.tensor2d([
        [0.3, -0.2, 1.1],
        [2, 1, 0],
      ]);
      const y = tf.tensor1d([0, 2], 'int32');
      const ce = gammaCrossEntropy(y, z, { gamma: 0 }).dataSync()[0];
      assertClose(tailrLoss(y, z, { gamma: 0.8, threshold: 1 }).dataSync(), ce, { rtol: 1e-6 });
    });
  });
});
