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
  const bytes = await source.read(start, end - start);
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}
