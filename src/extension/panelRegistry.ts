/**
 * The open panels of one kind, one per key (a file's URI), after the createOrShow / revive pattern
 * of VS Code's webview sample: `show` reveals the panel of a key or creates it, a serializer's
 * revive `register`s the panel VS Code hands back. Typed by shape, so it needs no `vscode`.
 */

/** The parts of a vscode.WebviewPanel the registry uses. */
export interface PanelLike {
  reveal(): void;
  dispose(): void;
  onDidDispose(listener: () => unknown): { dispose(): unknown };
}

export interface RegisteredPanel {
  readonly panel: PanelLike;
}

export class PanelRegistry<T extends RegisteredPanel> {
  private readonly open = new Map<string, T>();

  get(key: string): T | undefined {
    return this.open.get(key);
  }

  values(): T[] {
    return [...this.open.values()];
  }

  /** The panel of `key`, revealed; else the one `create` makes, registered under `key`. */
  show(key: string, create: () => T): T {
    const existing = this.open.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const entry = create();
    this.register(key, entry);
    return entry;
  }

  /**
   * Tracks `entry` under `key` until its panel is disposed; an entry registered before under
   * another key moves (a panel that took another file). False, and nothing changes, when another
   * entry holds `key`.
   */
  register(key: string, entry: T): boolean {
    const holder = this.open.get(key);
    if (holder && holder !== entry) return false;
    const previous = this.keyOf(entry);
    if (previous !== undefined) {
      this.open.delete(previous);
    } else {
      entry.panel.onDidDispose(() => {
        const current = this.keyOf(entry);
        if (current !== undefined) this.open.delete(current);
      });
    }
    this.open.set(key, entry);
    return true;
  }

  /** Reveals the panel of `key`; false when none is open. */
  reveal(key: string): boolean {
    const entry = this.open.get(key);
    entry?.panel.reveal();
    return entry !== undefined;
  }

  /** Closes the panel of `key`, or every panel without a key. */
  dispose(key?: string): void {
    const entries = key === undefined ? this.values() : [this.open.get(key)].filter((e) => e !== undefined);
    for (const entry of entries) entry.panel.dispose();
  }

  private keyOf(entry: T): string | undefined {
    for (const [key, value] of this.open) if (value === entry) return key;
    return undefined;
  }
}
