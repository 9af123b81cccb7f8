// Benchmark (npm run bench:seeds), issue 13's configuration: Digits, 5 seeds × (CE, γ-CE, GCE, SCE),
// 50 epochs, 30 % training-label noise (BENCH_NOISE), through the built CLI (`gamma-ce train
// --seeds 5 --workers N --json`, dist/), file to summary, with 1 and with 2 worker threads.
// BENCH_ROUNDS (default 3) rounds, the two worker counts interleaved (ABBA order from round to
// round, so a drift in the machine's load weighs on both); medians and min–max, the per-round
// 1-worker/2-worker ratio, CPU time (/usr/bin/time), /proc/loadavg around every run. Checks that
// every run gives the same summary (the pool's determinism), then prints it: means ± 95 %
// interval, paired differences from CE.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { summaryTable } from '../src/cli/formatStudy';
import { INTERVAL_METHOD, type StudySummary } from '../src/core/stats/summary';
import { loadAverage, median, spread, timedWithCpu } from './timing';

const REPO = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO, 'bin', 'gamma-ce.js');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const NOISE = Number(process.env.BENCH_NOISE ?? 0.3);
const GOAL_SECONDS = 15;
const ARGS = [
  ...['train', path.join(REPO, 'media', 'datasets', 'digits.csv'), '--label', 'digit'],
  ...['--seeds', '5', '--baselines', 'gce,sce', '--epochs', '50', '--noise', String(NOISE), '--json'],
];

interface StudyJson {
  backend: string;
  reference: string;
  summary: StudySummary;
  evidence: Record<string, string>;
}

async function study(workers: number): Promise<{ seconds: number; cpu: number; report: StudyJson }> {
  const run = await timedWithCpu(process.execPath, [CLI, ...ARGS, '--workers', String(workers)]);
  if (run.code !== 0) throw new Error(`gamma-ce train --workers ${workers} failed (${run.code}): ${run.stderr}`);
  return { seconds: run.seconds, cpu: run.cpuSeconds, report: JSON.parse(run.stdout) as StudyJson };
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(REPO, 'dist', 'cli.js')) || !fs.existsSync(path.join(REPO, 'dist', 'trainWorker.js')))
    throw new Error('dist/cli.js or dist/trainWorker.js is missing: run `npm run build` first');
  console.log(`gamma-ce ${ARGS.join(' ').replace(REPO + path.sep, '')} --workers 1|2`);
  console.log(`${os.availableParallelism()} cores available; load average at start ${loadAverage()}\n`);
  const seconds: Record<number, number[]> = { 1: [], 2: [] };
  const cpuSeconds: Record<number, number[]> = { 1: [], 2: [] };
  const ratios: number[] = [];
  const summaries = new Set<string>();
  let last: StudyJson | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? [1, 2] : [2, 1];
    const times: Record<number, number> = {};
    for (const workers of order) {
      const before = loadAverage();
      const { seconds: s, cpu, report } = await study(workers);
      times[workers] = s;
      seconds[workers].push(s);
      cpuSeconds[workers].push(cpu);
      summaries.add(JSON.stringify(report.summary));
      last = report;
      console.log(
        `round ${round + 1}  ${workers} worker${workers > 1 ? 's' : ' '}  ${s.toFixed(2).padStart(6)} s  (CPU ${cpu.toFixed(1)} s)   load ${before} → ${loadAverage()}`,
      );
    }
    ratios.push(times[1] / times[2]);
  }
  const two = median(seconds[2]);
  console.log(`\nwall time, file to summary (${ROUNDS} interleaved rounds):`);
  console.log(`  1 worker   ${spread(seconds[1], 2, ' s')}`);
  console.log(
    `  2 workers  ${spread(seconds[2], 2, ' s')}   goal ≤ ${GOAL_SECONDS} s: ${two <= GOAL_SECONDS ? 'met' : 'MISSED'}`,
  );
  console.log(`  ratio 1 worker / 2 workers, per round: ${spread(ratios, 2, '×')}`);
  console.log(
    `  CPU time (user + system, every thread): 1 worker ${spread(cpuSeconds[1], 1, ' s')}, 2 workers ${spread(cpuSeconds[2], 1, ' s')}`,
  );
  console.log(`  load average at the end ${loadAverage()}`);
  console.log(
    `\nsame summary from every run (1 and 2 workers): ${summaries.size === 1 ? 'yes' : `NO (${summaries.size} different)`}`,
  );
  if (!last) return;
  console.log(`\ntest metrics, ${INTERVAL_METHOD}; backend ${last.backend}`);
  for (const line of summaryTable(last.summary, last.reference)) console.log(line);
  for (const sentence of Object.values(last.evidence)) console.log(`  ${sentence}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
