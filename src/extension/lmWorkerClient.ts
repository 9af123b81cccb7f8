import * as path from 'path';
import type { LmConfig } from '../core/lm/config';
import type { LmHistoryPoint } from '../core/lm/run';
import type { TextFile } from '../core/lm/text';
import { lmOnPool } from '../worker/pool/lmPool';
import { TRAIN_WORKER } from '../worker/protocol';
import type { LmOutcome } from './lm/ports';
import type { Job } from './training/ports';

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
  let cancelled = false;
  const outcome = task.result.then(
    (result): LmOutcome => ({ status: 'done', backend: result.backend, outcomes: result.outcomes }),
    (error: unknown): LmOutcome =>
      cancelled
        ? { status: 'cancelled' }
        : { status: 'failed', message: error instanceof Error ? error.message : String(error) },
  );
  return {
    outcome,
    exited: task.exited,
    cancel: () => {
      cancelled = true;
      task.cancel(new Error('cancelled'));
    },
  };
}
