// Benchmark (npm run bench): training throughput of CE and γ-CE on the wasm and cpu backends.
// Fixed config: 8,192 rows × 32 standard-normal features, 10 classes, MLP 32→64→10, batch 256,
// Adam lr 1e-3, 5 epochs, γ = 0.1. Prints samples/s per loss and backend and the ratio γ-CE/CE.
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { seededRandom } from '../src/core/random';
import { Adam } from '../src/core/train/adam';
import { useBackend } from '../src/core/train/backend';
import { resolveTrainConfig } from '../src/core/train/config';
import { initialParameters, Mlp } from '../src/core/train/model';
import { RunContext, trainEpoch } from '../src/core/train/trainRun';
import type { RunSpec } from '../src/core/train/types';

const ROWS = 8192;
const FEATURES = 32;
const CLASSES = 10;
const EPOCHS = 5;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const wasmDir = path.join(__dirname, '..', '..', 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');

function data(): { x: Float32Array; y: Int32Array } {
  const random = seededRandom(7);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return { x: Float32Array.from({ length: ROWS * FEATURES }, normal), y: Int32Array.from({ length: ROWS }, () => Math.floor(random() * CLASSES)) };
}

async function samplesPerSecond(backend: 'wasm' | 'cpu', spec: RunSpec): Promise<number> {
  await useBackend(backend, wasmDir);
  const { x, y } = data();
  const config = resolveTrainConfig({ batchSize: 256, learningRate: 1e-3, epochs: EPOCHS, hidden: [64], gamma: 0.1 });
  const sizes = [FEATURES, 64, CLASSES];
  const xTrain = tf.tensor2d(x, [ROWS, FEATURES]);
  const yTrain = tf.tidy(() => tf.oneHot(tf.tensor1d(y, 'int32'), CLASSES).toFloat()) as tf.Tensor2D;
  const context = { config, tensors: { xTrain, yTrain } } as unknown as RunContext;
  let best = 0;
  for (let r = 0; r < REPEATS; r++) {
    const model = new Mlp(sizes, initialParameters(sizes, 1));
    const optimizer = new Adam(model.variables, config.learningRate);
    trainEpoch(model, optimizer, spec, 0.1, 0, context, ROWS); // warm-up: kernels, optimizer slots
    const t0 = performance.now();
    for (let epoch = 1; epoch <= EPOCHS; epoch++) trainEpoch(model, optimizer, spec, 0.1, epoch, context, ROWS);
    best = Math.max(best, (ROWS * EPOCHS) / ((performance.now() - t0) / 1000));
    model.dispose();
    optimizer.dispose();
  }
  tf.dispose([xTrain, yTrain]);
  return best;
}

async function main(): Promise<void> {
  const ce: RunSpec = { name: 'CE', loss: 'ce', gamma: 0, threshold: null };
  const gce: RunSpec = { name: 'γ-CE', loss: 'gamma-ce', gamma: 0.1, threshold: null };
  console.log(`${ROWS} rows × ${FEATURES} features, ${CLASSES} classes, MLP 32→64→10, batch 256, Adam 1e-3, ${EPOCHS} epochs (best of ${REPEATS})`);
  for (const backend of ['wasm', 'cpu'] as const) {
    const a = await samplesPerSecond(backend, ce);
    const b = await samplesPerSecond(backend, gce);
    console.log(`${backend.padEnd(5)} CE ${Math.round(a).toLocaleString().padStart(9)} samples/s   γ-CE ${Math.round(b).toLocaleString().padStart(9)} samples/s   γ-CE/CE ${(b / a).toFixed(3)}`);
  }
}

void main();
