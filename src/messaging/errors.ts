/** An error as it crosses a channel: no stack, only what the other side can act on. */
export interface WireError {
  name: string;
  message: string;
  /** Whatever the sender's error encoder adds (a file location, say). */
  data?: unknown;
}

/** The channel was disposed, or its endpoint closed (a worker that exited, a panel that closed). */
export class ChannelClosedError extends Error {
  override name = 'ChannelClosedError';
}

export class RequestTimeoutError extends Error {
  override name = 'RequestTimeoutError';

  constructor(
    readonly requestType: string,
    readonly ms: number,
  ) {
    super(`'${requestType}' got no reply within ${ms} ms`);
  }
}

/** The reason a handler's signal aborts when the requester gave up (abort or timeout). */
export class RequestCancelledError extends Error {
  override name = 'RequestCancelledError';
}

/** A request handler on the other side threw: its name, message and data, without its stack. */
export class RemoteError extends Error {
  override name = 'RemoteError';
  readonly remoteName: string;
  readonly data: unknown;

  constructor(wire: WireError) {
    super(wire.message);
    this.remoteName = wire.name;
    this.data = wire.data;
  }
}

export function encodeError(error: unknown): WireError {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

export function isWireError(value: unknown): value is WireError {
  if (typeof value !== 'object' || value === null) return false;
  const { name, message } = value as Record<string, unknown>;
  return typeof name === 'string' && typeof message === 'string';
}
