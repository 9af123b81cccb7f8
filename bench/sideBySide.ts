// Side-by-side measurement for the benchmarks: contenders run interleaved (one repetition of each
// in turn, so a machine that gets busier slows all alike), reported as medians with the spread
// (min–max) as the noise, ratios of the medians and ratios paired by round, and the machine's load
// before and after.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

export interface Contender {
  name: string;
  /** CPU seconds of each repetition, where measured. */
  cpu?: number[];
  /** One repetition: the figure measured (seconds, or samples/s), or null where it cannot run. */
  run(): number | null;
}

export interface Measured {
  name: string;
  values: number[];
  /** Each round's figure, null where the run failed: for ratios paired by round. */
  rounds?: (number | null)[];
  cpu?: number[];
}

export function interleaved(contenders: Contender[], repeats: number): Measured[] {
  const measured: Measured[] = contenders.map((c) => ({ name: c.name, values: [], rounds: [], cpu: c.cpu }));
  for (let r = 0; r < repeats; r++) {
    contenders.forEach((c, i) => {
      const value = c.run();
      measured[i].rounds!.push(value);
      if (value !== null) measured[i].values.push(value);
    });
  }
  return measured;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function spread(values: number[], format: (value: number) => string): string {
  return `${format(Math.min(...values))}–${format(Math.max(...values))}`;
}

export function loadAverage(): string {
  try {
    return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

const TIME = '/usr/bin/time';

/**
 * Wall-clock seconds of a child process, or null (with its stderr shown) if it fails; where GNU time
 * is installed, the CPU seconds (user + system, all threads) it used are pushed onto `cpu`: on a
 * shared machine they vary far less than the wall clock.
 */
export function timedProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  cpu?: number[],
): number | null {
  const usage = path.join(os.tmpdir(), `gamma-ce-bench-time-${process.pid}.txt`);
  const timed = cpu !== undefined && fs.existsSync(TIME);
  const [cmd, argv] = timed ? [TIME, ['-f', '%U %S', '-o', usage, command, ...args]] : [command, args];
  const t0 = performance.now();
  const run = spawnSync(cmd, argv, { encoding: 'utf8', env, timeout: 600_000, maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  if (run.status !== 0) {
    process.stderr.write(`${command} ${args.join(' ')} failed (${run.status}): ${run.stderr.slice(-2000)}\n`);
    return null;
  }
  if (timed) {
    const [user, system] = fs.readFileSync(usage, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    cpu.push(user + system);
    fs.rmSync(usage, { force: true });
  }
  return seconds;
}

/**
 * The speed ratio to `ref` round by round (ref/row for times, row/ref for rates), for the rounds both
 * ran: a drift of the machine's speed during the run moves both sides of each ratio alike.
 */
export function pairedRatios(row: Measured, ref: Measured, unit: 's' | 'samples/s'): number[] {
  const ratios: number[] = [];
  (row.rounds ?? []).forEach((value, r) => {
    const other = ref.rounds?.[r];
    if (value === null || other === null || other === undefined) return;
    ratios.push(unit === 's' ? other / value : value / other);
  });
  return ratios;
}

/**
 * The table: one row per contender with its median, spread and ratio to `reference` (the
 * reference's median over the contender's, for times: above 1 means faster than the reference).
 */
export function printTable(title: string, unit: 's' | 'samples/s', rows: Measured[], reference: string): void {
  const ref = rows.find((r) => r.name === reference && r.values.length > 0);
  console.log(`\n${title}`);
  const head = `  ${'contender'.padEnd(34)} ${'median'.padStart(12)}  ${'min–max'.padStart(17)}`;
  console.log(
    `${head}  ${`speed vs ${reference}`.padEnd(22)}  ${'paired by round'.padEnd(20)}  ${unit === 's' ? 'CPU s, median (min–max)' : ''}`,
  );
  for (const row of rows) {
    if (row.values.length === 0) {
      console.log(`  ${row.name.padEnd(34)} (not run)`);
      continue;
    }
    const m = median(row.values);
    const ratio = ref ? (unit === 's' ? median(ref.values) / m : m / median(ref.values)) : NaN;
    const format = (v: number) => (unit === 's' ? v.toFixed(2) : `${Math.round(v / 1000)}k`);
    const shown = unit === 's' ? `${m.toFixed(2)} s` : `${Math.round(m).toLocaleString('en-US')}/s`;
    const cpu = row.cpu?.length ? `${median(row.cpu).toFixed(2)} (${spread(row.cpu, (v) => v.toFixed(2))})` : '';
    const shownRatio = Number.isNaN(ratio) ? '' : `${ratio.toFixed(2)}×`;
    const paired = ref && ref !== row ? pairedRatios(row, ref, unit) : [];
    const shownPaired = paired.length ? `${median(paired).toFixed(2)}× (${spread(paired, (v) => v.toFixed(2))})` : '';
    console.log(
      `  ${row.name.padEnd(34)} ${shown.padStart(12)}  ${spread(row.values, format).padStart(17)}  ${shownRatio.padEnd(22)}  ${shownPaired.padEnd(20)}  ${cpu}`,
    );
  }
}
