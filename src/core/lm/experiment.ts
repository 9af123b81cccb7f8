import type { LmConfig } from './config';
import { Corpus, HELD_OUT_FRACTION, unigramBitsPerChar } from './corpus';
import { referencePieces, repetitionStats, RepetitionStats } from './repetition';
import type { LmRunReport } from './run';

export interface LmReference {
  /** The text's unigram entropy, bits/char (see unigramBitsPerChar). */
  unigramBitsPerChar: number;
  /** rep-n and distinct-n of the held-out text in pieces of the samples' length. */
  repetition: RepetitionStats;
}

export interface LmReport {
  files: string[];
  vocabulary: number;
  trainChars: number;
  heldOutChars: number;
  heldOutFraction: number;
  config: LmConfig;
  runs: LmRunReport[];
  reference: LmReference;
}

export function lmReference(corpus: Corpus, config: LmConfig): LmReference {
  return {
    unigramBitsPerChar: unigramBitsPerChar(corpus),
    repetition: repetitionStats(referencePieces(corpus.heldOutText, config.sampleLength)),
  };
}

export function lmReport(corpus: Corpus, config: LmConfig, runs: LmRunReport[]): LmReport {
  return {
    files: corpus.files,
    vocabulary: corpus.vocabulary.size,
    trainChars: corpus.trainChars,
    heldOutChars: corpus.heldOutChars,
    heldOutFraction: HELD_OUT_FRACTION,
    config,
    runs,
    reference: lmReference(corpus, config),
  };
}
