// Benchmark (npm run bench:scale): training at a realistic size, file to report, side by side with
// PyTorch. A seeded 60,000-row × 64-feature, 10-class CSV (bench/scaleData.ts, written to the temp
// folder) is trained by the built CLI, `gamma-ce train FILE --model mlp --hidden 256 --batch 128
// --epochs 10` (CE and γ-CE), and by bench/torch_scale.py doing the same work, on 1 thread, on
// PyTorch's default threads and on all cores; each a process, timed wall-clock, repetitions
// interleaved. Then the tiny config of `npm run bench` (bench/trainSpeed.ts). Medians, spread (min–
// max), CPU seconds (all threads, from GNU time) and the load average before and after.
// BENCH_REPEATS (default 3); BENCH_TINY=0 skips the tiny config; BENCH_BASELINE_BIN=path/to/bin/
// gamma-ce.js adds another build's CLI, BENCH_BASELINE=its out/ folder (before/after in one run).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeScaleCsv } from './scaleData';
import {
  Contender,
  interleaved,
  loadAverage,
  median,
  Measured,
  pairedRatios,
  printTable,
  timedProcess,
} from './sideBySide';
import { tinySideBySide } from './trainSpeed';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const repo = path.join(__dirname, '..', '..');
const TRAIN_ARGS = ['--model', 'mlp', '--hidden', '256', '--batch', '128', '--epochs', '10', '--gamma', '0.1'];

function cli(name: string, bin: string, file: string): Contender {
  const cpu: number[] = [];
  return {
    name,
    cpu,
    run: () => timedProcess(process.execPath, [bin, 'train', file, ...TRAIN_ARGS], process.env, cpu),
  };
}

// With more threads than free cores (the machine is shared), OpenMP's default spin-waiting makes
// PyTorch on 2 threads some 50× slower than on 1 (measured: 5k vs 264k samples/s on the tiny config);
// threads that sleep while they wait are the fair comparison.
const PASSIVE = { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' };

function torch(name: string, file: string, threads: number): Contender {
  const env = threads === 1 ? process.env : PASSIVE;
  const cpu: number[] = [];
  const script = path.join(repo, 'bench', 'torch_scale.py');
  return { name, cpu, run: () => timedProcess('/usr/bin/python3', [script, file, String(threads)], env, cpu) };
}

function torchDefaultThreads(): number | null {
  const run = spawnSync('/usr/bin/python3', ['-c', 'import torch; print(torch.get_num_threads())'], {
    encoding: 'utf8',
  });
  return run.status === 0 ? Number(run.stdout.trim()) : null;
}

function main(): void {
  const bin = path.join(repo, 'bin', 'gamma-ce.js');
  if (!fs.existsSync(path.join(repo, 'dist', 'cli.js'))) {
    console.error('bench:scale runs the built CLI: npm run build first');
    process.exitCode = 2;
    return;
  }
  const file = path.join(os.tmpdir(), `gamma-ce-bench-scale-${process.pid}.csv`);
  writeScaleCsv(file);
  const cores = os.availableParallelism();
  const defaultThreads = torchDefaultThreads();
  console.log(
    `${path.basename(file)}: 60,000 rows × 64 features, 10 classes, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB; ` +
      `train ${TRAIN_ARGS.join(' ')} (CE and γ-CE), file → report; ${REPEATS} interleaved repetitions; ` +
      `PyTorch's default threads here: ${defaultThreads ?? 'no torch'}; ${cores} cores`,
  );
  const contenders = [cli('ours', bin, file)];
  if (process.env.BENCH_BASELINE_BIN) contenders.push(cli('ours (baseline)', process.env.BENCH_BASELINE_BIN, file));
  if (defaultThreads !== null) {
    contenders.push(torch('PyTorch 1 thread', file, 1));
    if (defaultThreads !== 1 && defaultThreads !== cores)
      contenders.push(torch(`PyTorch default (${defaultThreads} threads, passive)`, file, 0));
    contenders.push(torch(`PyTorch all cores (${cores}, passive)`, file, cores));
  }
  let before = loadAverage();
  let scale: Measured[];
  try {
    scale = interleaved(contenders, REPEATS);
  } finally {
    fs.rmSync(file, { force: true });
  }
  console.log(`load average before ${before}, after ${loadAverage()}`);
  printTable('Realistic config, seconds file → report (lower is faster)', 's', scale, 'PyTorch 1 thread');
  let tiny: Measured[] = [];
  if (process.env.BENCH_TINY !== '0') {
    before = loadAverage();
    tiny = tinySideBySide(Math.max(REPEATS, 3), false).ce;
    console.log(`\ntiny config (MLP 32→64→10, batch 256): load average before ${before}, after ${loadAverage()}`);
    printTable('Tiny config, CE samples/s (higher is faster)', 'samples/s', tiny, 'PyTorch 1 thread');
  }
  summary(scale, tiny);
}

/** config × (ours, PyTorch 1 thread, PyTorch all cores): medians and our speed ratio to each. */
function summary(scale: Measured[], tiny: Measured[]): void {
  const pick = (rows: Measured[], prefix: string) => rows.find((r) => r.name.startsWith(prefix) && r.values.length);
  const line = (
    config: string,
    rows: Measured[],
    unit: 's' | 'samples/s',
    fmt: (v: number) => string,
    faster: (ours: number, ref: number) => number,
  ) => {
    const ours = pick(rows, 'ours');
    if (!ours) return;
    const cells = ['PyTorch 1 thread', 'PyTorch all cores'].map((prefix) => {
      const ref = pick(rows, prefix);
      if (!ref) return '—';
      const paired = pairedRatios(ours, ref, unit);
      const byRound = paired.length ? `, paired ${median(paired).toFixed(2)}×` : '';
      return `${fmt(median(ref.values))} (ours ${faster(median(ours.values), median(ref.values)).toFixed(2)}×${byRound})`;
    });
    console.log(`  ${config.padEnd(22)} ${fmt(median(ours.values)).padEnd(12)} ${cells[0].padEnd(26)} ${cells[1]}`);
  };
  console.log(`\n  ${'config'.padEnd(22)} ${'ours'.padEnd(12)} ${'PyTorch 1 thread'.padEnd(26)} PyTorch all cores`);
  line(
    '60k×64, 64→256→10',
    scale,
    's',
    (v) => `${v.toFixed(2)} s`,
    (ours, ref) => ref / ours,
  );
  line(
    '8k×32, 32→64→10 (CE)',
    tiny,
    'samples/s',
    (v) => `${Math.round(v / 1000)}k/s`,
    (ours, ref) => ours / ref,
  );
}

main();
