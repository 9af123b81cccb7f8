/**
 * The panel's state in one place: `update` replaces it (never mutates) and tells the listener,
 * which renders once per animation frame however many updates came in between.
 */
export class Store<S> {
  private listener?: (state: S) => void;
  private scheduled = false;

  constructor(
    private current: S,
    private readonly schedule: (run: () => void) => void = (run) => requestAnimationFrame(run),
  ) {}

  get state(): S {
    return this.current;
  }

  update(change: Partial<S> | ((state: S) => Partial<S>)): void {
    const patch = typeof change === 'function' ? change(this.current) : change;
    this.current = { ...this.current, ...patch };
    if (this.scheduled || !this.listener) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      this.listener?.(this.current);
    });
  }

  subscribe(listener: (state: S) => void): void {
    this.listener = listener;
  }
}
