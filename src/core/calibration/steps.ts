/** Runs a sliced computation (a generator that yields its progress) to its end and returns its value. */
export function runToEnd<T>(steps: Generator<number, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
