import * as path from 'path';
import { ReplyOf, RequestOf, RequestOptions } from '../messaging/channel';
import { RemoteError } from '../messaging/errors';
import { WorkerJob } from '../messaging/workerJob';
import { DATA_FILE_ERROR, DATA_WORKER, DataWorkerToHost, HostToDataWorker } from '../worker/protocol';

type DataRequest = HostToDataWorker['messages']['type'];

export interface DataWorkerOptions extends RequestOptions {
  onProgress?: (fraction: number) => void;
}

/**
 * Runs one request in a fresh data worker (dist/dataWorker.js), terminated once it settles or the
 * signal aborts. A problem with the user's file rejects with `FileProblem` (its message is worded
 * for them); the worker failing otherwise, with an Error that says so.
 */
export async function askDataWorker<K extends DataRequest>(
  distDir: string,
  request: RequestOf<HostToDataWorker, K>,
  FileProblem: new (message: string) => Error,
  { onProgress, ...options }: DataWorkerOptions = {},
): Promise<ReplyOf<HostToDataWorker, K>> {
  const job = new WorkerJob<HostToDataWorker, DataWorkerToHost>(
    path.join(distDir, DATA_WORKER.script),
    DATA_WORKER.name,
  );
  if (onProgress) job.channel.onMessage((message) => onProgress(message.fraction));
  try {
    return await job.once(request, options);
  } catch (error) {
    if (!(error instanceof RemoteError)) throw error;
    throw error.remoteName === DATA_FILE_ERROR
      ? new FileProblem(error.message)
      : new Error(`${DATA_WORKER.name} failed: ${error.message}`);
  }
}
