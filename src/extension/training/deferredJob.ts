import type { Job } from './ports';

type Stopped = { status: 'cancelled' } | { status: 'failed'; message: string };

/**
 * A job that needs something first (a file's bytes) before its worker starts: cancel works from the
 * start, before the worker exists too, and `exited` resolves whether or not a worker was ever started.
 */
export function deferredJob<T, O>(prepare: () => PromiseLike<T>, start: (prepared: T) => Job<O>): Job<O | Stopped> {
  let cancelled = false;
  let job: Job<O> | undefined;
  let exit!: () => void;
  const exited = new Promise<void>((resolve) => (exit = resolve));
  const outcome = Promise.resolve()
    .then(prepare)
    .then(
      (prepared): Promise<O | Stopped> | Stopped => {
        if (cancelled) return { status: 'cancelled' };
        job = start(prepared);
        void job.exited.then(exit);
        return job.outcome;
      },
      (error: unknown): Stopped => ({
        status: 'failed',
        message: error instanceof Error ? error.message : String(error),
      }),
    );
  void outcome.then(() => {
    if (!job) exit();
  });
  return {
    outcome,
    exited,
    cancel: () => {
      cancelled = true;
      job?.cancel();
    },
  };
}
