// Benchmark (npm run bench): training throughput of CE and γ-CE, the tiny config, side by side with
// PyTorch. 8,192 rows × 32 standard-normal features, 10 classes, MLP 32→64→10, batch 256, Adam lr
// 1e-3, 5 epochs after a warm-up epoch, γ = 0.1. Then ours alone at bench:scale's layer sizes
// (64→256→10, batch 128), for what γ-CE costs over CE at a realistic size. Each repetition runs in a fresh child process, in
// turn: ours on wasm and on cpu, then (where Debian's python3-torch is installed) bench/
// torch_reference.py on 1 thread and on all cores. Prints medians of samples/s with the spread
// (min–max) and ratios. BENCH_REPEATS (default 5); BENCH_TORCH=0 skips PyTorch; BENCH_BASELINE=DIR
// adds the same measurement from another build's out/ folder (before/after in one run).
import { spawnSync } from 'child_process';
import * as os from 'os';
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
import { Contender, interleaved, loadAverage, Measured, printTable } from './sideBySide';

const ROWS = 8192;
const CLASSES = 10;

/** The layer sizes and batch of a measurement. */
const SHAPES = {
  tiny: { features: 32, hidden: 64, batch: 256 },
  realistic: { features: 64, hidden: 256, batch: 128 },
};
type Shape = keyof typeof SHAPES;
const EPOCHS = 5;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const repo = path.join(__dirname, '..', '..');
const wasmDir = path.join(repo, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');

function data(features: number): { x: Float32Array; y: Int32Array } {
  const random = seededRandom(7);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return {
    x: Float32Array.from({ length: ROWS * features }, normal),
    y: Int32Array.from({ length: ROWS }, () => Math.floor(random() * CLASSES)),
  };
}

function samplesPerSecond(spec: RunSpec, context: RunContext, sizes: number[]): number {
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

const CE: RunSpec = { name: 'CE', loss: 'ce', gamma: 0, threshold: null };
const GAMMA_CE: RunSpec = { name: 'γ-CE', loss: 'gamma-ce', gamma: 0.1, threshold: null };

/** One repetition in this process (the child's side): CE's and γ-CE's samples/s as JSON. */
async function once(backend: 'wasm' | 'cpu', shape: Shape): Promise<void> {
  await useBackend(backend, wasmDir);
  const { features, hidden, batch } = SHAPES[shape];
  const sizes = [features, hidden, CLASSES];
  const { x, y } = data(features);
  const config = resolveTrainConfig({
    batchSize: batch,
    learningRate: 1e-3,
    epochs: EPOCHS,
    hidden: [hidden],
    gamma: 0.1,
  });
  const xTrain = tf.tensor2d(x, [ROWS, features]);
  const yTrain = tf.tidy(() => tf.oneHot(tf.tensor1d(y, 'int32'), CLASSES).toFloat()) as tf.Tensor2D;
  const context = { config, tensors: { xTrain, yTrain } } as unknown as RunContext;
  // A first pass of each warms up the JIT and the wasm operators in this fresh process.
  samplesPerSecond(CE, context, sizes);
  samplesPerSecond(GAMMA_CE, context, sizes);
  const ce = samplesPerSecond(CE, context, sizes);
  const gce = samplesPerSecond(GAMMA_CE, context, sizes);
  console.log(JSON.stringify({ backend: tf.getBackend(), ce, gce }));
}

type Pair = { ce: number; gce: number };

/** A contender whose repetition is a child process printing {ce, gce} last; both figures kept. */
function child(name: string, command: string, args: string[], pairs: Pair[], env: NodeJS.ProcessEnv): Contender {
  return {
    name,
    run: () => {
      const run = spawnSync(command, args, { encoding: 'utf8', timeout: 300_000, env: { ...env, BENCH_REPEATS: '1' } });
      const last = run.stdout?.trim().split('\n').pop() ?? '';
      if (run.status !== 0 || !last.startsWith('{')) return null;
      const pair = JSON.parse(last) as Pair;
      pairs.push(pair);
      return pair.ce;
    },
  };
}

export interface TinyResult {
  ce: Measured[];
  gce: Measured[];
}

/**
 * The tiny config, ours (wasm, cpu, and a baseline build's wasm if given) and PyTorch, interleaved;
 * or ours alone (wasm, and the baseline's) at the realistic layer sizes.
 */
export function tinySideBySide(repeats: number, withCpu: boolean, shape: Shape = 'tiny'): TinyResult {
  const names: string[] = [];
  const pairs: Pair[][] = [];
  const contenders: Contender[] = [];
  const add = (name: string, command: string, args: string[], env = process.env) => {
    const p: Pair[] = [];
    names.push(name);
    pairs.push(p);
    contenders.push(child(name, command, args, p, env));
  };
  const self = path.join(__dirname, 'trainSpeed.js');
  add('ours wasm', process.execPath, [self, '--once', 'wasm', shape]);
  if (withCpu) add('ours cpu', process.execPath, [self, '--once', 'cpu', shape]);
  const baseline = process.env.BENCH_BASELINE;
  if (baseline)
    add('ours wasm (baseline)', process.execPath, [
      path.join(baseline, 'bench', 'trainSpeed.js'),
      '--once',
      'wasm',
      shape,
    ]);
  if (shape === 'tiny' && process.env.BENCH_TORCH !== '0') {
    const script = path.join(repo, 'bench', 'torch_reference.py');
    add('PyTorch 1 thread', '/usr/bin/python3', [script, '1']);
    // OpenMP threads that sleep while they wait: see PASSIVE in scaleBench.ts.
    add(
      `PyTorch all cores (${os.availableParallelism()}, passive)`,
      '/usr/bin/python3',
      [script, String(os.availableParallelism())],
      { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' },
    );
  }
  interleaved(contenders, repeats);
  return {
    ce: names.map((name, i) => ({ name, values: pairs[i].map((p) => p.ce) })),
    gce: names.map((name, i) => ({ name, values: pairs[i].map((p) => p.gce) })),
  };
}

function main(): void {
  for (const shape of ['tiny', 'realistic'] as const) {
    const { features, hidden, batch } = SHAPES[shape];
    console.log(
      `\n${shape}: ${ROWS} rows × ${features} features, ${CLASSES} classes, MLP ${features}→${hidden}→${CLASSES}, batch ${batch}, Adam 1e-3, ${EPOCHS} epochs; ${REPEATS} interleaved repetitions, a child process each`,
    );
    const before = loadAverage();
    const result = tinySideBySide(REPEATS, shape === 'tiny', shape);
    console.log(`load average before ${before}, after ${loadAverage()} (${os.availableParallelism()} cores)`);
    const reference = shape === 'tiny' ? 'PyTorch 1 thread' : 'ours wasm';
    printTable(`${shape}, CE, samples/s (higher is faster)`, 'samples/s', result.ce, reference);
    printTable(`${shape}, γ-CE, samples/s`, 'samples/s', result.gce, reference);
    console.log('\nγ-CE/CE speed (median of each repetition’s ratio; 0.95 is a 5 % cost):');
    for (let i = 0; i < result.ce.length; i++) {
      const ratios = result.ce[i].values.map((ce, r) => result.gce[i].values[r] / ce).sort((a, b) => a - b);
      if (ratios.length) console.log(`  ${result.ce[i].name.padEnd(34)} ${ratios[ratios.length >> 1].toFixed(3)}`);
    }
  }
}

if (require.main === module) {
  if (process.argv[2] === '--once')
    void once(process.argv[3] === 'cpu' ? 'cpu' : 'wasm', process.argv[4] === 'realistic' ? 'realistic' : 'tiny');
  else main();
}
