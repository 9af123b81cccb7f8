/**
 * The language-model job of the training worker (dist/trainWorker.js): one run (CE, TaiLr or
 * γ-CE) of an experiment, trained on the files' text. Types only: both ends are ours.
 */
import type { LmConfig } from '../core/lm/config';
import type { TokenPredictions } from '../core/lm/evaluate';
import type { LmHistoryPoint, LmRunReport } from '../core/lm/run';
import type { TextFile } from '../core/lm/text';
import type { BackendName } from '../core/train/config';

export interface LmJobRequest {
  type: 'lmJob';
  files: TextFile[];
  config: LmConfig;
  /** Index into lmRunSpecs(config). */
  run: number;
  backend: BackendName;
  /** Folder of the wasm backend's .wasm files. */
  wasmDir: string;
}

export interface LmJobReply {
  backend: string;
  report: LmRunReport;
  predictions: TokenPredictions | null;
}

/** A held-out evaluation of the job's run, as it trains. */
export interface LmPointEvent {
  type: 'lmPoint';
  run: number;
  point: LmHistoryPoint;
}
