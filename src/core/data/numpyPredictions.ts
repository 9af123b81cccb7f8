import type { ByteSource } from './byteSource';
import { DataFileError } from './dataFileError';
import { NpyArray } from './npyArray';
import type { BinaryPredictionsOptions } from './parquetPredictions';
import { checkLabels, checkTopLabel, PredictionSource, ScoreOptions, scoresToProbabilities } from './predictionSource';
import { rangeBytes } from './sequentialBytes';
import { openNpzArchive } from './npzArchive';

/** Scores read per batch: about 1 M values (8 MB as float64), whole rows. */
const BATCH_VALUES = 1 << 20;

/** A .npy array in a file of its own. */
export function openNpy(source: ByteSource, file: string, name: string): Promise<NpyArray> {
  return NpyArray.open(rangeBytes(source, 0, source.size), file, name);
}

/**
 * Predictions from a .npz archive (numpy.savez or savez_compressed): arrays `probs` (or `logits`,
 * softmaxed) and `labels`, or `options.probs` / `options.label`; or `confidence` and `correct`.
 */
export async function openNpzPredictions(
  source: ByteSource,
  file: string,
  options: BinaryPredictionsOptions,
): Promise<PredictionSource> {
  const byKey = await openNpzArchive(source, file);
  const { keys } = byKey;
  const open = (key: string) => byKey.open(key);
  const missing = (what: string) => byKey.missing(what);

  if (options.probs === undefined && !byKey.has('probs') && !byKey.has('logits') && byKey.has('confidence')) {
    if (!byKey.has('correct')) throw missing(`'correct' to go with 'confidence'`);
    return topLabelSource(file, await open('confidence'), await open('correct'), keys);
  }
  const probsKey = options.probs ?? (byKey.has('probs') ? 'probs' : byKey.has('logits') ? 'logits' : undefined);
  if (probsKey === undefined || !byKey.has(probsKey))
    throw missing(probsKey === undefined ? `'probs' or 'logits' (name it with --probs KEY)` : `'${probsKey}'`);
  const labelKey = options.label ?? (byKey.has('labels') ? 'labels' : byKey.has('label') ? 'label' : 'labels');
  if (!byKey.has(labelKey)) throw missing(`'${labelKey}' (name the labels with --labels KEY)`);
  const softmax = options.softmax ?? (options.probs === undefined && probsKey === 'logits');
  const scoreOptions = { softmax, hint: options.logitsHint };
  const ignored = keys.filter((k) => k !== probsKey && k !== labelKey);
  return arraysSource(file, await open(probsKey), file, await open(labelKey), scoreOptions, ignored, 'npz');
}

/** Predictions from a .npy of scores (N×K, or N for P(class 1)) and a .npy of N labels. */
export async function openNpyPairPredictions(
  probs: { source: ByteSource; file: string },
  labels: { source: ByteSource; file: string },
  options: BinaryPredictionsOptions,
): Promise<PredictionSource> {
  const scores = await openNpy(probs.source, probs.file, 'probs');
  const classes = await openNpy(labels.source, labels.file, 'labels');
  const scoreOptions = { softmax: options.softmax ?? false, hint: options.logitsHint };
  return arraysSource(probs.file, scores, labels.file, classes, scoreOptions, [], 'npy');
}

function arraysSource(
  file: string,
  scores: NpyArray,
  labelsFile: string,
  labels: NpyArray,
  options: ScoreOptions,
  ignoredColumns: string[],
  format: string,
): PredictionSource {
  const shape = scores.header.shape;
  if (shape.length < 1 || shape.length > 2)
    throw new DataFileError(file, `has shape (${shape.join(', ')}); expected (rows, classes) or (rows,)`, {
      part: scores.where,
    });
  const n = shape[0];
  const cols = shape.length === 2 ? shape[1] : 1;
  if (cols < 1) throw new DataFileError(file, 'has no classes (its second dimension is 0)', { part: scores.where });
  const labelShape = labels.header.shape;
  if (labelShape.length < 1 || labelShape.length > 2 || (labelShape.length === 2 && labelShape[1] !== 1))
    throw new DataFileError(labelsFile, `has shape (${labelShape.join(', ')}); expected (rows,)`, {
      part: labels.where,
    });
  if (labelShape[0] !== n)
    throw new DataFileError(
      labelsFile,
      `holds ${labelShape[0]} labels for the ${n} rows of ${scores.where}${labelsFile !== file ? ` in ${file}` : ''}`,
      { part: labels.where },
    );
  if (n === 0) throw new DataFileError(file, 'has no rows', { part: scores.where });
  const headers = Array.from({ length: cols }, (_, k) => String(k));
  const classNames = cols === 1 ? ['0', '1'] : headers;
  return {
    file,
    format,
    form: 'probabilities',
    classNames,
    labelColumn: labels.name,
    ignoredColumns,
    softmax: options.softmax,
    rows: n,
    async *batches() {
      const step = Math.max(1, Math.floor(BATCH_VALUES / cols));
      for (let start = 0; start < n; start += step) {
        const rows = Math.min(step, n - start);
        const values = await scores.next(rows * cols);
        const probs = scoresToProbabilities(file, values, rows, cols, headers, options, (i) => ({
          part: scores.where,
          row: start + i + 1,
        }));
        const y = checkLabels(labelsFile, await labels.next(rows), rows, classNames, (i) => ({
          part: labels.where,
          row: start + i + 1,
        }));
        yield { rows, probs, labels: y };
      }
    },
  };
}

function topLabelSource(file: string, confidence: NpyArray, correct: NpyArray, keys: string[]): PredictionSource {
  const n = confidence.header.length;
  if (correct.header.length !== n)
    throw new DataFileError(
      file,
      `array 'correct' holds ${correct.header.length} values for the ${n} of array 'confidence'`,
    );
  return {
    file,
    format: 'npz',
    form: 'top-label',
    classNames: [],
    labelColumn: 'correct',
    ignoredColumns: keys.filter((k) => k !== 'confidence' && k !== 'correct'),
    softmax: false,
    rows: n,
    async *batches() {
      for (let start = 0; start < n; start += BATCH_VALUES) {
        const rows = Math.min(BATCH_VALUES, n - start);
        yield checkTopLabel(
          file,
          await confidence.next(rows),
          await correct.next(rows),
          rows,
          (i) => ({ row: start + i + 1 }),
          { confidence: "array 'confidence'", correct: "array 'correct'" },
        );
      }
    },
  };
}
