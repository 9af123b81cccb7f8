import * as tf from '../tf';
import { seededRandom } from '../random';
import { matMul, swapLast } from './matMul';

/**
 * The model: a small pre-LayerNorm causal Transformer (GPT-style) over characters. Chosen over a
 * GRU by measurement (bench/lmModelChoice.ts, README "Language models"): in tfjs a GRU runs one
 * small matMul per time step and layer, forward and backward, so a training step costs context ×
 * layers times more kernel calls than the Transformer's few batched products.
 */
export interface TransformerShape {
  vocab: number;
  context: number;
  layers: number;
  dim: number;
  heads: number;
}

/** Parameter names and shapes, in the order of the variables. */
export function parameterShapes(s: TransformerShape): Array<[string, number[]]> {
  const out: Array<[string, number[]]> = [
    ['tokens', [s.vocab, s.dim]],
    ['positions', [s.context, s.dim]],
  ];
  for (let l = 0; l < s.layers; l++) {
    out.push(
      [`l${l}.ln1.g`, [s.dim]],
      [`l${l}.ln1.b`, [s.dim]],
      [`l${l}.qkv`, [s.dim, 3 * s.dim]],
      [`l${l}.proj`, [s.dim, s.dim]],
      [`l${l}.ln2.g`, [s.dim]],
      [`l${l}.ln2.b`, [s.dim]],
      [`l${l}.fc1`, [s.dim, 4 * s.dim]],
      [`l${l}.fc1.b`, [4 * s.dim]],
      [`l${l}.fc2`, [4 * s.dim, s.dim]],
      [`l${l}.fc2.b`, [s.dim]],
    );
  }
  out.push(['ln.g', [s.dim]], ['ln.b', [s.dim]], ['head', [s.dim, s.vocab]], ['head.b', [s.vocab]]);
  return out;
}

/**
 * Seeded initial weights as plain arrays, the same for every run and backend: N(0, 0.02) for
 * embeddings and matrices (GPT-2's), the residual projections scaled by 1/√(2·layers), LayerNorm
 * gains 1, biases 0.
 */
export function initialWeights(s: TransformerShape, seed: number): Float32Array[] {
  const random = seededRandom(seed ^ 0x5bd1e995);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return parameterShapes(s).map(([name, shape]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    if (name.endsWith('.g')) return new Float32Array(size).fill(1);
    if (name.endsWith('.b')) return new Float32Array(size);
    const scale = name.endsWith('proj') || name.endsWith('fc2') ? 0.02 / Math.sqrt(2 * s.layers) : 0.02;
    return Float32Array.from({ length: size }, () => scale * normal());
  });
}

export class Transformer {
  readonly variables: tf.Variable[];
  private readonly mask: tf.Tensor2D;

  constructor(
    readonly shape: TransformerShape,
    weights: Float32Array[],
  ) {
    const shapes = parameterShapes(shape);
    this.variables = shapes.map(([name, dims], i) =>
      tf.tidy(() => tf.variable(tf.tensor(weights[i], dims, 'float32'), true, `lm.${name}.${nextId++}`)),
    );
    // −1e9 above the diagonal: position t attends to positions ≤ t only.
    this.mask = tf.tidy(() =>
      tf.keep(tf.mul(tf.sub(1, tf.linalg.bandPart(tf.ones([shape.context, shape.context]), -1, 0)), -1e9)),
    );
  }

  /** Logits [B·T, V] for token ids [B, T] (T ≤ context), row b·T + t predicting the token after t. */
  logits(ids: tf.Tensor2D): tf.Tensor2D {
    const [batch, time] = ids.shape;
    const { dim, heads, layers } = this.shape;
    const v = this.variables;
    const rows = batch * time;
    // The embedding as a one-hot product rather than a gather: its gradient is then a matMul, which
    // the wasm backend has (it has no UnsortedSegmentSum, the gradient of gather).
    const onehot = tf.oneHot(tf.reshape(ids, [rows]), this.shape.vocab) as tf.Tensor2D;
    const embedded = tf.reshape(matMul(onehot, v[0]), [batch, time, dim]);
    let x = tf.reshape(tf.add(embedded, tf.slice(v[1], [0, 0], [time, dim])), [rows, dim]) as tf.Tensor2D;
    const mask = time === this.shape.context ? this.mask : tf.slice(this.mask, [0, 0], [time, time]);
    const headDim = dim / heads;
    const split = (t: tf.Tensor) => tf.transpose(tf.reshape(t, [batch, time, heads, headDim]), [0, 2, 1, 3]);
    for (let l = 0; l < layers; l++) {
      const [g1, b1, qkv, proj, g2, b2, fc1, fc1b, fc2, fc2b] = v.slice(2 + 10 * l, 12 + 10 * l);
      const [q, k, val] = tf.split(matMul(layerNorm(x, g1, b1), qkv), 3, 1);
      const scores = tf.add(tf.mul(matMul(split(q), swapLast(split(k))), 1 / Math.sqrt(headDim)), mask);
      const attended = matMul(tf.softmax(scores), split(val));
      const merged = tf.reshape(tf.transpose(attended, [0, 2, 1, 3]), [rows, dim]) as tf.Tensor2D;
      x = tf.add(x, matMul(merged, proj));
      const hidden = tf.relu(tf.add(matMul(layerNorm(x, g2, b2), fc1), fc1b)) as tf.Tensor2D;
      x = tf.add(x, tf.add(matMul(hidden, fc2), fc2b));
    }
    const n = v.length;
    return tf.add(matMul(layerNorm(x, v[n - 4], v[n - 3]), v[n - 2]), v[n - 1]);
  }

  snapshot(): Float32Array[] {
    return this.variables.map((t) => Float32Array.from(t.dataSync() as Float32Array));
  }

  dispose(): void {
    tf.dispose([...this.variables, this.mask]);
  }
}

let nextId = 0;

function layerNorm(x: tf.Tensor2D, gain: tf.Tensor, bias: tf.Tensor): tf.Tensor2D {
  const { mean, variance } = tf.moments(x, 1, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), gain), bias);
}
