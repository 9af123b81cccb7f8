/** A mistake in the command line itself (exit code 2), as opposed to a problem with the data. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
