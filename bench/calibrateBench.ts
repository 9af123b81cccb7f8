// Benchmark: `gamma-ce calibrate --json` on 5,000,000 × 10 predictions as CSV, Parquet and .npy, side
// by side with pandas.read_csv (numpy.load for .npy) + NumPy computing ECE, Brier and NLL on the same
// files (bench/calibrate_reference.py), interleaved, medians over rounds, wall time and peak RSS from
// /usr/bin/time -v. `npm run bench:calibrate [rows] [rounds]`; the files are written once by
// scripts/generate-bench-predictions.js into $TMPDIR/gamma-ce-calibrate-<rows>. BENCH_BASELINE_CLI=
// another build's out/bench/runCli.js adds its three runs to each round (before/after in one run).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO = path.resolve(__dirname, '..', '..');
const rows = Number(process.argv[2] ?? 5_000_000);
const rounds = Number(process.argv[3] ?? 3);
const dir = path.join(os.tmpdir(), `gamma-ce-calibrate-${rows}`);
const CLI = path.join(REPO, 'out', 'bench', 'runCli.js');
const PYTHON = path.join(REPO, 'bench', 'calibrate_reference.py');

interface Run {
  seconds: number;
  rssMb: number;
  result: Record<string, number>;
}

const RUNS: Record<string, string[]> = {
  'gamma-ce, CSV': [process.execPath, CLI, 'calibrate', 'preds.csv', '--json'],
  'pandas + NumPy, CSV': ['/usr/bin/python3', PYTHON, 'preds.csv'],
  'gamma-ce, Parquet': [process.execPath, CLI, 'calibrate', 'preds.parquet', '--json'],
  'gamma-ce, .npy': [process.execPath, CLI, 'calibrate', 'probs.npy', '--labels', 'labels.npy', '--json'],
  'NumPy, .npy': ['/usr/bin/python3', PYTHON, 'probs.npy', 'labels.npy'],
};

const BASELINE = process.env.BENCH_BASELINE_CLI;
if (BASELINE)
  for (const name of ['gamma-ce, CSV', 'gamma-ce, Parquet', 'gamma-ce, .npy'])
    RUNS[`${name}, before`] = [process.execPath, BASELINE, ...RUNS[name].slice(2)];

function measure(command: string[]): Run {
  const out = spawnSync('/usr/bin/time', ['-v', ...command], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (out.status !== 0) throw new Error(`${command.join(' ')} failed: ${out.stderr}`);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(out.stderr)!;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(out.stderr)!;
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  return { seconds, rssMb: Number(rss[1]) / 1024, result: JSON.parse(out.stdout) as Record<string, number> };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  if (!fs.existsSync(path.join(dir, 'preds.parquet'))) {
    console.log(`writing ${rows} × 10 predictions into ${dir} …`);
    const gen = spawnSync(
      process.execPath,
      [path.join(REPO, 'scripts', 'generate-bench-predictions.js'), dir, String(rows), '10'],
      {
        stdio: 'inherit',
      },
    );
    if (gen.status !== 0) throw new Error('generating the files failed');
  }
  for (const f of ['preds.csv', 'preds.parquet', 'probs.npy', 'labels.npy'])
    console.log(`${f}: ${(fs.statSync(path.join(dir, f)).size / 1e6).toFixed(0)} MB`);
  const runs = new Map<string, Run[]>(Object.keys(RUNS).map((k) => [k, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, command] of Object.entries(RUNS)) {
      const run = measure(command);
      runs.get(name)!.push(run);
      console.log(`round ${round + 1}  ${name.padEnd(30)} ${run.seconds.toFixed(2)} s  ${run.rssMb.toFixed(0)} MB`);
    }
  }
  const pandas = median(runs.get('pandas + NumPy, CSV')!.map((r) => r.seconds));
  console.log(`\nmedians of ${rounds} interleaved rounds, ${rows} rows × 10 classes (${os.cpus().length} cores)`);
  console.log(
    `${'run'.padEnd(30)} ${'wall s'.padStart(8)} ${'min–max'.padStart(13)} ${'peak RSS MB'.padStart(12)}  vs pandas CSV`,
  );
  for (const [name, list] of runs) {
    const s = list.map((r) => r.seconds);
    const line = `${name.padEnd(30)} ${median(s).toFixed(2).padStart(8)} ${`${Math.min(...s).toFixed(1)}–${Math.max(...s).toFixed(1)}`.padStart(13)} ${median(
      list.map((r) => r.rssMb),
    )
      .toFixed(0)
      .padStart(12)}  ${(pandas / median(s)).toFixed(2)}×`;
    console.log(line);
  }
  const ours = runs.get('gamma-ce, CSV')![0].result;
  const theirs = runs.get('pandas + NumPy, CSV')![0].result;
  console.log('\nsame numbers (gamma-ce vs NumPy, CSV):');
  for (const key of ['ece', 'brier', 'nll', 'accuracy'])
    console.log(
      `  ${key.padEnd(9)} ${ours[key]}  ${theirs[key]}  |Δ| = ${Math.abs(ours[key] - theirs[key]).toExponential(1)}`,
    );
  for (const name of ['gamma-ce, Parquet', 'gamma-ce, .npy']) {
    const r = runs.get(name)![0].result;
    const same = ['ece', 'mce', 'brier', 'nll', 'adaptiveEce', 'classwiseEce', 'smoothEce'].every(
      (k) => r[k] === ours[k],
    );
    console.log(`  ${name}: ${same ? 'the CSV report, number for number' : 'DIFFERS from the CSV report'}`);
  }
}

main();
