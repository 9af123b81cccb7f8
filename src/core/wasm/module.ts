/**
 * A WebAssembly module of hand-written functions that work in a memory they import (env.memory):
 * the training kernels' (kernels/wasmKernels.ts) and the streamed calibration's (calibration/classBinsWasm.ts).
 */

export const I32 = 0x7f;
export const F64 = 0x7c;

export interface WasmFunction {
  name: string;
  params: number[];
  results: number[];
  /** Locals and code (the end opcode included). */
  body: number[];
}

/** The little of the WebAssembly JS API used here (the project's lib declares none of it). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

interface WasmApi {
  validate(bytes: Uint8Array<ArrayBuffer>): boolean;
  Module: new (bytes: Uint8Array<ArrayBuffer>) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}

export const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** `value` if it is a WebAssembly.Memory. */
export function asWasmMemory(value: unknown): WasmMemory | undefined {
  return wasmApi && value instanceof wasmApi.Memory ? (value as WasmMemory) : undefined;
}

export function leb(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

function section(id: number, content: number[]): number[] {
  return [id, ...leb(content.length), ...content];
}

const name = (text: string) => [text.length, ...Array.from(text, (c) => c.charCodeAt(0))];

/** The module's bytes: one type per function, the memory imported, every function exported by name. */
export function moduleBytes(functions: WasmFunction[]): Uint8Array<ArrayBuffer> {
  const n = functions.length;
  const indices = functions.map((_, i) => i);
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [
      n,
      ...functions.flatMap((f) => [0x60, f.params.length, ...f.params, f.results.length, ...f.results]),
    ]),
    ...section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, 0x00]), // a memory, min 0, no maximum
    ...section(3, [n, ...indices]),
    ...section(7, [n, ...functions.flatMap((f, i) => [...name(f.name), 0x00, i])]),
    ...section(10, [n, ...functions.flatMap((f) => [...leb(f.body.length), ...f.body])]),
  ]);
}

/** The compiled module of `bytes`, or null where WebAssembly (or a feature the module uses) is not available. */
export function compileModule(bytes: Uint8Array<ArrayBuffer>): object | null {
  try {
    return wasmApi?.validate(bytes) ? new wasmApi.Module(bytes) : null;
  } catch {
    return null; // a page whose content security policy forbids compiling WebAssembly
  }
}

/** The exports of `compiled` working in `memory`, or null for a memory it cannot import (a shared one). */
export function instantiate(compiled: object, memory: WasmMemory): Record<string, unknown> | null {
  if (!wasmApi) return null;
  try {
    return new wasmApi.Instance(compiled, { env: { memory } }).exports;
  } catch {
    return null;
  }
}
