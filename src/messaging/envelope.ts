import { isWireError, WireError } from './errors';

/** What a channel actually posts: the caller's message in `body`, wrapped with what correlates it. */
export type Envelope =
  | { kind: 'event'; body: unknown }
  | { kind: 'request'; id: number; body: unknown }
  | { kind: 'reply'; id: number; body: unknown }
  | { kind: 'failure'; id: number; error: WireError }
  /** The requester gave up (abort or timeout): the handler's signal aborts and no reply is sent. */
  | { kind: 'cancel'; id: number };

export function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const envelope = value as Record<string, unknown>;
  if (envelope.kind === 'event') return 'body' in envelope;
  if (!Number.isSafeInteger(envelope.id)) return false;
  switch (envelope.kind) {
    case 'request':
    case 'reply':
      return 'body' in envelope;
    case 'failure':
      return isWireError(envelope.error);
    case 'cancel':
      return true;
    default:
      return false;
  }
}
