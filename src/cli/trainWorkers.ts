import { existsSync } from 'fs';
import { readFile } from 'fs/promises';
import * as path from 'path';
import type { TrainConfig } from '../core/train/config';
import type { ExperimentReport } from '../core/train/experiment';
import type { SeedStudyReport } from '../core/train/studyPlan';
import type { TrainEvent, TrainingData } from '../core/train/types';
import { RemoteError } from '../messaging/errors';
import { experimentOnPool, PoolOptions, studyOnPool } from '../worker/pool/trainPool';
import { DATA_FILE_ERROR, TRAIN_WORKER } from '../worker/protocol';
import { CliFileError } from './inputFile';
import { UsageError } from './usageError';

export const MAX_WORKERS = 64;

/**
 * The pool `--workers` asks for: N worker threads, by default one per run up to the cores; none
 * (train in this thread) for 0, or when the CLI runs from its sources rather than from dist/, where
 * trainWorker.js and its .wasm files sit next to cli.js.
 */
export function cliPool(flag: string | undefined): PoolOptions | null {
  const workers = flag === undefined ? undefined : Number(flag);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0 && workers <= MAX_WORKERS))
    throw new UsageError(`--workers must be a whole number from 0 to ${MAX_WORKERS}, got '${flag}'`);
  const workerScript = path.join(__dirname, TRAIN_WORKER.script);
  if (workers === 0 || !existsSync(workerScript)) return null;
  return { workerScript, wasmDir: path.join(__dirname, 'wasm'), workers };
}

export async function studyOnWorkers(
  pool: PoolOptions,
  file: string,
  label: string | undefined,
  config: Partial<TrainConfig>,
  noise: number,
  onEvent: (event: TrainEvent) => void,
): Promise<SeedStudyReport> {
  const bytes = await readFile(file);
  const study = { bytes, fileName: file, options: { label, noise }, config };
  return userProblems(studyOnPool(study, onEvent, pool).result);
}

export function experimentOnWorkers(
  pool: PoolOptions,
  data: (TrainingData & { schema?: unknown }) | Promise<TrainingData & { schema?: unknown }>,
  config: Partial<TrainConfig>,
  onEvent: (event: TrainEvent) => void,
): Promise<ExperimentReport> {
  return userProblems(experimentOnPool(data, config, onEvent, pool).result);
}

/** What a worker says of the file or the data (not a crash) is printed as the one line it is. */
async function userProblems<T>(result: Promise<T>): Promise<T> {
  try {
    return await result;
  } catch (error) {
    if (error instanceof RemoteError && [DATA_FILE_ERROR, 'RangeError', 'TrainConfigError'].includes(error.remoteName))
      throw new CliFileError(error.message);
    throw error;
  }
}
