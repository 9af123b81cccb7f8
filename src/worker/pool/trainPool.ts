import * as os from 'os';
import { resolveTrainConfig, TrainConfig } from '../../core/train/config';
import type { ExperimentReport } from '../../core/train/experiment';
import { planRuns } from '../../core/train/plan';
import type { SeedDraw } from '../../core/train/seedData';
import { planStudy, SeedStudyReport, StudyDraw, studyReport, studyRun } from '../../core/train/studyPlan';
import type { SplitData, TrainEvent, TrainingData } from '../../core/train/types';
import { WorkerJob } from '../../messaging/workerJob';
import {
  DatasetWorkerOptions,
  HostToTrainWorker,
  PoolInitRequest,
  PoolJobReply,
  TRAIN_WORKER,
  TrainWorkerToHost,
} from '../protocol';
import { inPlanOrder, runGroups } from './runGroups';
import { defaultPoolSize, PoolMember, runPool } from './workerPool';

export interface PoolOptions {
  /** dist/trainWorker.js (or a stand-in, in tests). */
  workerScript: string;
  /** Folder of the wasm backend's .wasm files. */
  wasmDir: string;
  /** Default: one per job, up to os.availableParallelism(). */
  workers?: number;
  /** Train at a lower thread priority than the caller's (the extension host keeps its thread responsive). */
  lowPriority?: boolean;
}

/** A training on the pool: settles once; cancel terminates every worker. */
export interface PoolTask<T> {
  readonly result: Promise<T>;
  cancel(this: void, reason: unknown): void;
  /** Resolves once every worker has exited. */
  readonly exited: Promise<void>;
}

interface Job {
  draw: StudyDraw | null;
  runs: string[];
}

export interface StudyFile {
  bytes: Uint8Array;
  /** The name to use in messages. */
  fileName: string;
  /** How to read it; options.noise is the study's noise rate when there is no noise sweep. */
  options: DatasetWorkerOptions;
  config: Partial<TrainConfig>;
}

/** runSeedStudy on the pool: jobs are (noise × seed × run group); the report is the in-process one. */
export function studyOnPool(
  study: StudyFile,
  onEvent: (event: TrainEvent) => void,
  pool: PoolOptions,
): PoolTask<SeedStudyReport> {
  return guarded(() => {
    const plan = planStudy(study.config, study.options.noise);
    const groups = runGroups(plan.specs);
    const jobs: Job[] = plan.draws.flatMap((draw) => groups.map((runs) => ({ draw, runs })));
    const tag = (draw: SeedDraw) =>
      plan.config.noiseSweep ? { seed: draw.seed, noise: draw.noise } : { seed: draw.seed };
    const init: PoolInitRequest = {
      type: 'poolInit',
      source: { kind: 'file', bytes: sharedBytes(study.bytes), fileName: study.fileName, options: study.options },
      config: plan.config,
      wasmDir: pool.wasmDir,
      lowPriority: pool.lowPriority,
    };
    const task = onPool(
      jobs,
      init,
      pool,
      retag(onEvent, (event, job) => {
        const draw = job.draw as StudyDraw;
        return { ...event, index: draw.offset + event.index, total: plan.total, ...tag(draw) };
      }),
    );
    const result = task.result.then((replies) => {
      const runs = plan.draws.flatMap((draw, d) => {
        const of = replies.slice(d * groups.length, (d + 1) * groups.length).flatMap((r) => r.runs);
        return inPlanOrder(plan.specs, of).map((run) => studyRun(plan, draw, run));
      });
      return studyReport(plan, replies[0], runs);
    });
    return { ...task, result };
  });
}

/** runExperiment on the pool: its runs in parallel (a "+ TS" run with its base); the report is the in-process one. */
export function experimentOnPool(
  data: (TrainingData & { schema?: unknown }) | Promise<TrainingData & { schema?: unknown }>,
  partialConfig: Partial<TrainConfig>,
  onEvent: (event: TrainEvent) => void,
  pool: PoolOptions,
): PoolTask<ExperimentReport> {
  return guarded(() => {
    const config = resolveTrainConfig(partialConfig);
    const specs = planRuns(config);
    const jobs: Job[] = runGroups(specs).map((runs) => ({ draw: null, runs }));
    // Data still being read: the workers start (load tfjs and its wasm) meanwhile, and get it when it is there.
    const init = Promise.resolve(data).then((ready): PoolInitRequest => ({
      type: 'poolInit',
      source: { kind: 'data', data: sharedData(ready) },
      config,
      wasmDir: pool.wasmDir,
      lowPriority: pool.lowPriority,
    }));
    const task = onPool(
      jobs,
      init,
      pool,
      retag(onEvent, (event) => event),
    );
    const result = task.result.then((replies): ExperimentReport => {
      const { dataset, schema, backend } = replies[0];
      const runs = inPlanOrder(
        specs,
        replies.flatMap((r) => r.runs),
      );
      return { dataset, ...(schema === undefined ? {} : { schema }), config, backend, runs };
    });
    return { ...task, result };
  });
}

/**
 * The dataset with its arrays in shared memory: posting it to each worker then copies no rows (a
 * structured clone of tens of MB, once per worker, blocked the posting thread for tens of ms). A
 * study's file bytes travel the same way.
 */
function sharedData<T extends TrainingData>(data: T): T {
  const split = (s: SplitData): SplitData => ({ ...s, x: shared(s.x), y: shared(s.y) });
  return { ...data, train: split(data.train), validation: split(data.validation), test: split(data.test) };
}

function shared<A extends Float32Array | Int32Array>(array: A): A {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const copy = new (array.constructor as new (buffer: SharedArrayBuffer) => A)(new SharedArrayBuffer(array.byteLength));
  copy.set(array);
  return copy;
}

/** As a plain Uint8Array (a Node Buffer's constructor would be the deprecated Buffer()). */
function sharedBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  copy.set(bytes);
  return copy;
}

type RunStart = Extract<TrainEvent, { type: 'runStart' }>;

/** The workers' events as one stream: the backend once, runStart renumbered for the whole training. */
function retag(
  onEvent: (event: TrainEvent) => void,
  runStart: (event: RunStart, job: Job) => RunStart,
): (event: TrainEvent, job: Job) => void {
  let backendSent = false;
  return (event, job) => {
    if (event.type === 'backend') {
      if (backendSent) return;
      backendSent = true;
    }
    onEvent(event.type === 'runStart' ? runStart(event, job) : event);
  };
}

function onPool(
  jobs: Job[],
  init: PoolInitRequest | Promise<PoolInitRequest>,
  pool: PoolOptions,
  onEvent: (event: TrainEvent, job: Job) => void,
): PoolTask<PoolJobReply[]> {
  const size = pool.workers ?? defaultPoolSize(jobs.length, os.availableParallelism());
  const run = runPool(jobs, size, () => spawnMember(pool.workerScript, init, onEvent));
  return { result: run.results, cancel: run.cancel, exited: run.exited };
}

function spawnMember(
  script: string,
  init: PoolInitRequest | Promise<PoolInitRequest>,
  onEvent: (event: TrainEvent, job: Job) => void,
): PoolMember<Job, PoolJobReply> {
  const worker = new WorkerJob<HostToTrainWorker, TrainWorkerToHost>(script, TRAIN_WORKER.name);
  let current: Job | undefined;
  worker.channel.onMessage((message) => {
    if (current && message.type === 'event') onEvent(message.event, current);
  });
  const ready = Promise.resolve(init).then((message) => worker.channel.request(message));
  return {
    run: async (job) => {
      await ready;
      current = job;
      try {
        return await worker.channel.request({ type: 'poolJob', draw: job.draw, runs: job.runs });
      } finally {
        current = undefined;
      }
    },
    terminate: () => worker.dispose(),
    exited: worker.exited,
  };
}

/** A plan that cannot be made (bad settings) is a task that fails at once, not a throw. */
function guarded<T>(start: () => PoolTask<T>): PoolTask<T> {
  try {
    return start();
  } catch (error) {
    return { result: Promise.reject(error), cancel: () => undefined, exited: Promise.resolve() };
  }
}
