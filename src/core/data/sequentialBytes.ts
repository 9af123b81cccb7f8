import { Inflate } from 'fflate';
import { ownBytes, type ByteSource } from './byteSource';

/** Bytes read front to back, `n` at a time. */
export interface SequentialBytes {
  /** Exactly `n` bytes, in an array of their own; `short(got)` is called (and throws) when fewer are left. */
  read(n: number, short: (got: number) => never): Promise<Uint8Array>;
}

const INPUT_CHUNK = 1024 * 1024;

/** Reads this size and up are followed by a read of the next as many bytes, ahead of the ask. */
const READ_AHEAD_FROM = 1024 * 1024;

/**
 * The bytes [offset, offset + length) of a source, read as asked. A large read starts the next one
 * of the same size at once, so that the file is read while the caller works on what it got.
 */
export function rangeBytes(source: ByteSource, offset: number, length: number): SequentialBytes {
  let at = offset;
  const end = Math.min(offset + length, source.size);
  let ahead: { at: number; n: number; bytes: Promise<Uint8Array> } | undefined;
  return {
    async read(n, short) {
      if (at + n > end) short(Math.max(0, end - at));
      const next = ahead?.at === at && ahead.n === n ? ahead.bytes : source.read(at, n);
      ahead = undefined;
      const bytes = await next;
      if (bytes.length < n) short(bytes.length);
      at += n;
      if (n >= READ_AHEAD_FROM && at + n <= end) {
        ahead = { at, n, bytes: source.read(at, n) };
        ahead.bytes.catch(() => undefined); // a failure is reported by the read that asks for these bytes
      }
      return ownBytes(bytes);
    },
  };
}

/** The raw-DEFLATE stream at [offset, offset + length) of a source, inflated as asked (fflate, in 1 MB steps). */
export function inflatedBytes(
  source: ByteSource,
  offset: number,
  length: number,
  corrupt: (message: string) => never,
): SequentialBytes {
  const pending: Uint8Array[] = [];
  let buffered = 0;
  let at = offset;
  const end = Math.min(offset + length, source.size);
  let ended = false;
  const inflate = new Inflate((chunk, final) => {
    if (chunk.length) {
      pending.push(chunk);
      buffered += chunk.length;
    }
    if (final) ended = true;
  });
  return {
    async read(n, short) {
      while (buffered < n && !ended) {
        if (at >= end) short(buffered);
        const input = await source.read(at, Math.min(INPUT_CHUNK, end - at));
        at += input.length;
        try {
          inflate.push(input, at >= end);
        } catch (error) {
          corrupt(error instanceof Error ? error.message : String(error));
        }
        if (input.length === 0) short(buffered);
      }
      if (buffered < n) short(buffered);
      const out = new Uint8Array(n);
      let filled = 0;
      while (filled < n) {
        const head = pending[0];
        const take = Math.min(head.length, n - filled);
        out.set(head.subarray(0, take), filled);
        filled += take;
        if (take === head.length) pending.shift();
        else pending[0] = head.subarray(take);
      }
      buffered -= n;
      return out;
    },
  };
}
