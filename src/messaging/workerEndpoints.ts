import type { MessagePort, Worker } from 'worker_threads';
import { toDisposable } from './disposable';
import type { Endpoint } from './endpoint';
import { ChannelClosedError } from './errors';

/** A worker_threads MessagePort (a MessageChannel's end, or a worker's parentPort). */
export function portEndpoint(port: MessagePort, name = 'the port'): Endpoint {
  return {
    postMessage: (message, transfer) => port.postMessage(message, transfer),
    onMessage: (listener) => {
      port.on('message', listener);
      return toDisposable(() => port.off('message', listener));
    },
    onClose: (listener) => {
      const closed = () => listener(new ChannelClosedError(`${name} closed`));
      port.on('close', closed);
      return toDisposable(() => port.off('close', closed));
    },
  };
}

/** A Worker seen from the thread that started it: an uncaught error or an exit closes it. */
export function workerEndpoint(worker: Worker, name: string): Endpoint {
  return {
    postMessage: (message, transfer) => worker.postMessage(message, transfer),
    onMessage: (listener) => {
      worker.on('message', listener);
      return toDisposable(() => worker.off('message', listener));
    },
    onClose: (listener) => {
      const crashed = (error: Error) => listener(new WorkerStoppedError(`${name} crashed: ${error.message}`));
      const exited = (code: number) =>
        listener(new WorkerStoppedError(`${name} stopped unexpectedly (exit code ${code})`));
      worker.on('error', crashed);
      worker.on('exit', exited);
      return toDisposable(() => {
        worker.off('error', crashed);
        worker.off('exit', exited);
      });
    },
  };
}

/** The worker threw outside any request handler, or exited, while requests were pending. */
export class WorkerStoppedError extends ChannelClosedError {
  override name = 'WorkerStoppedError';
}
