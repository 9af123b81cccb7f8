/** A handler's result, or an event, together with the buffers to move rather than copy. */
export class WithTransfer<T> {
  constructor(
    readonly value: T,
    readonly transfer: ArrayBuffer[],
  ) {}
}

export function withTransfer<T>(value: T, transfer: ArrayBuffer[]): WithTransfer<T> {
  return new WithTransfer(value, transfer);
}

/**
 * The bytes with a buffer of their own, to transfer: a copy if they are a view into a larger
 * (possibly pooled) buffer. Not `slice()`: on a Node Buffer that is a view too.
 */
export function ownBuffer(bytes: Uint8Array): Uint8Array {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes;
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
}

/** The distinct buffers behind some typed arrays (undefined ones skipped). */
export function buffersOf(...arrays: Array<ArrayBufferView | undefined>): ArrayBuffer[] {
  return [...new Set(arrays.filter((a) => a !== undefined).map((a) => a.buffer as ArrayBuffer))];
}
