/** One worker of a pool, seen from the thread that owns it. */
export interface PoolMember<TJob, TResult> {
  run(job: TJob): Promise<TResult>;
  /** Ends the worker at once, mid-job if need be. */
  terminate(): void;
  readonly exited: Promise<void>;
}

export interface PoolRun<TResult> {
  /** Every job's result, in job order; rejects with the first failure or the cancel reason. Settles once. */
  readonly results: Promise<TResult[]>;
  /** Terminates every worker now; `results` rejects with the reason. */
  cancel(this: void, reason: unknown): void;
  /** Resolves once every worker has exited. */
  readonly exited: Promise<void>;
}

/**
 * Runs the jobs on `size` workers (no more than there are jobs), each taking the next job as it
 * finishes one. Which worker runs a job never matters: a result depends on its job alone. However
 * the run ends (done, failed, cancelled) every worker is terminated.
 */
export function runPool<TJob, TResult>(
  jobs: readonly TJob[],
  size: number,
  spawn: (slot: number) => PoolMember<TJob, TResult>,
): PoolRun<TResult> {
  const members = Array.from({ length: Math.max(0, Math.min(size, jobs.length)) }, (_, slot) => spawn(slot));
  const results = new Array<TResult>(jobs.length);
  let next = 0;
  let stop: (reason: unknown) => void = () => undefined;
  const stopped = new Promise<never>((_, reject) => (stop = reject));
  const drain = async (member: PoolMember<TJob, TResult>) => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await member.run(jobs[index]);
    }
  };
  const all = Promise.race([Promise.all(members.map(drain)), stopped])
    .then(() => results)
    .finally(() => members.forEach((member) => member.terminate()));
  return {
    results: all,
    cancel: (reason) => stop(reason),
    exited: Promise.all(members.map((member) => member.exited)).then(() => undefined),
  };
}

/** One worker per job, up to one per core the process may use. */
export function defaultPoolSize(jobs: number, cores: number): number {
  return Math.max(1, Math.min(jobs, cores));
}
