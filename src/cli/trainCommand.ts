import * as fs from 'fs/promises';
import * as path from 'path';
import { DataFileError } from '../core/data/dataFileError';
import { readColumns } from '../core/data/columnReader';
import { loadDataset } from '../core/data/dataset';
import { Baseline, resolveTrainConfig, TrainConfig, TrainConfigError } from '../core/train/config';
import { runExperiment } from '../core/train/experiment';
import { predictionsCsv } from '../core/train/predictionsCsv';
import { experimentReportJson } from '../core/train/reportJson';
import { tableSeedSource } from '../core/train/seedData';
import { isSeedStudy, runSeedStudy, seedStudyJson } from '../core/train/seedStudy';
import type { RunReport, TrainEvent } from '../core/train/types';
import { slug } from '../core/train/slug';
import { formatStudy, studyPredictionRuns } from './formatStudy';
import type { Io } from './main';
import { parseCliArgs } from './parseCliArgs';
import { UsageError } from './usageError';
import { installedWasmDir } from './wasmDir';

export const OPTIONS = {
  label: { type: 'string' },
  model: { type: 'string' },
  hidden: { type: 'string' },
  gamma: { type: 'string' },
  threshold: { type: 'string' },
  schedule: { type: 'string' },
  sweep: { type: 'string' },
  baselines: { type: 'string' },
  noise: { type: 'string' },
  'noise-sweep': { type: 'string' },
  seeds: { type: 'string' },
  'fixed-split': { type: 'boolean' },
  'gce-q': { type: 'string' },
  'tailr-smoothing': { type: 'string' },
  epochs: { type: 'string' },
  batch: { type: 'string' },
  lr: { type: 'string' },
  'weight-decay': { type: 'string' },
  patience: { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export interface TrainIo extends Io {
  /** Whether stderr is a terminal (the progress bar is drawn only then). */
  isTTY?: boolean;
}

export async function runTrain(args: string[], io: TrainIo): Promise<number> {
  const { values, positionals } = parseCliArgs(args, OPTIONS);
  if (positionals.length !== 1) throw new UsageError('train takes exactly one data file');
  const file = positionals[0];
  const config = configFromFlags(values);
  if (values.noise !== undefined && values['noise-sweep'] !== undefined) throw new UsageError('use --noise or --noise-sweep, not both');
  let study: boolean;
  try {
    study = isSeedStudy(resolveTrainConfig(config)); // refuse bad settings before the file is read
  } catch (error) {
    if (!(error instanceof TrainConfigError)) throw error;
    io.stderr(`gamma-ce: ${error.message}\n`);
    return 1;
  }
  const noise = values.noise === undefined ? 0 : numberFlag('noise', values.noise);

  if (values.out !== undefined && (await nonEmptyDirectory(values.out))) {
    io.stderr(`gamma-ce: ${values.out} already exists and is not empty; nothing was written. Choose a new --out folder.\n`);
    return 1;
  }
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    io.stderr(`gamma-ce: cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}\n`);
    return 1;
  }
  try {
    const progress = !values.json && io.isTTY ? progressBar(io) : undefined;
    if (study) {
      const source = tableSeedSource(readColumns(bytes, file, { label: values.label }), { label: values.label });
      const report = await runSeedStudy(source, config, { wasmDir: installedWasmDir(), onEvent: progress, noise });
      if (progress) io.stderr('\n');
      const json = seedStudyJson(report);
      if (values.out !== undefined) await writeOut(values.out, json, { dataset: report.dataset, runs: studyPredictionRuns(report) });
      io.stdout(values.json ? `${JSON.stringify(json, null, 2)}\n` : formatStudy(report));
      return report.runs.some((r) => r.status === 'ok') ? 0 : 1;
    }
    const dataset = loadDataset(bytes, file, { label: values.label, noise, seed: config.seed ?? 0 });
    const report = await runExperiment(dataset, config, { wasmDir: installedWasmDir(), onEvent: progress });
    if (progress) io.stderr('\n');
    const json = { ...experimentReportJson(report), schema: dataset.schema };
    if (values.out !== undefined) await writeOut(values.out, json, report);
    io.stdout(values.json ? `${JSON.stringify(json, null, 2)}\n` : summary(report, dataset.noise));
    return report.runs.some((r) => r.status === 'ok') ? 0 : 1;
  } catch (error) {
    if (error instanceof DataFileError || error instanceof TrainConfigError || error instanceof RangeError) {
      io.stderr(`gamma-ce: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function configFromFlags(values: Partial<Record<keyof typeof OPTIONS, string | boolean>>): Partial<TrainConfig> {
  const v = values as Record<string, string | undefined>;
  const config: Partial<TrainConfig> = {};
  if (v.model !== undefined) config.model = v.model as TrainConfig['model'];
  if (v.hidden !== undefined) config.hidden = listFlag('hidden', v.hidden);
  if (v.gamma !== undefined) config.gamma = numberFlag('gamma', v.gamma);
  if (v.threshold !== undefined) config.threshold = numberFlag('threshold', v.threshold);
  if (v.schedule !== undefined) config.schedule = v.schedule as TrainConfig['schedule'];
  if (v.sweep !== undefined) config.sweep = listFlag('sweep', v.sweep);
  if (v.baselines !== undefined) config.baselines = v.baselines.split(',').map((b) => b.trim()).filter(Boolean) as Baseline[];
  if (v.epochs !== undefined) config.epochs = numberFlag('epochs', v.epochs);
  if (v.batch !== undefined) config.batchSize = numberFlag('batch', v.batch);
  if (v.lr !== undefined) config.learningRate = numberFlag('lr', v.lr);
  if (v['weight-decay'] !== undefined) config.weightDecay = numberFlag('weight-decay', v['weight-decay']);
  if (v.patience !== undefined) config.patience = numberFlag('patience', v.patience);
  if (v.seed !== undefined) config.seed = numberFlag('seed', v.seed);
  if (v.seeds !== undefined) config.seeds = numberFlag('seeds', v.seeds);
  if (values['fixed-split']) config.fixedSplit = true;
  if (v['noise-sweep'] !== undefined) config.noiseSweep = listFlag('noise-sweep', v['noise-sweep']);
  if (v['gce-q'] !== undefined) config.gceQ = numberFlag('gce-q', v['gce-q']);
  if (v['tailr-smoothing'] !== undefined) config.tailrSmoothing = numberFlag('tailr-smoothing', v['tailr-smoothing']);
  if (v.backend !== undefined) config.backend = v.backend as TrainConfig['backend'];
  return config;
}

function numberFlag(name: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--${name} must be a number, got '${text}'`);
  return value;
}

function listFlag(name: string, text: string): number[] {
  return text.split(',').map((part) => numberFlag(name, part.trim()));
}

async function nonEmptyDirectory(dir: string): Promise<boolean> {
  try {
    return (await fs.readdir(dir)).length > 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return true;
    return false;
  }
}

async function writeOut(dir: string, json: object, report: { dataset: { classNames: string[] }; runs: Array<Pick<RunReport, 'name' | 'predictions'>> }): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'report.json'), `${JSON.stringify(json, null, 2)}\n`, { flag: 'wx' });
  for (const run of report.runs) {
    if (!run.predictions) continue;
    const csv = predictionsCsv(report.dataset.classNames, run.predictions.probs, run.predictions.labels);
    await fs.writeFile(path.join(dir, `predictions-${slug(run.name)}.csv`), csv, { flag: 'wx' });
  }
}

function progressBar(io: TrainIo): (event: TrainEvent) => void {
  let run = '';
  let index = 0;
  let total = 1;
  return (event) => {
    if (event.type === 'runStart') {
      run = event.seed === undefined ? event.run : `${event.run} · seed ${event.seed}`;
      index = event.index;
      total = event.total;
    } else if (event.type === 'epoch') {
      const width = 24;
      const filled = Math.round((event.record.epoch / event.epochs) * width);
      io.stderr(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] run ${index + 1}/${total} ${run.padEnd(28).slice(0, 28)} epoch ${event.record.epoch}/${event.epochs}  `);
    }
  };
}

function summary(report: Awaited<ReturnType<typeof runExperiment>>, noise: { rate: number; flipped: number }): string {
  const r = report.dataset.rows;
  const lines = [
    `${report.dataset.file}: ${r.train}/${r.validation}/${r.test} rows (train/validation/test), ${report.dataset.classNames.length} classes, backend ${report.backend}` +
      (noise.rate > 0 ? `, label noise ${noise.rate} (${noise.flipped} training labels flipped)` : ''),
    '',
    `  ${'run'.padEnd(34)} ${'accuracy'.padStart(8)} ${'ECE'.padStart(7)} ${'MCE'.padStart(7)} ${'NLL'.padStart(7)} ${'Brier'.padStart(7)}`,
  ];
  for (const run of report.runs) {
    const t = run.test;
    lines.push(
      t
        ? `  ${run.name.padEnd(34)} ${t.accuracy.toFixed(4).padStart(8)} ${t.ece.toFixed(4).padStart(7)} ${t.mce.toFixed(4).padStart(7)} ${t.nll.toFixed(4).padStart(7)} ${t.brier.toFixed(4).padStart(7)}`
        : `  ${run.name.padEnd(34)} ${run.status}: ${run.message ?? ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
