import { Worker } from 'worker_threads';
import { Channel, Direction, ReplyOf, RequestOf, RequestOptions, RequestType } from './channel';
import { Disposable, toDisposable } from './disposable';
import { workerEndpoint } from './workerEndpoints';

/**
 * A worker thread with a channel to it, owned together: disposing the job terminates the thread at
 * once (mid-computation if need be) and rejects the requests still pending.
 */
export class WorkerJob<TOut extends Direction, TIn extends Direction> extends Disposable {
  readonly channel: Channel<TOut, TIn>;
  /** Resolves when the thread has exited, however it ended. */
  readonly exited: Promise<void>;

  constructor(script: string, name: string) {
    super();
    const worker = new Worker(script);
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    // The channel reports a crash while it is open; once the job is disposed, a thread that still throws
    // while it is being terminated (a pool's other workers) must not be an unhandled 'error' event, which
    // would take the whole host down.
    worker.on('error', () => undefined);
    this.channel = this._register(new Channel<TOut, TIn>(workerEndpoint(worker, name), { name }));
    this._register(toDisposable(() => void worker.terminate()));
  }

  /** One request, after which — answered, failed or aborted — the thread is terminated. */
  async once<K extends RequestType<TOut>>(
    message: RequestOf<TOut, K>,
    options?: RequestOptions,
  ): Promise<ReplyOf<TOut, K>> {
    try {
      return await this.channel.request(message, options);
    } finally {
      this.dispose();
    }
  }
}
