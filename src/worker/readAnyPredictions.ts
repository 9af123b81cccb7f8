import { memorySource } from '../core/data/byteSource';
import { collectPredictions, openBinaryPredictions } from '../core/data/collectPredictions';
import { DataFileError } from '../core/data/dataFileError';
import { binaryFormatFromName } from '../core/data/fileTypes';
import { CLI_LOGITS_HINT, Predictions, readPredictions } from '../core/predictions';

export interface ReadOptions {
  label?: string;
  softmax?: boolean;
  /** What to tell the user to do when the scores look like logits (default: the CLI's flag). */
  logitsHint?: string;
}

/** A predictions file's bytes in any format the panel opens; undefined for a text format (read as a table). */
export async function readBinaryPredictions(
  bytes: Uint8Array,
  file: string,
  options: ReadOptions,
): Promise<Predictions | undefined> {
  const binary = binaryFormatFromName(file);
  if (binary === undefined) return undefined;
  if (binary === 'npy')
    throw new DataFileError(
      file,
      'is one .npy array, without the labels; save probabilities and labels together (numpy.savez(path, probs=p, labels=y)) and open the .npz',
    );
  const read = { ...options, logitsHint: options.logitsHint ?? CLI_LOGITS_HINT };
  return collectPredictions(await openBinaryPredictions(binary, memorySource(bytes), file, read));
}

/** Text formats through the table reader; Parquet and .npz through their streamed sources, collected. */
export async function readAnyPredictions(bytes: Uint8Array, file: string, options: ReadOptions): Promise<Predictions> {
  return (await readBinaryPredictions(bytes, file, options)) ?? readPredictions(bytes, file, options);
}
