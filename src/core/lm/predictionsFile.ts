import { predictionsCsv } from '../reports/predictionsCsv';
import type { TokenPredictions } from './evaluate';
import type { Vocabulary } from './vocabulary';

/** A character's column name in a predictions file: its code point, U+0041 for A. */
export function charColumnName(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Next-character predictions in the calibration panel's format: one probability column per
 * vocabulary character (named by code point), then the true next character's column name. The
 * panel's top-label view of this file is exactly the run's next-token reliability diagram.
 */
export function tokenPredictionsCsv(vocabulary: Vocabulary, predictions: TokenPredictions): string {
  return predictionsCsv(vocabulary.chars.map(charColumnName), predictions.probs, predictions.labels);
}
