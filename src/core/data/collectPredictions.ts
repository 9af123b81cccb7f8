import type { Predictions } from '../predictions';
import type { ByteSource } from './byteSource';
import { DataFileError } from './dataFileError';
import { BinaryFormat, TableFormat } from './fileTypes';
import { openNpzPredictions } from './numpyPredictions';
import { BinaryPredictionsOptions, openParquetPredictions } from './parquetPredictions';
import type { PredictionSource } from './predictionSource';

/** A Parquet or .npz predictions file opened for streaming (a .npy needs its labels file: openNpyPairPredictions). */
export function openBinaryPredictions(
  format: BinaryFormat,
  source: ByteSource,
  file: string,
  options: BinaryPredictionsOptions,
): Promise<PredictionSource> {
  if (format === 'parquet') return openParquetPredictions(source, file, options);
  if (format === 'npz') return openNpzPredictions(source, file, options);
  throw new DataFileError(file, 'is one .npy array: give its labels as a second .npy file (--labels labels.npy)');
}

/**
 * All of a source's rows in memory, as the text readers give them, for the commands that need every
 * row at once (compare, recalibrate, the panel). Top-label files have no class probabilities for them.
 */
export async function collectPredictions(source: PredictionSource): Promise<Predictions> {
  if (source.form === 'top-label')
    throw new DataFileError(
      source.file,
      'holds top-label rows (confidence, correct) only; this needs class probabilities and labels',
    );
  const k = source.classNames.length;
  const probs: Float64Array[] = [];
  const labels: Int32Array[] = [];
  let rows = 0;
  for await (const batch of source.batches()) {
    probs.push(batch.probs!);
    labels.push(batch.labels!);
    rows += batch.rows;
  }
  const data = new Float64Array(rows * k);
  const y = new Int32Array(rows);
  for (let b = 0, at = 0; b < probs.length; at += labels[b].length, b++) {
    data.set(probs[b], at * k);
    y.set(labels[b], at);
  }
  return {
    file: source.file,
    // Predictions name a text format; a binary source's format ('parquet', 'npz', 'npy') travels in the same field.
    format: source.format as TableFormat,
    labelColumn: source.labelColumn,
    classNames: source.classNames,
    probs: { data, rows, cols: k },
    labels: y,
    ignoredColumns: source.ignoredColumns,
    softmax: source.softmax,
  };
}
