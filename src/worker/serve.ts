import { parentPort } from 'worker_threads';
import { DataFileError } from '../core/data/dataFileError';
import { Channel, Direction } from '../messaging/channel';
import { encodeError, WireError } from '../messaging/errors';
import { portEndpoint } from '../messaging/workerEndpoints';
import { DATA_FILE_ERROR, DataFileErrorData } from './protocol';

/**
 * The worker's channel to the host that started it. A handler answers by returning and fails by
 * throwing: a DataFileError reaches the host as a RemoteError named DATA_FILE_ERROR with its
 * location, anything else with its message.
 */
export function serveHost<TToHost extends Direction, TFromHost extends Direction>(): Channel<TToHost, TFromHost> {
  if (!parentPort) throw new Error('this script runs in a worker thread only');
  return new Channel<TToHost, TFromHost>(portEndpoint(parentPort, 'the host'), { encodeError: encodeWorkerError });
}

export function encodeWorkerError(error: unknown): WireError {
  if (!(error instanceof DataFileError)) return encodeError(error);
  const data: DataFileErrorData = { location: error.location };
  return { name: DATA_FILE_ERROR, message: error.message, data };
}
