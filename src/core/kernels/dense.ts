import * as tf from '../tf';
import { registerJsKernel } from './kernelIo';
import { matMulInto } from './matMul';

/**
 * a·b (+ bias) (then ReLU) for 2-D float32 a [m, k] and b [k, n]: one op where tf.matMul takes
 * four (it reshapes to 3-D and back). Forward only: it has no gradient.
 */
export const DENSE = 'GammaCeDense';

export function dense(a: tf.Tensor2D, b: tf.Tensor2D, bias?: tf.Tensor1D, relu = false): tf.Tensor2D {
  const inputs: tf.NamedTensorMap = bias ? { a, b, bias } : { a, b };
  return tf.engine().runKernel(DENSE, inputs, { relu }) as tf.Tensor2D;
}

let wasmFusedMatMul: tf.KernelFunc | undefined;

registerJsKernel(DENSE, (inputs, attrs, io) => {
  const { a, b, bias } = inputs;
  const [m, k] = a.shape;
  const n = b.shape[1];
  const relu = attrs.relu === true;
  if (io.backendName === 'wasm') {
    // The wasm backend's own kernel: without transposes it runs XNNPACK's fully-connected operator.
    wasmFusedMatMul ??= tf.getKernel('_FusedMatMul', 'wasm').kernelFunc;
    const out = wasmFusedMatMul({
      inputs: { a: { ...a, shape: [1, m, k] }, b: { ...b, shape: [1, k, n] }, bias },
      attrs: { transposeA: false, transposeB: false, activation: relu ? 'relu' : 'linear', leakyreluAlpha: 0 },
      backend: io.backend,
    }) as tf.TensorInfo;
    return { ...out, shape: [m, n] };
  }
  const out = io.output([m, n]);
  const values = (info: tf.TensorInfo) => io.view(info) as Float32Array;
  matMulInto(values(a), values(b), bias ? values(bias) : null, values(out), m, k, n, relu);
  return out;
});
