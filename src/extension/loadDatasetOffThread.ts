import * as path from 'path';
import { Worker } from 'worker_threads';
import type { EncodedDataset } from '../core/data/dataset';
import { DatasetRequest, DatasetWorkerOptions, isDatasetResponse } from '../protocol';
import { transferableBytes } from './parsePredictions';

/** A problem with the user's dataset file, already worded for them (names file, row, column). */
export class DatasetFileProblem extends Error {}

/** The user stopped the load. */
export class DatasetLoadCancelled extends Error {
  constructor() {
    super('loading the dataset was cancelled');
  }
}

export interface OffThreadOptions {
  onProgress?: (fraction: number) => void;
  /** Aborting terminates the worker at once, mid-parse. */
  signal?: AbortSignal;
}

/**
 * Reads and encodes a dataset in a short-lived worker thread (dist/datasetWorker.js), so that a
 * file of up to 200 MB never blocks the extension host. The bytes are moved to the worker, not copied.
 */
export function loadDatasetOffThread(
  distDir: string,
  bytes: Uint8Array,
  file: string,
  options: DatasetWorkerOptions,
  { onProgress, signal }: OffThreadOptions = {},
): Promise<EncodedDataset> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DatasetLoadCancelled());
      return;
    }
    const worker = new Worker(path.join(distDir, 'datasetWorker.js'));
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    const onAbort = () => settle(() => reject(new DatasetLoadCancelled()));
    signal?.addEventListener('abort', onAbort);
    worker.on('message', (response: unknown) => {
      if (!isDatasetResponse(response)) {
        settle(() => reject(new Error('the dataset worker sent a malformed reply')));
        return;
      }
      switch (response.type) {
        case 'progress':
          if (!settled) onProgress?.(response.fraction);
          break;
        case 'loaded':
          settle(() => resolve(response.dataset));
          break;
        case 'dataError':
          settle(() => reject(new DatasetFileProblem(response.message)));
          break;
        case 'crashed':
          settle(() => reject(new Error(`the dataset worker failed: ${response.message}`)));
          break;
      }
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`the dataset worker exited with code ${code}`))));
    const own = transferableBytes(bytes);
    const request: DatasetRequest = { type: 'loadDataset', bytes: own, file, options };
    worker.postMessage(request, [own.buffer as ArrayBuffer]);
  });
}
