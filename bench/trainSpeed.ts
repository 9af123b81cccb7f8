// Benchmark (npm run bench): training throughput of CE and γ-CE on the wasm and cpu backends.
// Fixed config: 8,192 rows × 32 standard-normal features, 10 classes, MLP 32→64→10, batch 256,
// Adam lr 1e-3, 5 epochs, γ = 0.1. Prints samples/s per loss and backend and the ratio γ-CE/CE,
// then, where Debian's python3-torch is installed, the same config on PyTorch (1 thread,
// bench/torch_reference.py) and our ratio to it. BENCH_REPEATS (default 5): best of so many runs;
// BENCH_TORCH=0 skips PyTorch.
import { spawnSync } from 'child_process';
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
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const repo = path.join(__dirname, '..', '..');
const wasmDir = path.join(repo, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');

function data(): { x: Float32Array; y: Int32Array } {
  const random = seededRandom(7);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return {
    x: Float32Array.from({ length: ROWS * FEATURES }, normal),
    y: Int32Array.from({ length: ROWS }, () => Math.floor(random() * CLASSES)),
  };
}

function samplesPerSecond(spec: RunSpec, context: RunContext): number {
  const sizes = [FEATURES, 64, CLASSES];
  const model = new Mlp(sizes, initialParameters(sizes, 1));
  const optimizer = new Adam(model.variables, context.config.learningRate);
  trainEpoch(model, optimizer, spec, 0.1, 0, context, ROWS); // warm-up: JIT, wasm operators
  const t0 = performance.now();
  for (let epoch = 1; epoch <= EPOCHS; epoch++) trainEpoch(model, optimizer, spec, 0.1, epoch, context, ROWS);
  const rate = (ROWS * EPOCHS) / ((performance.now() - t0) / 1000);
  model.dispose();
  optimizer.dispose();
  return rate;
}

/** Best of REPEATS for CE and γ-CE, their runs interleaved so that a busy machine slows both alike. */
async function measure(backend: 'wasm' | 'cpu', specs: RunSpec[]): Promise<number[]> {
  await useBackend(backend, wasmDir);
  const { x, y } = data();
  const config = resolveTrainConfig({ batchSize: 256, learningRate: 1e-3, epochs: EPOCHS, hidden: [64], gamma: 0.1 });
  const xTrain = tf.tensor2d(x, [ROWS, FEATURES]);
  const yTrain = tf.tidy(() => tf.oneHot(tf.tensor1d(y, 'int32'), CLASSES).toFloat()) as tf.Tensor2D;
  const context = { config, tensors: { xTrain, yTrain } } as unknown as RunContext;
  const best = specs.map(() => 0);
  for (let r = 0; r < REPEATS; r++)
    specs.forEach((spec, i) => (best[i] = Math.max(best[i], samplesPerSecond(spec, context))));
  tf.dispose([xTrain, yTrain]);
  return best;
}

/** PyTorch's CE samples/s from bench/torch_reference.py, or null where torch is missing. */
function torchReference(): number | null {
  if (process.env.BENCH_TORCH === '0') return null;
  const run = spawnSync('/usr/bin/python3', [path.join(repo, 'bench', 'torch_reference.py')], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_REPEATS: String(REPEATS) },
    timeout: 300_000,
  });
  if (run.status !== 0) {
    console.log("PyTorch reference skipped (needs Debian's python3-torch: apt-get install -y python3-torch)");
    return null;
  }
  process.stdout.write(run.stdout);
  const match = /torch CE\s+([\d,]+) samples\/s/.exec(run.stdout);
  return match ? Number(match[1].replace(/,/g, '')) : null;
}

function rate(value: number): string {
  return Math.round(value).toLocaleString('en-US').padStart(9);
}

async function main(): Promise<void> {
  const ce: RunSpec = { name: 'CE', loss: 'ce', gamma: 0, threshold: null };
  const gce: RunSpec = { name: 'γ-CE', loss: 'gamma-ce', gamma: 0.1, threshold: null };
  console.log(
    `${ROWS} rows × ${FEATURES} features, ${CLASSES} classes, MLP 32→64→10, batch 256, Adam 1e-3, ${EPOCHS} epochs (best of ${REPEATS})`,
  );
  const results: Array<[string, number, number]> = [];
  for (const backend of ['wasm', 'cpu'] as const) {
    const [a, b] = await measure(backend, [ce, gce]);
    results.push([backend, a, b]);
    console.log(
      `${backend.padEnd(5)} CE ${rate(a)} samples/s   γ-CE ${rate(b)} samples/s   γ-CE/CE ${(b / a).toFixed(3)}`,
    );
  }
  const torch = torchReference();
  if (torch) {
    for (const [backend, a, b] of results) {
      console.log(
        `${backend.padEnd(5)} vs PyTorch CE (1 thread): CE ${(a / torch).toFixed(2)}×   γ-CE ${(b / torch).toFixed(2)}×`,
      );
    }
  }
}

void main();
