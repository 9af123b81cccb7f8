import { AdamSimd, adamBody } from './adamSimd';
import { ReluGradWasm, reluGradBody } from './reluGradWasm';
import { RowGatherWasm, rowGatherBody } from './rowGatherWasm';
import { TransposeWasm, transposeBody } from './transposeWasm';
import { compileModule, F64, I32, instantiate, moduleBytes, WasmMemory } from '../wasm/module';

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

function moduleOfKernels(): Uint8Array<ArrayBuffer> {
  const i32s = (n: number) => new Array<number>(n).fill(I32);
  return moduleBytes([
    { name: 'adam', params: [...i32s(6), ...new Array<number>(8).fill(F64)], results: [], body: adamBody() },
    { name: 'reluGrad', params: i32s(7), results: [], body: reluGradBody() },
    { name: 'rowGather', params: i32s(5), results: [], body: rowGatherBody() },
    { name: 'transpose', params: i32s(6), results: [], body: transposeBody() },
  ]);
}

let compiled: object | null | undefined;
const instances = new WeakMap<WasmMemory, WasmKernels>();

/** The kernels working in `memory`, or null where WebAssembly (with SIMD) is not available. */
export function wasmKernels(memory: WasmMemory): WasmKernels | null {
  if (compiled === undefined) compiled = compileModule(moduleOfKernels());
  if (!compiled) return null;
  let kernels = instances.get(memory);
  if (!kernels) {
    // A memory this module cannot import (a shared one, of a threaded build): the JS loops.
    const exports = instantiate(compiled, memory);
    if (!exports) return null;
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
