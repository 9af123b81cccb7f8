import { MAX_BINS, MIN_BINS } from '../../extension/calibration/constants';

/**
 * Why the text in the Bins field cannot be used, worded for the message next to the field, or
 * undefined when it is a whole number in MIN_BINS…MAX_BINS. `kept` is the count the diagram keeps.
 */
export function binsProblem(text: string, kept: number): string | undefined {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed !== '' && Number.isInteger(value) && value >= MIN_BINS && value <= MAX_BINS) return undefined;
  const what = trimmed === '' ? 'Bins' : `${trimmed} bins`;
  return `${what}: allowed are ${MIN_BINS}–${MAX_BINS} (whole numbers); the diagram keeps ${kept}`;
}
