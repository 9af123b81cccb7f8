import * as assert from 'assert';

/** The exits of the worker threads started meanwhile, seen by wrapping worker_threads.Worker. */
export function watchWorkers(): { exits: Array<Promise<number>>; restore(): void } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, as the worker does
  const threads = require('worker_threads') as typeof import('worker_threads');
  const Real = threads.Worker;
  const exits: Array<Promise<number>> = [];
  threads.Worker = class extends Real {
    constructor(...args: ConstructorParameters<typeof Real>) {
      super(...args);
      exits.push(new Promise((resolve) => this.once('exit', resolve)));
    }
  };
  return { exits, restore: () => (threads.Worker = Real) };
}

export async function assertAllExitWithin(exits: Array<Promise<number>>, ms: number): Promise<void> {
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms).unref());
  assert.notStrictEqual(
    await Promise.race([Promise.all(exits), timeout]),
    'timeout',
    `a worker thread was still running ${ms} ms later`,
  );
}
