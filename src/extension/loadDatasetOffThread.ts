import type { EncodedDataset } from '../core/data/dataset';
import { ownBuffer } from '../messaging/transfer';
import type { DatasetWorkerOptions } from '../worker/protocol';
import { askDataWorker } from './dataWorkerClient';

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
 * Reads and encodes a dataset in a short-lived worker thread (dist/dataWorker.js), so that a
 * file of up to 200 MB never blocks the extension host. The bytes are moved to the worker, not copied.
 */
export async function loadDatasetOffThread(
  distDir: string,
  bytes: Uint8Array,
  file: string,
  options: DatasetWorkerOptions,
  { onProgress, signal }: OffThreadOptions = {},
): Promise<EncodedDataset> {
  if (signal?.aborted) throw new DatasetLoadCancelled();
  const own = ownBuffer(bytes);
  try {
    return await askDataWorker(distDir, { type: 'loadDataset', bytes: own, file, options }, DatasetFileProblem, {
      onProgress,
      signal,
      transfer: [own.buffer as ArrayBuffer],
    });
  } catch (error) {
    throw signal?.aborted ? new DatasetLoadCancelled() : error;
  }
}
