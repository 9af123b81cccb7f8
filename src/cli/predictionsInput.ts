import { collectPredictions, openBinaryPredictions } from '../core/data/collectPredictions';
import { binaryFormatFromName } from '../core/data/fileTypes';
import { openNpyPairPredictions } from '../core/data/numpyPredictions';
import type { PredictionSource } from '../core/data/predictionSource';
import { CLI_LOGITS_HINT, Predictions, readPredictionsFromStream } from '../core/predictions';
import { inputChunks, openFileSource } from './inputFile';
import { UsageError } from './usageError';

export interface PredictionsFileOptions {
  label?: string;
  softmax?: boolean;
  /** Parquet: the list column of scores; .npz: the array of scores. */
  probs?: string;
  /** .npz: the array of labels; .npy: the .npy file of labels. */
  labels?: string;
}

/** A predictions file streamed with the calibrate command's rules (inside withInputFile, which gives its size). */
export async function readPredictionsFile(
  file: string,
  totalBytes: number,
  options: PredictionsFileOptions,
): Promise<Predictions> {
  if (binaryFormatFromName(file) === undefined) {
    checkTextOptions(options);
    return readPredictionsFromStream(inputChunks(file), file, {
      label: options.label,
      softmax: options.softmax,
      totalBytes,
    });
  }
  return withPredictionSource(file, options, collectPredictions);
}

/** Runs `use` on a Parquet/NumPy file opened for streaming, and closes the file(s) after. */
export async function withPredictionSource<T>(
  file: string,
  options: PredictionsFileOptions,
  use: (source: PredictionSource) => Promise<T>,
): Promise<T> {
  const format = binaryFormatFromName(file);
  if (format === undefined) throw new Error(`withPredictionSource: ${file} is not a binary format`);
  const read = { label: options.label, probs: options.probs, softmax: options.softmax, logitsHint: CLI_LOGITS_HINT };
  const main = await openFileSource(file);
  try {
    if (format !== 'npy') {
      if (format === 'npz' && options.labels !== undefined) read.label = options.labels;
      return await use(await openBinaryPredictions(format, main, file, read));
    }
    if (options.labels === undefined)
      throw new UsageError(`${file} is one .npy array: give the labels' .npy file with --labels FILE`);
    const labels = await openFileSource(options.labels);
    try {
      const source = await openNpyPairPredictions(
        { source: main, file },
        { source: labels, file: options.labels },
        read,
      );
      return await use(source);
    } finally {
      await labels.close();
    }
  } finally {
    await main.close();
  }
}

function checkTextOptions(options: PredictionsFileOptions): void {
  if (options.probs !== undefined) throw new UsageError('--probs is for Parquet and .npz files');
  if (options.labels !== undefined) throw new UsageError('--labels is for .npz and .npy files (use --label COL)');
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
