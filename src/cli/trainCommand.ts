import * as fs from 'fs/promises';
import * as path from 'path';
import { experimentReportJson } from '../core/reports/reportJson';
import { fileBytes, ReportFile } from '../core/reports/reportFile';
import { studyFolderFiles } from '../core/reports/studyFolder';
import { runFolderFiles } from '../core/reports/runFolder';
import { runsTable, runsTableText } from '../core/reports/runsTable';
import { Baseline, resolveTrainConfig, TrainConfig, TrainConfigError } from '../core/train/config';
import type { EncodedDataset } from '../core/data/dataset';
import type { ExperimentReport } from '../core/train/experiment';
import { tableSeedSource } from '../core/train/seedData';
import { isSeedStudy, seedStudyJson } from '../core/train/studyPlan';
import type { TrainEvent } from '../core/train/types';
import { describeReadError } from './describeReadError';
import { nonEmptyDirectory, nonEmptyMessage } from './outFolder';
import { trainSettingsProblem } from './trainSettingsProblem';
import { exportTorch } from './exportTorch';
import { formatStudy } from './formatStudy';
import { loadDatasetFile, readDatasetTable } from './datasetInput';
import { CliFileError, withInputFile } from './inputFile';
import type { Io } from './main';
import { parseCliArgs } from './parseCliArgs';
import { cliPool, experimentOnWorkers, studyOnWorkers } from './trainWorkers';
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
  'export-torch': { type: 'string' },
  json: { type: 'boolean' },
  workers: { type: 'string' },
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
  if (values.noise !== undefined && values['noise-sweep'] !== undefined)
    throw new UsageError('use --noise or --noise-sweep, not both');
  let study: boolean;
  try {
    study = isSeedStudy(resolveTrainConfig(config)); // refuse bad settings before the file is read
  } catch (error) {
    if (!(error instanceof TrainConfigError)) throw error;
    io.stderr(`gamma-ce: ${error.message}\n`);
    return 1;
  }
  const noise = values.noise === undefined ? 0 : numberFlag('noise', values.noise);
  if (values['export-torch'] !== undefined)
    return exportTorch(file, values['export-torch'], config, { label: values.label, noise }, io);
  const pool = cliPool(values.workers);

  if (values.out !== undefined && (await nonEmptyDirectory(values.out))) {
    io.stderr(`gamma-ce: ${nonEmptyMessage(values.out, '--out')}\n`);
    return 1;
  }
  return withInputFile(
    file,
    io,
    async () => {
      const progress = !values.json && io.isTTY ? progressBar(io) : undefined;
      if (study) {
        const report = pool
          ? await studyOnWorkers(pool, file, values.label, config, noise, progress ?? (() => undefined))
          : await (
              await inProcess()
            ).runSeedStudy(
              tableSeedSource(await readDatasetTable(file, { label: values.label }), {
                label: values.label,
              }),
              config,
              { wasmDir: installedWasmDir(), onEvent: progress, noise },
            );
        if (progress) io.stderr('\n');
        if (values.out !== undefined) await writeOut(values.out, studyFolderFiles(report));
        io.stdout(values.json ? `${JSON.stringify(seedStudyJson(report), null, 2)}\n` : formatStudy(report));
        return report.runs.some((r) => r.status === 'ok') ? 0 : 1;
      }
      const loading = loadDatasetFile(file, { label: values.label, noise, seed: config.seed ?? 0 });
      let dataset: EncodedDataset;
      let report: ExperimentReport;
      // The workers start (tfjs, its wasm) while this thread reads the file; a read error is the one reported.
      if (pool)
        [dataset, report] = await Promise.all([
          loading,
          experimentOnWorkers(pool, loading, config, progress ?? (() => undefined)),
        ]);
      else {
        dataset = await loading;
        report = await (
          await inProcess()
        ).runExperiment(dataset, config, { wasmDir: installedWasmDir(), onEvent: progress });
      }
      if (progress) io.stderr('\n');
      if (values.out !== undefined) await writeOut(values.out, runFolderFiles(report));
      io.stdout(
        values.json ? `${JSON.stringify(experimentReportJson(report), null, 2)}\n` : summary(report, dataset.noise),
      );
      return report.runs.some((r) => r.status === 'ok') ? 0 : 1;
    },
    trainSettingsProblem,
  );
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
  if (v.baselines !== undefined)
    config.baselines = v.baselines
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean) as Baseline[];
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

/** A run or study folder, each file created anew ('wx'): nothing is overwritten. */
async function writeOut(dir: string, files: ReportFile[]): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
    for (const file of files) await fs.writeFile(path.join(dir, file.name), fileBytes(file.content), { flag: 'wx' });
  } catch (error) {
    throw new CliFileError(`cannot write ${dir}: ${describeReadError(error as NodeJS.ErrnoException)}`);
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
      io.stderr(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] run ${index + 1}/${total} ${run.padEnd(28).slice(0, 28)} epoch ${event.record.epoch}/${event.epochs}  `,
      );
    }
  };
}

function summary(report: ExperimentReport, noise: { rate: number; flipped: number }): string {
  const r = report.dataset.rows;
  const lines = [
    `${report.dataset.file}: ${r.train}/${r.validation}/${r.test} rows (train/validation/test), ${report.dataset.classNames.length} classes, backend ${report.backend}` +
      (noise.rate > 0 ? `, label noise ${noise.rate} (${noise.flipped} training labels flipped)` : ''),
    '',
    ...runsTableText(runsTable(report.runs)),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Training on this thread (`--workers 0`): loaded only then, so that with workers TensorFlow.js
 * loads in them and not on the thread that reads the file.
 */
async function inProcess() {
  const [{ runExperiment }, { runSeedStudy }] = await Promise.all([
    import('../core/train/experiment'),
    import('../core/train/seedStudy'),
  ]);
  return { runExperiment, runSeedStudy };
}
