import { Disposable, IDisposable, toDisposable } from './disposable';
import type { Endpoint } from './endpoint';
import { Envelope, isEnvelope } from './envelope';
import {
  ChannelClosedError,
  encodeError,
  RemoteError,
  RequestCancelledError,
  RequestTimeoutError,
  WireError,
} from './errors';
import { WithTransfer } from './transfer';

export interface Message {
  readonly type: string;
}

/**
 * One direction of a channel: the messages it carries and, for those that are requests, the reply
 * each gets (a value travelling the other way). A channel is typed by what it sends and receives.
 */
export interface Direction<
  M extends Message = Message,
  R extends { [K in M['type']]?: unknown } = Record<never, unknown>,
> {
  messages: M;
  replies: R;
}

export type RequestType<D extends Direction> = keyof D['replies'] & D['messages']['type'];
export type RequestOf<D extends Direction, K> = Extract<D['messages'], { type: K }>;
export type ReplyOf<D extends Direction, K> = K extends keyof D['replies'] ? D['replies'][K] : never;
type Incoming<TOut extends Direction, TIn extends Direction> = TIn['messages'] | TOut['replies'][keyof TOut['replies']];

export interface RequestOptions {
  /** Rejects with RequestTimeoutError after this many ms (default: the channel's, else none). */
  timeout?: number;
  /** Aborting rejects with the signal's reason and tells the handler to stop. */
  signal?: AbortSignal;
  transfer?: ArrayBuffer[];
}

export interface HandlerContext {
  /** Aborts when the requester gives up or the channel closes. */
  signal: AbortSignal;
}

export type Handler<TRequest, TReply> = (
  request: TRequest,
  context: HandlerContext,
) => TReply | WithTransfer<TReply> | Promise<TReply | WithTransfer<TReply>>;

export interface ChannelOptions<TIncoming> {
  /** In messages, e.g. "the training worker". */
  name?: string;
  /**
   * Checks every incoming body (events, requests, replies) from an untrusted sender and returns
   * it typed; throwing refuses it. Omit it for trusted senders (a worker of ours).
   */
  parse?: (body: unknown) => TIncoming;
  /** Hears of refused messages (not an envelope, or refused by `parse`) and of cancels or failures that could not be sent, to log them. */
  onInvalid?: (error: Error, message: unknown) => void;
  /** Default timeout of requests, in ms. */
  timeout?: number;
  /** How a handler's error is sent back; the default keeps name and message. */
  encodeError?: (error: unknown) => WireError;
}

interface Pending {
  resolve(value: unknown): void;
  fail(error: unknown): void;
}

/**
 * A typed channel over any postMessage endpoint: fire-and-forget messages (post, onMessage) and
 * requests answered by a handler on the other side, correlated by id, with timeouts and
 * cancellation. Disposing it, or its endpoint closing, rejects every pending request.
 */
export class Channel<TOut extends Direction, TIn extends Direction> extends Disposable {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly serving = new Map<number, AbortController>();
  private readonly handlers = new Map<string, Handler<never, unknown>>();
  private readonly listeners = new Set<(message: TIn['messages']) => void>();
  private closedBy: Error | undefined;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly options: ChannelOptions<Incoming<TOut, TIn>> = {},
  ) {
    super();
    this._register(endpoint.onMessage((raw) => this.receive(raw)));
    if (endpoint.onClose) this._register(endpoint.onClose((error) => this.close(error)));
  }

  /** Sends a message that expects no reply; false once the channel is closed. Throws what postMessage throws (an uncloneable value). */
  post(message: TOut['messages'], transfer?: ArrayBuffer[]): boolean {
    if (this.closedBy) return false;
    this.endpoint.postMessage({ kind: 'event', body: message } satisfies Envelope, transfer);
    return true;
  }

  request<K extends RequestType<TOut>>(
    message: RequestOf<TOut, K>,
    options: RequestOptions = {},
  ): Promise<ReplyOf<TOut, K>> {
    const { signal, transfer, timeout = this.options.timeout } = options;
    if (this.closedBy) return Promise.reject(this.closedBy);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const done = () => {
        this.pending.delete(id);
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const giveUp = (reason: unknown) => {
        done();
        reject(reason);
        if (!this.closedBy) this.send({ kind: 'cancel', id });
      };
      const onAbort = () => giveUp(signal?.reason);
      const timer =
        timeout === undefined
          ? undefined
          : setTimeout(() => giveUp(new RequestTimeoutError(message.type, timeout)), timeout);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: (value) => {
          done();
          resolve(value as ReplyOf<TOut, K>);
        },
        fail: (error) => {
          done();
          reject(error);
        },
      });
      try {
        this.endpoint.postMessage({ kind: 'request', id, body: message } satisfies Envelope, transfer);
      } catch (error) {
        this.pending.get(id)?.fail(error);
      }
    });
  }

  onMessage(listener: (message: TIn['messages']) => void): IDisposable {
    this.listeners.add(listener);
    return toDisposable(() => this.listeners.delete(listener));
  }

  /** Answers the other side's requests of one type; what the handler throws goes back as a RemoteError. */
  handle<K extends RequestType<TIn>>(type: K, handler: Handler<RequestOf<TIn, K>, ReplyOf<TIn, K>>): IDisposable {
    this.handlers.set(type, handler);
    return toDisposable(() => {
      if (this.handlers.get(type) === handler) this.handlers.delete(type);
    });
  }

  override dispose(): void {
    this.shutdown(new ChannelClosedError(`${this.options.name ?? 'the channel'} was closed`));
    super.dispose();
  }

  /** Ends the channel because its endpoint went away: pending requests reject with `reason`. */
  close(reason: Error): void {
    this.shutdown(reason);
    this.dispose();
  }

  private shutdown(reason: Error): void {
    if (this.closedBy) return;
    this.closedBy = reason;
    for (const request of [...this.pending.values()]) request.fail(reason);
    for (const controller of this.serving.values()) controller.abort(reason);
    this.serving.clear();
    this.listeners.clear();
  }

  private send(envelope: Envelope): void {
    try {
      this.endpoint.postMessage(envelope);
    } catch (error) {
      this.options.onInvalid?.(error instanceof Error ? error : new Error(String(error)), envelope);
    }
  }

  private receive(raw: unknown): void {
    if (this.closedBy) return;
    if (!isEnvelope(raw)) return this.refuse(new Error('not a channel message'), raw);
    switch (raw.kind) {
      case 'event': {
        const body = this.check(raw.body);
        if (!body.ok) return this.refuse(body.error, raw.body);
        for (const listener of [...this.listeners]) listener(body.value as TIn['messages']);
        return;
      }
      case 'request':
        return this.serve(raw.id, raw.body);
      case 'reply': {
        const request = this.pending.get(raw.id);
        if (!request) return;
        const body = this.check(raw.body);
        if (body.ok) request.resolve(body.value);
        else request.fail(body.error);
        return;
      }
      case 'failure':
        return this.pending.get(raw.id)?.fail(new RemoteError(raw.error));
      case 'cancel':
        this.serving.get(raw.id)?.abort(new RequestCancelledError('the requester gave up'));
        this.serving.delete(raw.id);
        return;
    }
  }

  /** The body as `parse` returns it, or the error it threw. */
  private check(body: unknown): { ok: true; value: unknown } | { ok: false; error: Error } {
    if (!this.options.parse) return { ok: true, value: body };
    try {
      return { ok: true, value: this.options.parse(body) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
    }
  }

  private refuse(error: Error, message: unknown): void {
    this.options.onInvalid?.(error, message);
  }

  private serve(id: number, raw: unknown): void {
    const fail = (error: unknown) =>
      this.send({ kind: 'failure', id, error: (this.options.encodeError ?? encodeError)(error) });
    const checked = this.check(raw);
    if (!checked.ok) {
      this.refuse(checked.error, raw);
      return void fail(checked.error);
    }
    const request = checked.value as Message;
    const type = request.type;
    const handler = this.handlers.get(type);
    if (!handler) return void fail(new Error(`${this.options.name ?? 'the channel'} has no handler for '${type}'`));
    const controller = new AbortController();
    this.serving.set(id, controller);
    const answered = () => {
      const current = this.serving.get(id) === controller;
      this.serving.delete(id);
      return current && !controller.signal.aborted;
    };
    let result: unknown;
    try {
      result = handler(request as never, { signal: controller.signal });
    } catch (error) {
      if (answered()) fail(error);
      return;
    }
    Promise.resolve(result).then(
      (value) => {
        if (!answered()) return;
        const [body, transfer] = value instanceof WithTransfer ? [value.value, value.transfer] : [value, undefined];
        try {
          this.endpoint.postMessage({ kind: 'reply', id, body } satisfies Envelope, transfer);
        } catch (error) {
          fail(error);
        }
      },
      (error: unknown) => {
        if (answered()) fail(error);
      },
    );
  }
}
