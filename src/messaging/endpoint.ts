import type { IDisposable } from './disposable';

/**
 * Anything with postMessage and a message event: a worker_threads port or Worker, a webview seen
 * from the host, the host seen from a webview. See workerEndpoints.ts and webviewEndpoints.ts.
 */
export interface Endpoint {
  /** `transfer` moves buffers instead of copying them, where the endpoint can (worker_threads). */
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: unknown) => void): IDisposable;
  /** The other side went away: the channel rejects its pending requests with this error. */
  onClose?(listener: (error: Error) => void): IDisposable;
}
