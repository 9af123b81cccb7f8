import { seededRandom } from '../random';

export const MAX_NOISE_RATE = 0.9;

export interface NoisyLabels {
  labels: Int32Array;
  /** Positions whose label was changed, ascending. */
  flipped: Int32Array;
}

/**
 * Symmetric label noise: each label is replaced, with probability `rate`, by a class drawn
 * uniformly from the other classes. Seeded; the input is not modified.
 */
export function addLabelNoise(labels: Int32Array, classes: number, rate: number, seed = 0): NoisyLabels {
  if (!(rate >= 0 && rate <= MAX_NOISE_RATE))
    throw new RangeError(`the noise rate must be in [0, ${MAX_NOISE_RATE}], got ${rate}`);
  if (!(classes >= 2)) throw new RangeError(`label noise needs at least two classes, got ${classes}`);
  // A generator of its own, so that adding noise never changes which rows the split chose.
  const random = seededRandom(Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) >>> 0);
  const out = Int32Array.from(labels);
  const flipped: number[] = [];
  for (let i = 0; i < out.length; i++) {
    if (random() >= rate) continue;
    const other = Math.floor(random() * (classes - 1));
    out[i] = other >= out[i] ? other + 1 : other;
    flipped.push(i);
  }
  return { labels: out, flipped: Int32Array.from(flipped) };
}
