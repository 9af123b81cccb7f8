import { performance } from 'perf_hooks';

/** Watches this thread's event loop: stop() returns the longest gap between ticks, in ms. */
export function watchEventLoop(intervalMs = 5): { stop(): number } {
  let worst = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, intervalMs);
  return {
    stop: () => {
      clearInterval(ticker);
      return worst;
    },
  };
}
