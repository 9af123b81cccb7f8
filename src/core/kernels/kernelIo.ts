import * as tf from '../tf';
import { asWasmMemory, WasmMemory } from '../wasm/module';

/** The backends whose tensors live in JavaScript-visible memory, where our JS kernels run. */
export const JS_KERNEL_BACKENDS = ['cpu', 'wasm'] as const;
export type JsKernelBackend = (typeof JS_KERNEL_BACKENDS)[number];

export type KernelArray = Float32Array | Int32Array | Uint8Array;

/**
 * How a JS kernel reaches tensor memory on one backend, without copies. Allocate every output
 * before taking any view: on wasm an allocation can grow the heap, which detaches earlier views.
 */
export interface KernelIo {
  readonly backendName: JsKernelBackend;
  readonly backend: tf.KernelBackend;
  /** A new float32 tensor; its contents are undefined until the kernel writes them. */
  output(shape: number[]): tf.TensorInfo;
  view(info: tf.TensorInfo): KernelArray;
  /** The wasm backend's memory (its views' buffer), for kernels written in WebAssembly. */
  readonly memory?: WasmMemory;
}

interface CpuBackend extends tf.KernelBackend {
  data: { get(dataId: tf.DataId): { values: KernelArray } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: KernelArray): tf.TensorInfo;
}

interface WasmBackend extends tf.KernelBackend {
  wasm?: { asm?: { memory?: unknown } };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): KernelArray;
}

function cpuIo(backend: CpuBackend): KernelIo {
  return {
    backendName: 'cpu',
    backend,
    // The cpu backend keeps a reference to the array it is given, so filling it afterwards is fine.
    output: (shape) => backend.makeTensorInfo(shape, 'float32', new Float32Array(sizeOf(shape))),
    view: (info) => backend.data.get(info.dataId).values,
  };
}

function wasmIo(backend: WasmBackend): KernelIo {
  const memory = backend.wasm?.asm?.memory;
  return {
    backendName: 'wasm',
    backend,
    memory: asWasmMemory(memory),
    output: (shape) => backend.makeOutput(shape, 'float32'),
    view: (info) => backend.typedArrayFromHeap(info),
  };
}

const ios = new WeakMap<tf.KernelBackend, KernelIo>();

function ioFor(backendName: JsKernelBackend, backend: tf.KernelBackend): KernelIo {
  let io = ios.get(backend);
  if (!io) {
    io = backendName === 'cpu' ? cpuIo(backend as CpuBackend) : wasmIo(backend as WasmBackend);
    ios.set(backend, io);
  }
  return io;
}

export type JsKernelFunc = (
  inputs: Record<string, tf.TensorInfo>,
  attrs: tf.NamedAttrMap,
  io: KernelIo,
) => tf.TensorInfo | tf.TensorInfo[];

/**
 * Registers one kernel for the cpu and wasm backends. Registering for 'wasm' needs neither the
 * wasm package nor an initialised wasm backend: tfjs looks kernels up by name when an op runs.
 */
export function registerJsKernel(kernelName: string, run: JsKernelFunc): void {
  for (const backendName of JS_KERNEL_BACKENDS) {
    if (tf.getKernel(kernelName, backendName)) continue;
    tf.registerKernel({
      kernelName,
      backendName,
      kernelFunc: ({ inputs, attrs, backend }) =>
        run(inputs as Record<string, tf.TensorInfo>, attrs ?? {}, ioFor(backendName, backend as tf.KernelBackend)),
    });
  }
}

/** Whether the current backend runs the kernel (false on webgl, for one). */
export function hasKernel(kernelName: string): boolean {
  return tf.getKernel(kernelName, tf.getBackend()) != null;
}

function sizeOf(shape: number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}
