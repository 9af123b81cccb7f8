/* eslint-disable @typescript-eslint/only-throw-error -- handlers throw non-Error values on purpose, to test how they travel */
import * as assert from 'assert';
import type * as vscode from 'vscode';
import type { WebviewApi } from 'vscode-webview';
import { MessageChannel, MessagePort } from 'worker_threads';
import { Channel, Direction } from '../../src/messaging/channel';
import { Disposable, IDisposable, toDisposable } from '../../src/messaging/disposable';
import {
  ChannelClosedError,
  RemoteError,
  RequestCancelledError,
  RequestTimeoutError,
} from '../../src/messaging/errors';
import { withTransfer } from '../../src/messaging/transfer';
import {
  MessageEventSource,
  VsCodeApiLike,
  vsCodeApiEndpoint,
  WebviewPanelLike,
  webviewPanelEndpoint,
} from '../../src/messaging/webviewEndpoints';
import { portEndpoint, WorkerStoppedError } from '../../src/messaging/workerEndpoints';
import { WorkerJob } from '../../src/messaging/workerJob';
import type { FromFixture, ToFixture } from '../fixtures/workers/channelWorker';
import { fixture } from './helpers';

type Ask = Direction<
  | { type: 'double'; n: number }
  | { type: 'wait'; ms: number }
  | { type: 'fail'; how: 'throw' | 'reject' | 'string' }
  | { type: 'sum'; values: Float64Array }
  | { type: 'note'; text: string },
  { double: number; wait: number; fail: never; sum: Float64Array }
>;
type Tell = Direction<{ type: 'progress'; fraction: number }, Record<never, unknown>>;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('messaging: Channel over a real MessageChannel', () => {
  let ports: MessagePort[];
  let client: Channel<Ask, Tell>;
  let server: Channel<Tell, Ask>;
  let serverSignals: AbortSignal[];

  beforeEach(() => {
    const { port1, port2 } = new MessageChannel();
    ports = [port1, port2];
    client = new Channel<Ask, Tell>(portEndpoint(port1), { name: 'the client' });
    server = new Channel<Tell, Ask>(portEndpoint(port2), { name: 'the server' });
    serverSignals = [];
    server.handle('double', ({ n }) => 2 * n);
    server.handle('wait', async ({ ms }, { signal }) => {
      serverSignals.push(signal);
      await sleep(ms);
      return ms;
    });
    server.handle('fail', async ({ how }) => {
      if (how === 'throw') throw new RangeError('n out of range');
      if (how === 'string') throw 'a bare string';
      await turn();
      throw new Error('rejected later');
    });
    server.handle('sum', ({ values }) => {
      const out = Float64Array.of(values.reduce((a, b) => a + b, 0));
      return withTransfer(out, [out.buffer]);
    });
  });

  afterEach(() => {
    client.dispose();
    server.dispose();
    for (const port of ports) port.close();
  });

  it('answers concurrent requests each with its own reply, whatever order they finish in', async () => {
    const replies = await Promise.all([
      client.request({ type: 'wait', ms: 40 }),
      client.request({ type: 'double', n: 21 }),
      client.request({ type: 'wait', ms: 5 }),
    ]);
    assert.deepStrictEqual(replies, [40, 42, 5]);
  });

  it('delivers fire-and-forget messages both ways, in order, to every listener until it is disposed', async () => {
    const heard: number[] = [];
    const also: number[] = [];
    const listener = client.onMessage((m) => heard.push(m.fraction));
    client.onMessage((m) => also.push(m.fraction));
    const notes: string[] = [];
    server.onMessage((m) => m.type === 'note' && notes.push(m.text));
    for (const fraction of [0.25, 0.5]) assert.strictEqual(server.post({ type: 'progress', fraction }), true);
    client.post({ type: 'note', text: 'hello' });
    await client.request({ type: 'double', n: 1 }); // a reply travels behind the messages posted before it
    listener.dispose();
    server.post({ type: 'progress', fraction: 1 });
    await client.request({ type: 'double', n: 2 });
    assert.deepStrictEqual(heard, [0.25, 0.5]);
    assert.deepStrictEqual(also, [0.25, 0.5, 1]);
    assert.deepStrictEqual(notes, ['hello']);
  });

  it('moves transferred buffers both ways instead of copying them', async () => {
    const values = new Float64Array([1, 2, 3.5]);
    const reply = await client.request({ type: 'sum', values }, { transfer: [values.buffer] });
    assert.strictEqual(values.byteLength, 0, 'the request buffer moved to the server');
    assert.ok(reply instanceof Float64Array);
    assert.deepStrictEqual(Array.from(reply), [6.5]);
  });

  it('rejects with RequestTimeoutError after the timeout and aborts the handler', async () => {
    await assert.rejects(client.request({ type: 'wait', ms: 2000 }, { timeout: 50 }), (error: unknown) => {
      assert.ok(error instanceof RequestTimeoutError);
      assert.strictEqual(error.message, "'wait' got no reply within 50 ms");
      return true;
    });
    await turn();
    assert.strictEqual(serverSignals.length, 1);
    assert.ok(serverSignals[0].aborted, 'the handler heard of the cancellation');
    assert.ok(serverSignals[0].reason instanceof RequestCancelledError);
  });

  it('uses the channel-wide timeout when a request names none', async () => {
    const impatient = new Channel<Ask, Tell>(portEndpoint(ports[0]), { timeout: 20 });
    await assert.rejects(impatient.request({ type: 'wait', ms: 1000 }), RequestTimeoutError);
    impatient.dispose();
  });

  it('rejects with the abort reason when aborted, and tells the handler', async () => {
    const abort = new AbortController();
    const pending = client.request({ type: 'wait', ms: 2000 }, { signal: abort.signal });
    await sleep(10);
    abort.abort(new Error('user pressed stop'));
    await assert.rejects(pending, /user pressed stop/);
    await turn();
    assert.ok(serverSignals[0].aborted);
    await assert.rejects(
      client.request({ type: 'double', n: 1 }, { signal: abort.signal }),
      /user pressed stop/,
      'an aborted signal rejects at once',
    );
    assert.strictEqual(serverSignals.length, 1, 'nothing was sent for the already-aborted request');
  });

  it('dispose rejects the pending requests, refuses new ones and aborts the handlers it serves', async () => {
    const pending = [client.request({ type: 'wait', ms: 2000 }), client.request({ type: 'wait', ms: 3000 })];
    await sleep(10);
    client.dispose();
    for (const request of pending) {
      await assert.rejects(
        request,
        (error: unknown) => error instanceof ChannelClosedError && error.message === 'the client was closed',
      );
    }
    await assert.rejects(client.request({ type: 'double', n: 1 }), ChannelClosedError);
    assert.strictEqual(client.post({ type: 'note', text: 'late' }), false);
    assert.strictEqual(serverSignals.length, 2);
    assert.ok(serverSignals.every((s) => !s.aborted));
    server.dispose();
    assert.ok(
      serverSignals.every((s) => s.aborted && s.reason instanceof ChannelClosedError),
      'every handler still running was aborted',
    );
  });

  it('sends what a handler throws back as a RemoteError with its name and message', async () => {
    await assert.rejects(client.request({ type: 'fail', how: 'throw' }), (error: unknown) => {
      assert.ok(error instanceof RemoteError);
      assert.strictEqual(error.remoteName, 'RangeError');
      assert.strictEqual(error.message, 'n out of range');
      return true;
    });
    await assert.rejects(client.request({ type: 'fail', how: 'reject' }), {
      name: 'RemoteError',
      remoteName: 'Error',
      message: 'rejected later',
    });
    await assert.rejects(client.request({ type: 'fail', how: 'string' }), {
      remoteName: 'Error',
      message: 'a bare string',
    });
  });

  it('fails a request whose reply cannot be cloned, and throws where a message cannot be', async () => {
    server.handle('double', () => (() => 1) as unknown as number);
    await assert.rejects(client.request({ type: 'double', n: 1 }), {
      name: 'RemoteError',
      remoteName: 'DataCloneError',
    });
    assert.throws(() => client.post({ type: 'note', text: (() => 'x') as unknown as string }), {
      name: 'DataCloneError',
    });
  });

  it('answers a request with no handler with an error naming the request', async () => {
    const bare = new Channel<Tell, Ask>(portEndpoint(ports[1]), { name: 'the bare server' });
    server.dispose();
    await assert.rejects(client.request({ type: 'double', n: 1 }), {
      message: "the bare server has no handler for 'double'",
    });
    bare.dispose();
  });

  it('lets a custom encoder carry data with the error', async () => {
    server.dispose();
    const detailed = new Channel<Tell, Ask>(portEndpoint(ports[1]), {
      encodeError: (e) => ({ name: 'Detailed', message: String(e), data: { row: 3 } }),
    });
    detailed.handle('double', () => {
      throw 'bad row';
    });
    await assert.rejects(client.request({ type: 'double', n: 1 }), {
      remoteName: 'Detailed',
      message: 'bad row',
      data: { row: 3 },
    });
    detailed.dispose();
  });

  it('rejects pending requests when the other end of the port closes', async () => {
    const pending = client.request({ type: 'wait', ms: 5000 });
    await sleep(10);
    ports[1].close();
    await assert.rejects(pending, { name: 'ChannelClosedError', message: 'the port closed' });
  });
});

describe('messaging: the parse hook for untrusted senders', () => {
  // A host that trusts nothing a webview sends: its messages, its requests, its replies.
  type ViewSays = Direction<
    { type: 'ping'; n: number } | { type: 'ask'; n: number },
    { ask: { type: 'answer'; n: number } }
  >;
  type HostSays = Direction<
    { type: 'answer'; n: number } | { type: 'render'; n: number },
    { render: { type: 'rendered'; n: number } }
  >;
  type FromView = { type: 'ping' | 'ask'; n: number } | { type: 'rendered'; n: number };
  const parse = (body: unknown): FromView => {
    const m = body as { type?: unknown; n?: unknown };
    if ((m.type === 'ping' || m.type === 'ask' || m.type === 'rendered') && Number.isInteger(m.n)) return m as FromView;
    throw new Error(`refused ${JSON.stringify(body)}`);
  };

  it('refuses bad messages, answers bad requests with an error, and never calls a handler with them', async () => {
    const { port1, port2 } = new MessageChannel();
    const refused: string[] = [];
    const host = new Channel<HostSays, ViewSays>(portEndpoint(port1), {
      parse,
      onInvalid: (error) => refused.push(error.message),
    });
    const pings: number[] = [];
    host.onMessage((m) => pings.push(m.n));
    const asked: number[] = [];
    host.handle('ask', ({ n }) => {
      asked.push(n);
      return { type: 'answer', n: n + 1 };
    });
    // The webview's side as raw envelopes, as a compromised webview could send them.
    const replies: unknown[] = [];
    port2.on('message', (m) => replies.push(m));
    port2.postMessage({ kind: 'event', body: { type: 'ping', n: 1 } });
    port2.postMessage({ kind: 'event', body: { type: 'ping', n: 'x' } });
    port2.postMessage({ kind: 'request', id: 7, body: { type: 'ask', n: 1.5 } });
    port2.postMessage({ kind: 'request', id: 8, body: { type: 'ask', n: 2 } });
    port2.postMessage({ kind: 'whatever' });
    port2.postMessage({ kind: 'reply', id: 'one', body: {} });
    port2.postMessage('ping');
    await sleep(20);
    assert.deepStrictEqual(pings, [1]);
    assert.deepStrictEqual(asked, [2]);
    assert.deepStrictEqual(replies, [
      { kind: 'failure', id: 7, error: { name: 'Error', message: 'refused {"type":"ask","n":1.5}' } },
      { kind: 'reply', id: 8, body: { type: 'answer', n: 3 } },
    ]);
    assert.deepStrictEqual(refused, [
      'refused {"type":"ping","n":"x"}',
      'refused {"type":"ask","n":1.5}',
      ...Array(3).fill('not a channel message'),
    ]);
    host.dispose();
    port1.close();
  });

  it('rejects a request whose reply it refuses', async () => {
    const { port1, port2 } = new MessageChannel();
    const host = new Channel<HostSays, ViewSays>(portEndpoint(port1), { parse });
    const view = new Channel<ViewSays, HostSays>(portEndpoint(port2));
    view.handle('render', ({ n }) => ({ type: 'rendered', n: n / 2 }));
    assert.deepStrictEqual(await host.request({ type: 'render', n: 4 }), { type: 'rendered', n: 2 });
    await assert.rejects(host.request({ type: 'render', n: 1 }), { message: 'refused {"type":"rendered","n":0.5}' });
    host.dispose();
    view.dispose();
    port1.close();
  });
});

describe('messaging: WorkerJob over a real worker thread', function () {
  this.timeout(20_000);
  const script = fixture('..', '..', 'out', 'test', 'fixtures', 'workers', 'channelWorker.js');

  async function started(job: WorkerJob<ToFixture, FromFixture>): Promise<void> {
    await new Promise<void>((resolve) => job.channel.onMessage(() => resolve()));
  }

  it('answers requests and leaves no thread behind once disposed', async () => {
    const job = new WorkerJob<ToFixture, FromFixture>(script, 'the fixture worker');
    assert.deepStrictEqual(await job.channel.request({ type: 'echo', value: { a: [1, 2] } }), { a: [1, 2] });
    const hanging = job.channel.request({ type: 'hang' });
    job.dispose();
    await assert.rejects(hanging, { name: 'ChannelClosedError', message: 'the fixture worker was closed' });
    await job.exited;
  });

  it('rejects pending requests when the worker crashes outside a handler', async () => {
    const job = new WorkerJob<ToFixture, FromFixture>(script, 'the fixture worker');
    await started(job);
    const hanging = job.channel.request({ type: 'hang' });
    await assert.rejects(job.channel.request({ type: 'crash' }), (error: unknown) => {
      assert.ok(error instanceof WorkerStoppedError);
      assert.strictEqual(error.message, 'the fixture worker crashed: boom outside any handler');
      return true;
    });
    await assert.rejects(hanging, WorkerStoppedError);
    await job.exited;
    job.dispose();
  });

  it('rejects pending requests with the exit code when the worker exits', async () => {
    const job = new WorkerJob<ToFixture, FromFixture>(script, 'the fixture worker');
    await assert.rejects(job.channel.request({ type: 'exit', code: 3 }), {
      message: 'the fixture worker stopped unexpectedly (exit code 3)',
    });
    await job.exited;
    job.dispose();
  });

  it('rejects when the script throws as it loads or exits before answering', async () => {
    const crashes = new WorkerJob<ToFixture, FromFixture>(fixture('workers', 'crashes.js'), 'the loader');
    await assert.rejects(crashes.channel.request({ type: 'echo', value: 1 }), {
      message: 'the loader crashed: boom at load',
    });
    const exits = new WorkerJob<ToFixture, FromFixture>(fixture('workers', 'exits.js'), 'the loader');
    await assert.rejects(exits.channel.request({ type: 'echo', value: 1 }), {
      message: 'the loader stopped unexpectedly (exit code 7)',
    });
    await Promise.all([crashes.exited, exits.exited]);
  });
});

describe('messaging: Disposable', () => {
  class Owner extends Disposable {
    own(d: IDisposable): IDisposable {
      return this._register(d);
    }
  }

  it('disposes what it owns once, last registered first, and at once what comes after', () => {
    const order: string[] = [];
    const owner = new Owner();
    owner.own(toDisposable(() => order.push('a')));
    owner.own(toDisposable(() => order.push('b')));
    owner.dispose();
    owner.dispose();
    assert.deepStrictEqual(order, ['b', 'a']);
    owner.own(toDisposable(() => order.push('late')));
    assert.deepStrictEqual(order, ['b', 'a', 'late']);
  });

  it('disposes everything even when some throw, then reports every error', () => {
    const order: string[] = [];
    const owner = new Owner();
    owner.own(toDisposable(() => order.push('first')));
    owner.own({
      dispose: () => {
        throw new Error('x');
      },
    });
    owner.own({
      dispose: () => {
        throw new Error('y');
      },
    });
    assert.throws(
      () => owner.dispose(),
      (error: unknown) => error instanceof AggregateError && error.errors.map((e: Error) => e.message).join() === 'y,x',
    );
    assert.deepStrictEqual(order, ['first']);
  });
});

describe('messaging: webview endpoints', () => {
  type ToView = Direction<
    { type: 'exportImages' } | { type: 'status'; text: string },
    { exportImages: { type: 'images'; count: number } }
  >;
  type FromView = Direction<{ type: 'ready' } | { type: 'images'; count: number }, Record<never, unknown>>;

  /** A panel and its webview joined the way VS Code joins them: asynchronously, by structured clone. */
  function fakePanel() {
    const inView = new Set<(event: { data: unknown }) => void>();
    const inHost = new Set<(message: unknown) => unknown>();
    const onDispose = new Set<() => unknown>();
    const panel: WebviewPanelLike = {
      webview: {
        postMessage: async (message) => {
          setImmediate(() => inView.forEach((listener) => listener({ data: structuredClone(message) })));
          return true;
        },
        onDidReceiveMessage: (listener) => (inHost.add(listener), toDisposable(() => inHost.delete(listener))),
      },
      onDidDispose: (listener) => (onDispose.add(listener), toDisposable(() => onDispose.delete(listener))),
    };
    const api: VsCodeApiLike = {
      postMessage: (message) => setImmediate(() => inHost.forEach((listener) => listener(structuredClone(message)))),
    };
    const window: MessageEventSource = {
      addEventListener: (_, listener) => inView.add(listener),
      removeEventListener: (_, listener) => inView.delete(listener),
    };
    return {
      panel,
      api,
      window,
      close: () => onDispose.forEach((listener) => listener()),
      listeners: () => inView.size + inHost.size,
    };
  }

  it('carries messages and requests between host and webview, and closing the panel rejects what is pending', async () => {
    const bridge = fakePanel();
    const host = new Channel<ToView, FromView>(webviewPanelEndpoint(bridge.panel, 'the training panel'));
    const view = new Channel<FromView, ToView>(vsCodeApiEndpoint(bridge.api, bridge.window));
    const statuses: string[] = [];
    view.onMessage((m) => m.type === 'status' && statuses.push(m.text));
    let exports = 0;
    view.handle('exportImages', () => ({ type: 'images', count: ++exports }));
    const ready = new Promise((resolve) => host.onMessage(resolve));
    view.post({ type: 'ready' });
    assert.deepStrictEqual(await ready, { type: 'ready' });
    host.post({ type: 'status', text: 'training' });
    assert.deepStrictEqual(await host.request({ type: 'exportImages' }), { type: 'images', count: 1 });
    assert.deepStrictEqual(statuses, ['training']);

    view.dispose();
    const unanswered = host.request({ type: 'exportImages' });
    bridge.close();
    await assert.rejects(unanswered, { name: 'ChannelClosedError', message: 'the training panel was closed' });
    assert.strictEqual(bridge.listeners(), 0, 'both channels let go of their listeners');
  });

  it('fits the real vscode.WebviewPanel, acquireVsCodeApi() and window types (checked by the compiler)', () => {
    const fits = [
      (p: vscode.WebviewPanel): WebviewPanelLike => p,
      (a: WebviewApi<unknown>): VsCodeApiLike => a,
      (w: Window): MessageEventSource => w,
    ];
    assert.strictEqual(fits.length, 3);
  });
});
