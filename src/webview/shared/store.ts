/**
 * A webview's state in one place: `update` replaces it and schedules the one render function,
 * at most once a frame however many updates come in between (epochs can come faster than frames,
 * and a message such as Stop's answer must never queue behind drawing).
 */
export class Store<S> {
  private scheduled = false;

  constructor(
    private current: S,
    private readonly render: (state: S) => void,
    /** When to render: the next animation frame in a webview, at once in tests. */
    private readonly schedule: (callback: () => void) => void = (callback) => requestAnimationFrame(callback),
  ) {}

  get state(): S {
    return this.current;
  }

  /** The next state from the current one; rendered on the next frame. */
  update(next: (state: S) => S): void {
    this.current = next(this.current);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      this.render(this.current);
    });
  }
}
