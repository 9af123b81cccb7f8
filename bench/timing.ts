// Shared by bench/seedsBench.ts and bench/lmBench.ts: timed child processes, medians with their
// spread, and the machine's load (other sessions share its cores, so every figure carries it).
import { spawn } from 'child_process';
import * as fs from 'fs';
import { performance } from 'perf_hooks';

export interface Timed {
  seconds: number;
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs a command to its end; seconds from spawn to exit. */
export function timedSpawn(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ seconds: (performance.now() - started) / 1000, stdout, stderr, code }));
  });
}

/** timedSpawn under /usr/bin/time: also the CPU seconds (user + system) the process used. */
export async function timedWithCpu(command: string, args: string[]): Promise<Timed & { cpuSeconds: number }> {
  const run = await timedSpawn('/usr/bin/time', ['-f', 'cpu %U %S', command, ...args]);
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(run.stderr);
  if (!cpu) throw new Error(`no CPU time from /usr/bin/time: ${run.stderr}`);
  return { ...run, stderr: run.stderr.slice(0, cpu.index), cpuSeconds: Number(cpu[1]) + Number(cpu[2]) };
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** "median (min–max, n = N)" with `digits` decimals. */
export function spread(xs: readonly number[], digits = 2, unit = ''): string {
  const f = (x: number) => x.toFixed(digits);
  return `${f(median(xs))}${unit} (min–max ${f(Math.min(...xs))}–${f(Math.max(...xs))}, n = ${xs.length})`;
}

/** The 1-, 5- and 15-minute load averages from /proc/loadavg ('?' where it cannot be read). */
export function loadAverage(): string {
  try {
    return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return '?';
  }
}
