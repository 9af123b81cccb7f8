import * as fs from 'fs/promises';
import * as path from 'path';
import { DataFileError } from '../core/data/dataFileError';
import {
  buildCorpus,
  Corpus,
  decodeTextFile,
  formatLmReport,
  LmConfig,
  LmConfigError,
  lmReport,
  LmRunOutcome,
  lmRunSpecs,
  resolveLmConfig,
  TextFile,
  tokenPredictionsCsv,
  trainLmRun,
} from '../core/lm';
import { useBackend } from '../core/train/backend';
import type { BackendName } from '../core/train/config';
import { lmOnPool } from '../worker/pool/lmPool';
import type { PoolOptions } from '../worker/pool/trainPool';
import { cliPool } from './trainWorkers';
import { slug } from '../core/train/slug';
import { nonEmptyDirectory, nonEmptyMessage } from './outFolder';
import { describeReadError } from './describeReadError';
import type { Io } from './main';
import { parseCliArgs } from './parseCliArgs';
import { UsageError } from './usageError';
import { installedWasmDir } from './wasmDir';

const OPTIONS = {
  gamma: { type: 'string' },
  threshold: { type: 'string' },
  objective: { type: 'string' },
  schedule: { type: 'string' },
  steps: { type: 'string' },
  context: { type: 'string' },
  layers: { type: 'string' },
  dim: { type: 'string' },
  heads: { type: 'string' },
  batch: { type: 'string' },
  lr: { type: 'string' },
  seed: { type: 'string' },
  samples: { type: 'string' },
  length: { type: 'string' },
  temperature: { type: 'string' },
  'top-k': { type: 'string' },
  backend: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  workers: { type: 'string' },
} as const;

const NUMBER_FLAGS: Array<[keyof typeof OPTIONS, keyof LmConfig]> = [
  ['gamma', 'gamma'],
  ['threshold', 'threshold'],
  ['steps', 'steps'],
  ['context', 'context'],
  ['layers', 'layers'],
  ['dim', 'dim'],
  ['heads', 'heads'],
  ['batch', 'batch'],
  ['lr', 'learningRate'],
  ['seed', 'seed'],
  ['samples', 'samples'],
  ['length', 'sampleLength'],
  ['temperature', 'temperature'],
  ['top-k', 'topK'],
];

/** `gamma-ce lm FILE…`: trains CE and TaiLr (or γ-CE) character models on the files' text. */
export async function runLm(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCliArgs(args, OPTIONS);
  if (positionals.length === 0) throw new UsageError('lm takes one or more text files');
  const partial: Partial<LmConfig> = {};
  for (const [flag, key] of NUMBER_FLAGS) {
    const text = values[flag] as string | undefined;
    if (text === undefined) continue;
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value))
      throw new UsageError(`--${flag} must be a number, got '${text}'`);
    (partial as Record<string, number>)[key] = value;
  }
  if (values.objective !== undefined) partial.objective = values.objective as LmConfig['objective'];
  if (values.schedule !== undefined) partial.schedule = values.schedule as LmConfig['schedule'];
  const backend = values.backend ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') throw new UsageError(`--backend must be wasm or cpu, got '${backend}'`);
  try {
    const config = resolveLmConfig(partial);
    if (values.out !== undefined && (await nonEmptyDirectory(values.out)))
      return fail(io, nonEmptyMessage(values.out, '--out'));
    const files: TextFile[] = [];
    for (const file of positionals) files.push(decodeTextFile(file, await readFile(file)));
    const corpus = buildCorpus(files, config.context);
    const pool = cliPool(values.workers);
    const outcomes = pool
      ? await trainOnWorkers(pool, files, config, backend, io, !values.json)
      : await trainInProcess(corpus, config, backend, io, !values.json);
    const report = lmReport(
      corpus,
      config,
      outcomes.map((o) => o.report),
    );
    if (values.out !== undefined) {
      const dir = values.out;
      await writeNew(dir, 'report.json', `${JSON.stringify(report, null, 2)}\n`);
      await writeNew(dir, 'report.txt', formatLmReport(report));
      for (const o of outcomes)
        if (o.predictions)
          await writeNew(
            dir,
            `predictions-${slug(o.report.name)}.csv`,
            tokenPredictionsCsv(corpus.vocabulary, o.predictions),
          );
    }
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatLmReport(report));
    return report.runs.every((r) => r.status === 'ok') ? 0 : 1;
  } catch (error) {
    if (error instanceof DataFileError || error instanceof LmConfigError || error instanceof FileProblem)
      return fail(io, error.message);
    throw error;
  }
}

async function trainInProcess(
  corpus: Corpus,
  config: LmConfig,
  backend: BackendName,
  io: Io,
  verbose: boolean,
): Promise<LmRunOutcome[]> {
  await useBackend(backend, installedWasmDir());
  const outcomes = [];
  for (const spec of lmRunSpecs(config)) {
    if (verbose) io.stderr(`training ${spec.name} (${config.steps} steps)…\n`);
    outcomes.push(await trainLmRun(corpus, config, spec));
  }
  return outcomes;
}

/** Both runs at once, each on a worker of the pool: the same numbers as in-process. */
async function trainOnWorkers(
  pool: PoolOptions,
  files: TextFile[],
  config: LmConfig,
  backend: BackendName,
  io: Io,
  verbose: boolean,
): Promise<LmRunOutcome[]> {
  if (verbose)
    io.stderr(
      `training ${lmRunSpecs(config)
        .map((s) => s.name)
        .join(' and ')} (${config.steps} steps) on workers…\n`,
    );
  return (await lmOnPool(files, config, backend, () => undefined, pool).result).outcomes;
}

class FileProblem extends Error {}

function fail(io: Io, message: string): number {
  io.stderr(`gamma-ce: ${message}\n`);
  return 1;
}

async function readFile(file: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new FileProblem(`cannot read ${file}: ${e.code === 'EISDIR' ? 'it is a directory' : describeReadError(e)}`);
  }
}

/** Creates `name` in `dir` anew ('wx'): nothing is overwritten. */
async function writeNew(dir: string, name: string, content: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, name), content, { flag: 'wx' });
  } catch (error) {
    throw new FileProblem(`cannot write ${dir}: ${describeReadError(error as NodeJS.ErrnoException)}`);
  }
}
