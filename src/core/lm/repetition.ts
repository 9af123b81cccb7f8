/** The n of rep-n and distinct-n. */
export const REPETITION_ORDERS = [2, 3, 4] as const;

export interface RepetitionStats {
  /**
   * rep-n (Welleck et al. 2020), per n: the mean over samples of 1 − |unique n-grams| / |n-grams|
   * of the sample's words (whitespace-separated); a sample with no n-gram counts 0.
   */
  rep: Record<string, number>;
  /** distinct-n (Li et al. 2016): |unique n-grams| / |n-grams| over all samples pooled. */
  distinct: Record<string, number>;
  samples: number;
  /** Mean words per sample. */
  words: number;
}

export function words(text: string): string[] {
  return text.split(/\s+/u).filter((w) => w.length > 0);
}

function ngrams(tokens: string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join('\u0001'));
  return out;
}

/** rep-n of one token sequence: 1 − |unique n-grams| / |n-grams| (0 with no n-gram). */
export function repN(tokens: string[], n: number): number {
  const grams = ngrams(tokens, n);
  return grams.length === 0 ? 0 : 1 - new Set(grams).size / grams.length;
}

export function repetitionStats(texts: string[]): RepetitionStats {
  const tokenized = texts.map(words);
  const rep: Record<string, number> = {};
  const distinct: Record<string, number> = {};
  for (const n of REPETITION_ORDERS) {
    rep[n] = tokenized.length ? tokenized.reduce((s, t) => s + repN(t, n), 0) / tokenized.length : 0;
    const pooled = tokenized.flatMap((t) => ngrams(t, n));
    distinct[n] = pooled.length ? new Set(pooled).size / pooled.length : 0;
  }
  const totalWords = tokenized.reduce((s, t) => s + t.length, 0);
  return { rep, distinct, samples: texts.length, words: texts.length ? totalWords / texts.length : 0 };
}

/**
 * The held-out text as the reference: cut into consecutive pieces of `length` characters (the
 * samples' length, since rep-n grows with length), every whole piece one "sample".
 */
export function referencePieces(heldOutText: string[], length: number): string[] {
  const pieces: string[] = [];
  for (const text of heldOutText) {
    const chars = Array.from(text);
    for (let i = 0; i + length <= chars.length; i += length) pieces.push(chars.slice(i, i + length).join(''));
  }
  return pieces;
}
