import * as assert from 'assert';
import { panelChannel } from '../../src/webview/shared/panelBoot';
import { panelShellHtml, sectionHtml } from '../../src/webview/shared/panelShell';
import { Store } from '../../src/webview/shared/store';

type View = { count: number; keep: boolean };
type Saved = { count: number };
type FromHost = { type: 'add'; by: number };

function harness() {
  const posted: unknown[] = [];
  const states: Saved[] = [];
  const heard: Array<{ message: FromHost; count: number }> = [];
  const rendered: View[] = [];
  const store = new Store<View>(
    { count: 0, keep: false },
    (v) => rendered.push(v),
    (callback) => callback(),
  );
  const channel = panelChannel<View, Saved, { type: 'ping' }, FromHost>(
    { postMessage: (m) => posted.push(m), setState: (s) => states.push(s) },
    store,
    {
      reduce: (view, m) => ({ ...view, count: view.count + m.by }),
      savedState: (view) => (view.keep ? { count: view.count } : undefined),
      onMessage: (message) => heard.push({ message, count: store.state.count }),
    },
  );
  return { posted, states, heard, rendered, store, channel };
}

describe('the panels’ webview boot (shared by the training and language-model pages)', () => {
  it('a host message goes through the reducer first, then to the page, which sees the new state', () => {
    const h = harness();
    h.channel.receive({ type: 'add', by: 2 });
    h.channel.receive({ type: 'add', by: 3 });
    assert.deepStrictEqual(
      h.heard.map((x) => x.count),
      [2, 5],
    );
    assert.deepStrictEqual(h.rendered.at(-1), { count: 5, keep: false });
  });

  it('saving keeps the state in the webview and sends the same to the host; nothing while there is nothing to keep', () => {
    const h = harness();
    h.channel.saveState();
    assert.deepStrictEqual(h.posted, []);
    assert.deepStrictEqual(h.states, []);
    h.store.update(() => ({ count: 7, keep: true }));
    h.channel.saveState();
    assert.deepStrictEqual(h.states, [{ count: 7 }]);
    assert.deepStrictEqual(h.posted, [{ type: 'state', state: { count: 7 } }]);
    h.channel.post({ type: 'ping' });
    assert.deepStrictEqual(h.posted.at(-1), { type: 'ping' });
  });

  it('the shared shell: the parts in place, every id once', () => {
    const html = panelShellHtml({
      title: 'T',
      summary: 'S…',
      input: sectionHtml('text', 'Text', '<div id="text"></div>'),
      setup: '<form id="setup"></form>',
      resultsHeading: 'R',
      results: '<div id="curves"></div>',
    });
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    assert.deepStrictEqual(ids, [
      'title',
      'summary',
      'error',
      'text-section',
      'text-heading',
      'text',
      'setup-section',
      'setup-heading',
      'setup',
      'status',
      'progress',
      'results-section',
      'results-heading',
      'curves',
    ]);
    assert.match(html, /<h1 id="title">T<\/h1>/);
    assert.match(
      html,
      /<section class="panel-section" id="text-section" aria-labelledby="text-heading">\s*<h2 id="text-heading">Text<\/h2>/,
    );
    assert.match(
      html,
      /id="results-section" aria-labelledby="results-heading" hidden>\s*<h2 id="results-heading">R<\/h2>/,
    );
  });
});
