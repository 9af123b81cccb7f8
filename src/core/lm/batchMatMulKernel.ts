import * as tf from '../tf';
import { registerJsKernel } from '../kernels/kernelIo';
import { matMulInto } from '../kernels/matMul';

/**
 * a·b for float32 a [batch, m, k] and b [batch, k, n], batch by batch through the core's JS
 * product: the attention's many small products, which both backends' BatchMatMul run in a plain
 * loop (wasm sends only unbatched, untransposed products to XNNPACK). Forward only.
 */
export const LM_BATCH_MATMUL = 'GammaCeLmBatchMatMul';

export function batchMatMul(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  return tf.engine().runKernel(LM_BATCH_MATMUL, { a, b }, {}) as tf.Tensor3D;
}

registerJsKernel(LM_BATCH_MATMUL, (inputs, _attrs, io) => {
  const { a, b } = inputs;
  const [batch, m, k] = a.shape;
  const n = b.shape[2];
  const out = io.output([batch, m, n]);
  const [va, vb, vo] = [io.view(a), io.view(b), io.view(out)] as Float32Array[];
  for (let i = 0; i < batch; i++)
    matMulInto(
      va.subarray(i * m * k, (i + 1) * m * k),
      vb.subarray(i * k * n, (i + 1) * k * n),
      null,
      vo.subarray(i * m * n, (i + 1) * m * n),
      m,
      k,
      n,
      false,
    );
  return out;
});
