import * as tf from '../tf';
import { registerJsKernel } from './kernelIo';
import { wasmKernels } from './wasmKernels';
import { transposeInto } from './transpose';

/**
 * One Adam step for every parameter at once, the update rule of tf.train.adam:
 *   m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²,  p ← p − lr·(m/(1−β1^t)) / (√(v/(1−β2^t)) + ε)
 * with g = gradient + l2·p. Inputs p0…, g0…, m0…, v0…; outputs the new p…. The moments m and v
 * are updated in place: they belong to the optimizer alone, and twelve fresh tensors a step (with
 * their disposal) cost more than the arithmetic for a small model. The parameters get new tensors:
 * the wasm backend caches XNNPACK's packed copy of a matrix under its tensor, so one updated in
 * place would be multiplied with stale values.
 */
export const ADAM = 'GammaCeAdam';

export interface AdamAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** The step number t, from 1. */
  step: number;
  /** Per parameter: its (2-D) gradient comes transposed, [columns, rows]. */
  transposed: boolean[];
  /** Per parameter: the weight-decay coefficient added to its gradient times its value. */
  l2: number[];
}

export function adamStep(
  params: tf.Tensor[],
  grads: tf.Tensor[],
  m: tf.Tensor[],
  v: tf.Tensor[],
  attrs: AdamAttrs,
): tf.Tensor[] {
  const inputs: tf.NamedTensorMap = {};
  params.forEach((p, i) => {
    inputs[`p${i}`] = p;
    inputs[`g${i}`] = grads[i];
    inputs[`m${i}`] = m[i];
    inputs[`v${i}`] = v[i];
  });
  return tf.engine().runKernel(ADAM, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
}

// The gradient of a transposed parameter, in the parameter's own layout; reused across calls.
let scratch = new Float32Array(0);

registerJsKernel(ADAM, (inputs, attrs, io) => {
  const a = attrs as unknown as AdamAttrs;
  const count = a.transposed.length;
  const kernels = io.memory ? wasmKernels(io.memory) : null;
  const simd = kernels?.adam ?? null;
  const outs = Array.from({ length: count }, (_, i) => io.output(inputs[`p${i}`].shape));
  // In wasm memory for the SIMD update, which reads only there.
  const heapScratch = simd ? outs.map((out, i) => (a.transposed[i] ? io.output(out.shape) : null)) : [];
  const f32 = (info: tf.TensorInfo) => io.view(info) as Float32Array;
  const stepSize = a.learningRate / (1 - a.beta1 ** a.step);
  const c2 = 1 - a.beta2 ** a.step;
  for (let i = 0; i < count; i++) {
    let g = f32(inputs[`g${i}`]);
    if (a.transposed[i]) {
      const [rows, cols] = inputs[`p${i}`].shape;
      const into = heapScratch[i]
        ? f32(heapScratch[i]!)
        : scratch.length < g.length
          ? (scratch = new Float32Array(g.length))
          : scratch;
      // In wasm memory both (g is a tensor, into the heap scratch) only with the SIMD update.
      transposeInto(g, into, cols, rows, heapScratch[i] ? kernels?.transpose : null);
      g = into;
    }
    const p = f32(inputs[`p${i}`]);
    const m = f32(inputs[`m${i}`]);
    const v = f32(inputs[`v${i}`]);
    const out = f32(outs[i]);
    // The SIMD function takes four elements at a time; the rest (and the cpu backend) the loop below.
    const done = simd ? p.length & ~3 : 0;
    if (simd) {
      const { beta1, beta2, epsilon } = a;
      simd(
        p.byteOffset,
        g.byteOffset,
        m.byteOffset,
        v.byteOffset,
        out.byteOffset,
        done * 4,
        beta1,
        1 - beta1,
        beta2,
        1 - beta2,
        a.l2[i],
        stepSize,
        c2,
        epsilon,
      );
    }
    const tail = (x: Float32Array) => (done ? x.subarray(done) : x);
    update(tail(p), tail(g), tail(m), tail(v), tail(out), a, a.l2[i], stepSize, c2);
  }
  for (const info of heapScratch) if (info) io.backend.disposeData(info.dataId);
  return outs;
});

function update(
  p: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  pOut: Float32Array,
  { beta1, beta2, epsilon }: AdamAttrs,
  l2: number,
  stepSize: number,
  c2: number,
): void {
  const m1 = 1 - beta1;
  const v1 = 1 - beta2;
  for (let e = 0; e < p.length; e++) {
    const pe = p[e];
    const grad = g[e] + l2 * pe;
    const mNew = beta1 * m[e] + m1 * grad;
    const vNew = beta2 * v[e] + v1 * grad * grad;
    m[e] = mNew;
    v[e] = vNew;
    pOut[e] = pe - (stepSize * mNew) / (Math.sqrt(vNew / c2) + epsilon);
  }
}
