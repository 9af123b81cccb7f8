import { Predictions, readPredictionsFromStream } from '../core/predictions';
import { inputChunks } from './inputFile';
import { UsageError } from './usageError';

/** A predictions file streamed with the calibrate command's rules (inside withInputFile, which gives its size). */
export function readPredictionsFile(
  file: string,
  totalBytes: number,
  options: { label?: string; softmax?: boolean },
): Promise<Predictions> {
  return readPredictionsFromStream(inputChunks(file), file, { ...options, totalBytes });
}

/** An integer option in [min, max], or its default when absent. */
export function integerOption(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got '${value}'`);
  }
  return n;
}
