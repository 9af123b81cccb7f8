import { BINARY_SNIFF_BYTES, checkNotBinary, notUtf8Error } from './notText';

/**
 * Decodes UTF-8 that arrives in chunks of any size, strictly: an invalid byte becomes one
 * DataFileError with its byte offset and line. Each chunk is cut before a multi-byte sequence
 * that it does not finish, so every piece decodes on its own and the bad byte can be found in it.
 */
export class Utf8ChunkDecoder {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private pending: Uint8Array = new Uint8Array(0);
  private offset = 0;
  private newlines = 0;
  private started = false;

  constructor(private readonly file: string) {}

  /** Bytes decoded so far. */
  get bytesDecoded(): number {
    return this.offset;
  }

  /** Nothing is held back: the next chunk starts at a character (and past the sniffed start). */
  get idle(): boolean {
    return this.pending.length === 0 && this.offset >= BINARY_SNIFF_BYTES;
  }

  /** `length` bytes of ASCII holding `newlines` LFs, read by the caller without decoding (only when idle). */
  skipAscii(length: number, newlines: number): void {
    this.offset += length;
    this.newlines += newlines;
  }

  decode(chunk: Uint8Array): string {
    const bytes = this.pending.length ? concat(this.pending, chunk) : chunk;
    // The start of the file is sniffed for binary content in one piece, whatever the chunk sizes.
    if (this.offset === 0 && bytes.length < BINARY_SNIFF_BYTES) {
      this.pending = bytes;
      return '';
    }
    const end = completePrefixLength(bytes);
    this.pending = bytes.slice(end);
    return this.decodeWhole(bytes.subarray(0, end));
  }

  /** Decodes what is left; a sequence cut off by the end of the file is an error. */
  end(): string {
    const rest = this.pending;
    this.pending = new Uint8Array(0);
    return this.decodeWhole(rest);
  }

  private decodeWhole(bytes: Uint8Array): string {
    if (bytes.length === 0) return '';
    checkNotBinary(this.file, bytes, this.offset);
    let text: string;
    try {
      text = this.decoder.decode(bytes);
    } catch {
      const bad = firstInvalidOffset(bytes);
      const line = this.newlines + countNewlines(bytes, bad) + 1;
      const lineStart = bad > 0 ? bytes.lastIndexOf(10, bad - 1) + 1 : 0;
      const byteOfLine = lineStart > 0 || this.offset === 0 ? bad - lineStart + 1 : undefined;
      throw notUtf8Error(this.file, { offset: this.offset + bad, line, byteOfLine });
    }
    // Every call is a new decoder stream, so the byte-order mark is dropped here, at the file's start only.
    if (!this.started && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    this.started = true;
    this.offset += bytes.length;
    this.newlines += countNewlines(bytes, bytes.length);
    return text;
  }
}

/** The length of the longest prefix that does not end inside a multi-byte sequence. */
function completePrefixLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= 4 && back <= n; back++) {
    const byte = bytes[n - back];
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: look further back for the lead byte
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? n - back : n;
  }
  return n;
}

/** Offset of the first byte that makes `bytes` invalid UTF-8 (bytes.length if none). */
export function firstInvalidOffset(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix (stream mode tolerates a prefix that stops inside a multi-byte sequence).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

export function countNewlines(bytes: Uint8Array, end: number): number {
  let count = 0;
  for (let i = bytes.indexOf(10); i !== -1 && i < end; i = bytes.indexOf(10, i + 1)) count++;
  return count;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
