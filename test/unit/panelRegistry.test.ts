import * as assert from 'assert';
import { PanelLike, PanelRegistry } from '../../src/extension/panelRegistry';

/** A panel that counts reveals and tells its listeners when it is disposed, as a WebviewPanel does. */
class FakePanel implements PanelLike {
  reveals = 0;
  disposed = false;
  private readonly listeners: Array<() => unknown> = [];
  reveal(): void {
    this.reveals++;
  }
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const listener of this.listeners) listener();
  }
  onDidDispose(listener: () => unknown) {
    this.listeners.push(listener);
    return { dispose: () => undefined };
  }
}

const entry = (name: string) => ({ name, panel: new FakePanel() });

describe('PanelRegistry', () => {
  it('show creates a panel for a new key and reveals the open one for a known key', () => {
    const registry = new PanelRegistry<ReturnType<typeof entry>>();
    let created = 0;
    const make = () => (created++, entry('a'));
    const first = registry.show('file:///a.csv', make);
    const again = registry.show('file:///a.csv', make);
    assert.strictEqual(again, first);
    assert.strictEqual(created, 1);
    assert.strictEqual(first.panel.reveals, 1);
    assert.deepStrictEqual(
      registry.values().map((e) => e.name),
      ['a'],
    );
  });

  it('forgets a panel once it is disposed, so the next show creates a new one', () => {
    const registry = new PanelRegistry<ReturnType<typeof entry>>();
    const first = registry.show('k', () => entry('first'));
    first.panel.dispose();
    assert.strictEqual(registry.get('k'), undefined);
    assert.strictEqual(registry.show('k', () => entry('second')).name, 'second');
  });

  it('moves an entry to another key, and refuses a key another entry holds', () => {
    const registry = new PanelRegistry<ReturnType<typeof entry>>();
    const a = registry.show('a', () => entry('a'));
    const b = registry.show('b', () => entry('b'));
    assert.strictEqual(registry.register('b', a), false);
    assert.strictEqual(registry.get('a'), a, 'a refused move changes nothing');
    assert.strictEqual(registry.register('c', a), true);
    assert.strictEqual(registry.get('a'), undefined);
    assert.strictEqual(registry.get('c'), a);
    // The dispose listener registered once still finds the moved entry under its new key.
    a.panel.dispose();
    assert.strictEqual(registry.get('c'), undefined);
    assert.strictEqual(registry.get('b'), b);
  });

  it('reveal says whether a panel was open; dispose closes one key or all', () => {
    const registry = new PanelRegistry<ReturnType<typeof entry>>();
    assert.strictEqual(registry.reveal('x'), false);
    const x = registry.show('x', () => entry('x'));
    const y = registry.show('y', () => entry('y'));
    assert.strictEqual(registry.reveal('x'), true);
    assert.strictEqual(x.panel.reveals, 1);
    registry.dispose('x');
    assert.ok(x.panel.disposed && !y.panel.disposed);
    registry.dispose();
    assert.ok(y.panel.disposed);
    assert.deepStrictEqual(registry.values(), []);
  });
});
