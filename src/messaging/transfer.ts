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

/** The bytes with a buffer of their own, to transfer: a copy if they are a view into a larger (possibly pooled) buffer. */
export function ownBuffer<T extends Uint8Array | Int32Array | Float32Array | Float64Array>(array: T): T {
  return array.byteOffset === 0 && array.byteLength === array.buffer.byteLength ? array : (array.slice() as T);
}

/** The distinct buffers behind some typed arrays (undefined ones skipped). */
export function buffersOf(...arrays: Array<ArrayBufferView | undefined>): ArrayBuffer[] {
  return [...new Set(arrays.filter((a) => a !== undefined).map((a) => a.buffer as ArrayBuffer))];
}
