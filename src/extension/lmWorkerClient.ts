import * as path from 'path';
import type { LmConfig } from '../core/lm/config';
import type { LmHistoryPoint } from '../core/lm/run';
import type { TextFile } from '../core/lm/text';
import { lmOnPool } from '../worker/pool/lmPool';
import { TRAIN_WORKER } from '../worker/protocol';
import type { LmOutcome } from './lm/ports';
import type { Job } from './training/ports';
import { settle } from './trainWorkerClient';

/**
 * A language-model experiment on worker threads (dist/trainWorker.js), CE and TaiLr in parallel.
 * No vscode and no tfjs here: the extension host only moves messages.
 */
export function startLmTraining(
  distDir: string,
  files: TextFile[],
  config: LmConfig,
  onPoint: (run: number, point: LmHistoryPoint) => void,
  options: { workers?: number; workerScript?: string } = {},
): Job<LmOutcome> {
  const task = lmOnPool(files, config, 'wasm', onPoint, {
    workerScript: options.workerScript ?? path.join(distDir, TRAIN_WORKER.script),
    wasmDir: path.join(distDir, 'wasm'),
    workers: options.workers,
  });
  return settle(task, (result): LmOutcome => ({ status: 'done', backend: result.backend, outcomes: result.outcomes }));
}
