import * as os from 'os';
import { readTableFromBytes } from '../../core/data/readTable';
import type { TrainConfig } from '../../core/train/config';
import { datasetInfo, runExperiment } from '../../core/train/experiment';
import { tableSeedSource } from '../../core/train/seedData';
import type { SeedDraw } from '../../core/train/seedData';
import type { TrainingData } from '../../core/train/types';
import type { Channel } from '../../messaging/channel';
import type { HostToTrainWorker, PoolSource, TrainWorkerToHost } from '../protocol';

type Data = TrainingData & { schema?: unknown };

/**
 * A pool worker's side: poolInit reads the file (or takes the dataset) once; each poolJob trains
 * some runs of one draw with runExperiment, exactly as the whole experiment would train them.
 */
export function serveJobs(host: Channel<TrainWorkerToHost, HostToTrainWorker>): void {
  let state: { dataOf: (draw: SeedDraw | null) => Data; config: Partial<TrainConfig>; wasmDir: string } | undefined;

  host.handle('poolInit', async ({ source, config, wasmDir, lowPriority }) => {
    if (lowPriority) lowerPriority();
    state = { dataOf: await dataSource(source), config, wasmDir };
    return null;
  });

  host.handle('poolJob', async ({ draw, runs }) => {
    if (!state) throw new Error('poolJob before poolInit');
    const data = state.dataOf(draw);
    const config = draw ? { ...state.config, seed: draw.seed } : state.config;
    const report = await runExperiment(data, config, {
      wasmDir: state.wasmDir,
      only: runs,
      onEvent: (event) => host.post({ type: 'event', event }),
    });
    return {
      backend: report.backend,
      dataset: datasetInfo(data),
      ...(data.schema === undefined ? {} : { schema: data.schema }),
      runs: report.runs,
    };
  });
}

/** Niceness of an extension host's training threads: below the host's thread, still all the idle CPU. */
const WORKER_NICENESS = 10;

/** Lowers this thread's priority: on Linux setpriority(0) applies to the calling thread alone. */
function lowerPriority(): void {
  try {
    os.setPriority(Math.max(os.getPriority(), WORKER_NICENESS));
  } catch {
    // Not permitted or not supported: train at the normal priority.
  }
}

async function dataSource(source: PoolSource): Promise<(draw: SeedDraw | null) => Data> {
  if (source.kind === 'data') return () => source.data;
  const { label, strict, format, maxBytes } = source.options;
  // The pool shares one copy of the bytes among its workers; the readers get a copy of their own.
  const bytes = source.bytes.buffer instanceof SharedArrayBuffer ? source.bytes.slice() : source.bytes;
  const table = await readTableFromBytes(bytes, source.fileName, { label, strict, format, maxBytes });
  const draws = tableSeedSource(table, source.options);
  return (draw) => {
    if (!draw) throw new Error('a file source trains draws');
    return draws(draw);
  };
}
