import { Inflate } from 'fflate';
import { ownBytes, type ByteSource } from './byteSource';

/** Bytes read front to back, `n` at a time. */
export interface SequentialBytes {
  /** Exactly `n` bytes, in an array of their own; `short(got)` is called (and throws) when fewer are left. */
  read(n: number, short: (got: number) => never): Promise<Uint8Array>;
}

const INPUT_CHUNK = 1024 * 1024;

/** The bytes [offset, offset + length) of a source, read as asked. */
export function rangeBytes(source: ByteSource, offset: number, length: number): SequentialBytes {
  let at = offset;
  const end = Math.min(offset + length, source.size);
  return {
    async read(n, short) {
      if (at + n > end) short(Math.max(0, end - at));
      const bytes = await source.read(at, n);
      if (bytes.length < n) short(bytes.length);
      at += n;
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
