/** A file read at any offset: from disk (the CLI) or from bytes already in memory (the panel's worker). */
export interface ByteSource {
  readonly size: number;
  /** `length` bytes from `offset` (fewer only at the end of the file). */
  read(offset: number, length: number): Promise<Uint8Array>;
}

export function memorySource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => Promise.resolve(bytes.subarray(offset, Math.min(bytes.length, offset + length))),
  };
}

/** The bytes of a range as an ArrayBuffer of their own (what hyparquet's slice returns). */
export async function readArrayBuffer(source: ByteSource, start: number, end: number): Promise<ArrayBuffer> {
  return ownBytes(await source.read(start, end - start)).buffer as ArrayBuffer;
}

/**
 * Bytes in an ArrayBuffer that holds nothing else, at offset 0 (so that typed views are aligned):
 * `bytes` itself when it already is (a file source's reads), else a copy.
 */
export function ownBytes(bytes: Uint8Array): Uint8Array {
  const { buffer } = bytes;
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) return bytes;
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy;
}
