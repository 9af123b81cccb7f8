// Measurement behind the language model's architecture (src/core/lm/transformer.ts): milliseconds
// per training step (forward, backward, Adam) of the causal Transformer and of a GRU of the same
// width, on this machine's tfjs backends. Context 64, batch 16, width 64, vocabulary 80, 2 layers.
// Run: npx tsc -p test/tsconfig.json && node out/bench/lmModelChoice.js
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as tf from '../src/core/tf';
import { gammaCrossEntropy } from '../src/core/loss';
import { seededRandom } from '../src/core/random';
import { Adam } from '../src/core/train/adam';
import { useBackend } from '../src/core/train/backend';
import { matMul } from '../src/core/lm/matMul';
import { initialWeights, Transformer } from '../src/core/lm/transformer';

const [T, B, D, V, L] = [64, 16, 64, 80, 2];
const STEPS = Number(process.env.BENCH_STEPS ?? 5);
const wasmDir = path.join(__dirname, '..', '..', 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');

/** A plain GRU language model (Cho et al. 2014), unrolled over the context: the alternative measured. */
function gruLogits(vars: tf.Variable[], ids: tf.Tensor2D): tf.Tensor2D {
  const [emb, ...rest] = vars;
  const embedded = matMul(tf.oneHot(tf.reshape(ids, [B * T]), V) as tf.Tensor2D, emb);
  let inputs = tf.unstack(tf.reshape(embedded, [B, T, D]), 1) as tf.Tensor2D[]; // T × [B, D]
  for (let l = 0; l < L; l++) {
    const [wx, wh, b] = rest.slice(3 * l, 3 * l + 3) as tf.Tensor2D[];
    let h = tf.zeros([B, D]) as tf.Tensor2D;
    const outs: tf.Tensor2D[] = [];
    for (const x of inputs) {
      const gx = tf.add(matMul(x, wx), b);
      const gh = matMul(h, wh);
      const [xz, xr, xn] = tf.split(gx, 3, 1);
      const [hz, hr, hn] = tf.split(gh, 3, 1);
      const z = tf.sigmoid(tf.add(xz, hz));
      const r = tf.sigmoid(tf.add(xr, hr));
      const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
      h = tf.add(tf.mul(tf.sub(1, z), n), tf.mul(z, h)) as tf.Tensor2D;
      outs.push(h);
    }
    inputs = outs;
  }
  const head = rest[3 * L] as tf.Tensor2D;
  return matMul(tf.reshape(tf.stack(inputs, 1), [B * T, D]) as tf.Tensor2D, head);
}

function timeSteps(vars: tf.Variable[], logits: (ids: tf.Tensor2D) => tf.Tensor2D): number {
  const random = seededRandom(1);
  const ids = tf.tensor2d(
    Int32Array.from({ length: B * T }, () => Math.floor(random() * V)),
    [B, T],
    'int32',
  );
  const labels = tf.tensor1d(
    Int32Array.from({ length: B * T }, () => Math.floor(random() * V)),
    'int32',
  );
  const adam = new Adam(vars, 1e-3);
  const step = () =>
    tf.tidy(() => {
      const { grads } = tf.variableGrads(
        () => gammaCrossEntropy(labels, logits(ids), { gamma: 0, validateLabels: false }) as tf.Scalar,
        vars,
      );
      adam.update(vars.map((v) => grads[v.name]));
    });
  step();
  const start = performance.now();
  for (let i = 0; i < STEPS; i++) step();
  const ms = (performance.now() - start) / STEPS;
  tf.dispose([ids, labels]);
  adam.dispose();
  return ms;
}

async function main(): Promise<void> {
  for (const backend of ['wasm', 'cpu'] as const) {
    const used = await useBackend(backend, wasmDir);
    const shape = { vocab: V, context: T, layers: L, dim: D, heads: 4 };
    const transformer = new Transformer(shape, initialWeights(shape, 1));
    const tMs = timeSteps(transformer.variables, (ids) => transformer.logits(ids));
    transformer.dispose();
    const random = seededRandom(2);
    const init = (shape: number[]) =>
      tf.variable(
        tf.tensor(
          Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => 0.1 * (random() - 0.5)),
          shape,
        ),
      );
    const gru = [init([V, D])];
    for (let l = 0; l < L; l++) gru.push(init([D, 3 * D]), init([D, 3 * D]), init([3 * D]));
    gru.push(init([D, V]));
    const gMs = timeSteps(gru, (ids) => gruLogits(gru, ids));
    tf.dispose(gru);
    console.log(
      `${used}: transformer ${tMs.toFixed(1)} ms/step, GRU ${gMs.toFixed(1)} ms/step (ratio ${(gMs / tMs).toFixed(2)})`,
    );
  }
}

void main();
