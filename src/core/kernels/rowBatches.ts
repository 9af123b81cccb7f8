import * as tf from '../tf';
import { registerJsKernel } from './kernelIo';
import { wasmKernels } from './wasmKernels';

/**
 * An epoch's minibatches in one op: the rows of x [R, C] in the given order, cut into batches of
 * batchSize rows (the last one shorter). tf.gather + tf.split would do, but on wasm every slice
 * reads back the whole source tensor, which made cutting the batches cost more than training.
 */
export const ROW_BATCHES = 'GammaCeRowBatches';

export function rowBatches(x: tf.Tensor2D, order: tf.Tensor1D, batchSize: number): tf.Tensor2D[] {
  if (x.dtype !== 'float32' || order.dtype !== 'int32')
    throw new TypeError('rowBatches takes float32 rows and int32 indices');
  const out = tf.engine().runKernel(ROW_BATCHES, { x, order }, { batchSize });
  return (Array.isArray(out) ? out : [out]) as tf.Tensor2D[];
}

registerJsKernel(ROW_BATCHES, (inputs, attrs, io) => {
  const [sourceRows, cols] = inputs.x.shape;
  const rows = inputs.order.shape[0];
  const batchSize = attrs.batchSize as number;
  const indices = io.view(inputs.order);
  for (let i = 0; i < rows; i++) {
    if (!(indices[i] >= 0 && indices[i] < sourceRows))
      throw new RangeError(`row index ${indices[i]} is not in [0, ${sourceRows - 1}]`);
  }
  const outs: tf.TensorInfo[] = [];
  for (let start = 0; start < rows; start += batchSize) outs.push(io.output([Math.min(batchSize, rows - start), cols]));
  const x = io.view(inputs.x) as Float32Array;
  const order = io.view(inputs.order) as Int32Array;
  const wasm = io.memory ? wasmKernels(io.memory) : null;
  outs.forEach((info, b) => {
    const out = io.view(info) as Float32Array;
    const first = b * batchSize;
    if (wasm) {
      wasm.rowGather(x.byteOffset, order.byteOffset + 4 * first, out.byteOffset, info.shape[0], 4 * cols);
      return;
    }
    for (let i = 0; i < info.shape[0]; i++) {
      const from = order[first + i] * cols;
      const to = i * cols;
      for (let c = 0; c < cols; c++) out[to + c] = x[from + c];
    }
  });
  return outs;
});
