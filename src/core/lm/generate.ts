import * as tf from '../tf';
import { seededRandom } from '../random';
import type { Transformer } from './transformer';

export interface SamplingOptions {
  length: number;
  temperature: number;
  /** 0: sample from every character. */
  topK: number;
  seed: number;
}

/**
 * Continues `prompt` (ids) by `length` characters, each drawn from softmax(logits / T) restricted
 * to the top-k, the window cropped to the model's context. The draw of step i uses the i-th
 * number of the seeded generator, so two models given the same seed share their random numbers.
 */
export function sample(model: Transformer, prompt: Int32Array, options: SamplingOptions): Int32Array {
  const random = seededRandom((options.seed ^ 0x68e31da4) >>> 0);
  const context = model.shape.context;
  const ids = Array.from(prompt);
  const out = new Int32Array(options.length);
  for (let i = 0; i < options.length; i++) {
    const window = ids.slice(-context);
    const logits = tf.tidy(() => {
      const all = model.logits(tf.tensor2d(Int32Array.from(window), [1, window.length], 'int32'));
      return Float32Array.from(tf.slice(all, [window.length - 1, 0], [1, -1]).dataSync());
    });
    logits[0] = -Infinity; // never the "unknown" character, which training never targets
    const next = drawFrom(logits, options.temperature, options.topK, random());
    out[i] = next;
    ids.push(next);
  }
  return out;
}

/** The index drawn by the uniform number u from softmax(logits / temperature) over the top-k. */
export function drawFrom(logits: ArrayLike<number>, temperature: number, topK: number, u: number): number {
  const order = Array.from({ length: logits.length }, (_, i) => i).sort((a, b) => logits[b] - logits[a] || a - b);
  const kept = topK > 0 ? order.slice(0, topK) : order;
  const top = logits[kept[0]];
  const weights = kept.map((i) => Math.exp((logits[i] - top) / temperature));
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (let j = 0; j < kept.length; j++) {
    acc += weights[j] / total;
    if (u < acc) return kept[j];
  }
  return kept[kept.length - 1];
}
