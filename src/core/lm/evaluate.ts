import * as tf from '../tf';
import { expectedCalibrationError, reliabilityBins, topLabel } from '../calibration';
import { DEFAULT_BINS, type ReliabilityBin } from '../calibration/types';
import type { Transformer } from './transformer';

/** Held-out characters scored at most, from the start of each file's held-out part in turn. */
export const MAX_EVAL_CHARS = 50_000;

export interface HeldOutMetrics {
  /** Mean −log2 p(next character), over every held-out character after a file's first. */
  bitsPerChar: number;
  /** 2^bitsPerChar: per-character perplexity. */
  perplexity: number;
  /** Fraction of characters that are the model's argmax. */
  accuracy: number;
  /** Top-label ECE over DEFAULT_BINS equal-width bins (Guo et al. 2017). */
  ece: number;
  bins: ReliabilityBin[];
  n: number;
}

/** Next-token predictions: per scored character its row of probabilities and its index. */
export interface TokenPredictions {
  probs: Float32Array;
  labels: Int32Array;
  vocab: number;
}

/** The windows that cover each held-out part: inputs part[i..i+T−1] scored against part[i+1..i+T]. */
export function evaluationWindows(
  parts: Int32Array[],
  context: number,
): Array<{ part: number; start: number; length: number }> {
  const out: Array<{ part: number; start: number; length: number }> = [];
  let budget = MAX_EVAL_CHARS;
  parts.forEach((part, p) => {
    for (let start = 0; start + 1 < part.length && budget > 0; start += context) {
      const length = Math.min(context, part.length - 1 - start, budget);
      out.push({ part: p, start, length });
      budget -= length;
    }
  });
  return out;
}

/** The model's next-character probabilities on the held-out text (forward passes only). */
export function predictHeldOut(model: Transformer, parts: Int32Array[], batch = 32): TokenPredictions {
  const vocab = model.shape.vocab;
  const windows = evaluationWindows(parts, model.shape.context);
  const n = windows.reduce((s, w) => s + w.length, 0);
  const probs = new Float32Array(n * vocab);
  const labels = new Int32Array(n);
  let row = 0;
  // Windows of one length go through together; only a part's last window can be shorter.
  const byLength = new Map<number, typeof windows>();
  for (const w of windows) byLength.set(w.length, [...(byLength.get(w.length) ?? []), w]);
  for (const [length, group] of byLength) {
    for (let g = 0; g < group.length; g += batch) {
      const chunk = group.slice(g, g + batch);
      const ids = new Int32Array(chunk.length * length);
      chunk.forEach((w, b) => {
        ids.set(parts[w.part].subarray(w.start, w.start + length), b * length);
        labels.set(parts[w.part].subarray(w.start + 1, w.start + 1 + length), row + b * length);
      });
      // The tensor leaves tidy, not its values: tidy walks every element of a typed array it returns.
      const p = tf.tidy(() => tf.softmax(model.logits(tf.tensor2d(ids, [chunk.length, length], 'int32'))));
      try {
        probs.set(p.dataSync() as Float32Array, row * vocab);
      } finally {
        p.dispose();
      }
      row += chunk.length * length;
    }
  }
  return { probs, labels, vocab };
}

/** Bits/char, perplexity, accuracy and top-label ECE of next-token predictions, in float64. */
export function heldOutMetrics(predictions: TokenPredictions, binCount = DEFAULT_BINS): HeldOutMetrics {
  const { probs, labels, vocab } = predictions;
  const n = labels.length;
  let bits = 0;
  for (let i = 0; i < n; i++) bits -= Math.log2(Math.max(probs[i * vocab + labels[i]], 1e-30));
  const { confidence, hit } = topLabel({ data: probs, rows: n, cols: vocab }, labels);
  const bins = reliabilityBins(confidence, hit, binCount);
  let hits = 0;
  for (const h of hit) hits += h;
  const bitsPerChar = n > 0 ? bits / n : NaN;
  return {
    bitsPerChar,
    perplexity: 2 ** bitsPerChar,
    accuracy: n > 0 ? hits / n : NaN,
    ece: expectedCalibrationError(bins),
    bins,
    n,
  };
}
