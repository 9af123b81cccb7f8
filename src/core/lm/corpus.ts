import { DataFileError } from '../data/dataFileError';
import type { TextFile } from './text';
import { Vocabulary } from './vocabulary';

/** The fraction of each file, at its end, held out for evaluation. */
export const HELD_OUT_FRACTION = 0.1;

/** Texts split into training and held-out parts, encoded with the training text's vocabulary. */
export interface Corpus {
  vocabulary: Vocabulary;
  /** Per file: the first 90 % of its characters, encoded. */
  train: Int32Array[];
  /** Per file: the last 10 %, encoded. */
  heldOut: Int32Array[];
  heldOutText: string[];
  trainChars: number;
  heldOutChars: number;
  files: string[];
}

/**
 * Splits every file at 90 % of its characters (the held-out part is the last 10 % of each file,
 * so both parts cover every file) and checks that training can draw a window of context + 1
 * characters from each file and evaluate at least one window of held-out text overall.
 */
export function buildCorpus(files: TextFile[], context: number): Corpus {
  if (files.length === 0) throw new Error('no text files were given');
  const trainText: string[] = [];
  const heldOutText: string[] = [];
  for (const file of files) {
    const chars = Array.from(file.text);
    if (chars.length === 0)
      throw new DataFileError(file.name, 'is empty; a language model needs some text to learn from');
    const cut = Math.floor(chars.length * (1 - HELD_OUT_FRACTION));
    if (cut < context + 1 || chars.length - cut < 2) {
      const needed = Math.ceil((context + 1) / (1 - HELD_OUT_FRACTION));
      throw new DataFileError(
        file.name,
        `is too small for a context of ${context} characters: it has ${chars.length}, at least ${needed} are needed (90 % for training, 10 % held out); choose a shorter context`,
      );
    }
    trainText.push(chars.slice(0, cut).join(''));
    heldOutText.push(chars.slice(cut).join(''));
  }
  const vocabulary = Vocabulary.fromText(trainText);
  const train = trainText.map((t) => vocabulary.encode(t));
  const heldOut = heldOutText.map((t) => vocabulary.encode(t));
  return {
    vocabulary,
    train,
    heldOut,
    heldOutText,
    trainChars: train.reduce((n, t) => n + t.length, 0),
    heldOutChars: heldOut.reduce((n, t) => n + t.length, 0),
    files: files.map((f) => f.name),
  };
}

/**
 * The text's unigram entropy in bits per character: −Σ_c f_c·log2 f_c over the character
 * frequencies f of all the text (training and held-out parts; unseen held-out characters count as one).
 */
export function unigramBitsPerChar(corpus: Corpus): number {
  const counts = new Float64Array(corpus.vocabulary.size);
  let total = 0;
  for (const part of [...corpus.train, ...corpus.heldOut])
    for (const id of part) {
      counts[id]++;
      total++;
    }
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / total) * Math.log2(c / total);
  return h;
}
