import { AdamSimd, adamBody } from './adamSimd';
import { ReluGradWasm, reluGradBody } from './reluGradWasm';
import { RowGatherWasm, rowGatherBody } from './rowGatherWasm';
import { TransposeWasm, transposeBody } from './transposeWasm';

/**
 * The training kernels written in WebAssembly (adamSimd.ts, reluGradWasm.ts, rowGatherWasm.ts, transposeWasm.ts), as one module that
 * works in the memory it is given: the wasm backend's, so tensors are read and written in place.
 */
export interface WasmKernels {
  adam: AdamSimd;
  reluGrad: ReluGradWasm;
  rowGather: RowGatherWasm;
  transpose: TransposeWasm;
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

const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** `value` if it is a WebAssembly.Memory. */
export function asWasmMemory(value: unknown): WasmMemory | undefined {
  return wasmApi && value instanceof wasmApi.Memory ? (value as WasmMemory) : undefined;
}

function section(id: number, content: number[]): number[] {
  return [id, ...leb(content.length), ...content];
}

function leb(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const name = (text: string) => [text.length, ...Array.from(text, (c) => c.charCodeAt(0))];
  const I32 = 0x7f;
  const F64 = 0x7c;
  const type = (params: number[]) => [0x60, params.length, ...params, 0];
  const bodies = [adamBody(), reluGradBody(), rowGatherBody(), transposeBody()];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [
      4,
      ...type([...new Array<number>(6).fill(I32), ...new Array<number>(8).fill(F64)]),
      ...type(new Array<number>(7).fill(I32)),
      ...type(new Array<number>(5).fill(I32)),
      ...type(new Array<number>(6).fill(I32)),
    ]),
    ...section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, 0x00]), // a memory, min 0, no maximum
    ...section(3, [4, 0, 1, 2, 3]),
    ...section(7, [
      4,
      ...name('adam'),
      0x00,
      0,
      ...name('reluGrad'),
      0x00,
      1,
      ...name('rowGather'),
      0x00,
      2,
      ...name('transpose'),
      0x00,
      3,
    ]),
    ...section(10, [4, ...bodies.flatMap((body) => [...leb(body.length), ...body])]),
  ]);
}

let compiled: object | null | undefined;
const instances = new WeakMap<WasmMemory, WasmKernels>();

/** The kernels working in `memory`, or null where WebAssembly (with SIMD) is not available. */
export function wasmKernels(memory: WasmMemory): WasmKernels | null {
  if (compiled === undefined) {
    const bytes = moduleBytes();
    compiled = wasmApi?.validate(bytes) ? new wasmApi.Module(bytes) : null;
  }
  if (!compiled || !wasmApi) return null;
  let kernels = instances.get(memory);
  if (!kernels) {
    let exports: Record<string, unknown>;
    try {
      ({ exports } = new wasmApi.Instance(compiled, { env: { memory } }));
    } catch {
      return null; // a memory this module cannot import (a shared one, of a threaded build): the JS loops
    }
    kernels = {
      adam: exports.adam as AdamSimd,
      reluGrad: exports.reluGrad as ReluGradWasm,
      rowGather: exports.rowGather as RowGatherWasm,
      transpose: exports.transpose as TransposeWasm,
    };
    instances.set(memory, kernels);
  }
  return kernels;
}
