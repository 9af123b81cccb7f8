import { binaryRow, probabilityRow, RowProblem, softmaxRow, SUM_TOLERANCE } from '../predictionRows';
import { DataFileError, FileLocation } from './dataFileError';

/** The formats predictions are streamed from (besides the text formats, read whole). */
export type BinaryPredictionFormat = 'parquet' | 'npy' | 'npz';

/** Some consecutive rows of a predictions file, checked: either probabilities and labels, or top-label rows. */
export interface PredictionBatch {
  rows: number;
  /** Row-major rows × classes probabilities. */
  probs?: Float64Array;
  labels?: Int32Array;
  confidence?: Float64Array;
  correct?: Uint8Array;
}

/** A predictions file opened for streaming: what it holds, and its rows batch after batch. */
export interface PredictionSource {
  file: string;
  format: string;
  /** 'top-label': columns `confidence` and `correct` only, no class probabilities. */
  form: 'probabilities' | 'top-label';
  /** The classes' names (`0`…`K−1` when the file does not name them); empty for top-label. */
  classNames: string[];
  labelColumn: string;
  ignoredColumns: string[];
  softmax: boolean;
  /** Rows in all, when the format tells before reading them. */
  rows?: number;
  batches(): AsyncIterable<PredictionBatch>;
}

export interface ScoreOptions {
  softmax: boolean;
  hint: string;
}

/**
 * Turns `rows` rows of `cols` scores (row-major) into checked probabilities: softmax or sigmoid of
 * logits, or probabilities as given (each in [0, 1], rows summing to 1). A single column is P(class 1).
 * `where(i)` locates row i of the batch for the message.
 */
export function scoresToProbabilities(
  file: string,
  scores: ArrayLike<number>,
  rows: number,
  cols: number,
  headers: string[],
  options: ScoreOptions,
  where: (i: number) => FileLocation,
): Float64Array {
  const binary = cols === 1;
  const plain = !binary && !options.softmax;
  // Float64 probabilities that pass (a .npy file's, read straight into place) are used as they are.
  if (
    plain &&
    scores instanceof Float64Array &&
    scores.length === rows * cols &&
    allProbabilityRows(scores, rows, cols)
  )
    return scores;
  const classes = binary ? 2 : cols;
  const out = new Float64Array(rows * classes);
  const row = new Float64Array(cols);
  let i = 0;
  const fail: RowProblem = (detail, column) => {
    const at = where(i);
    throw new DataFileError(file, detail, column === undefined ? at : { ...at, column });
  };
  // The rows that pass are copied in one loop; a row that fails goes through the shared row checks for their message.
  for (; i < rows; i++) {
    const base = i * cols;
    if (plain && probabilityRowAt(scores, base, cols, out)) continue;
    for (let j = 0; j < cols; j++) {
      const v = scores[base + j];
      if (!Number.isFinite(v)) fail(`${v} is not a finite number`, headers[j]);
      row[j] = v;
    }
    const dest = out.subarray(i * classes, (i + 1) * classes);
    if (binary) binaryRow(row[0], options.softmax, dest, headers[0], options.hint, fail);
    else if (options.softmax) softmaxRow(row, dest);
    else probabilityRow(row, dest, headers, options.hint, fail);
  }
  return out;
}

function allProbabilityRows(scores: ArrayLike<number>, rows: number, cols: number): boolean {
  for (let i = 0; i < rows; i++) if (!probabilityRowAt(scores, i * cols, cols, null)) return false;
  return true;
}

/**
 * Whether the row at `base` holds probabilities: each in [0, 1 + tolerance], summing to 1 within it;
 * copied into `out` (at the same place) as it is checked, when given.
 */
function probabilityRowAt(scores: ArrayLike<number>, base: number, cols: number, out: Float64Array | null): boolean {
  let sum = 0;
  for (let j = 0; j < cols; j++) {
    const p = scores[base + j];
    if (!(p >= 0 && p <= 1 + SUM_TOLERANCE)) return false;
    if (out) out[base + j] = p;
    sum += p;
  }
  return Math.abs(sum - 1) <= SUM_TOLERANCE;
}

/** Class indices from numbers (integers in [0, classes)) or text (a class name, else an index). */
export function checkLabels(
  file: string,
  values: ArrayLike<unknown>,
  rows: number,
  classNames: string[],
  where: (i: number) => FileLocation,
): Int32Array {
  const out = new Int32Array(rows);
  const classes = classNames.length;
  let byName: Map<string, number> | undefined;
  for (let i = 0; i < rows; i++) {
    const v = values[i];
    let index: number | undefined;
    if (typeof v === 'number' || typeof v === 'bigint') index = Number(v);
    else if (typeof v === 'string') {
      byName ??= new Map(classNames.map((name, k) => [name, k]));
      index = byName.get(v) ?? (/^\s*\d+\s*$/.test(v) ? Number(v) : undefined);
      if (index === undefined)
        throw new DataFileError(file, `unknown class '${v}'; expected one of ${listClasses(classNames)}`, where(i));
    } else if (typeof v === 'boolean') index = v ? 1 : 0;
    if (index === undefined) throw new DataFileError(file, 'the label is missing', where(i));
    if (!Number.isInteger(index) || index < 0 || index >= classes)
      throw new DataFileError(file, `label ${index} is not a class index in [0, ${classes - 1}]`, where(i));
    out[i] = index;
  }
  return out;
}

function listClasses(names: string[]): string {
  const shown = names.length > 20 ? [...names.slice(0, 20), '…'] : names;
  return `the class names (${shown.join(', ')}) or indices 0–${names.length - 1}`;
}

/** Top-label rows: confidence in [0, 1], correct 0/1 (or true/false). */
export function checkTopLabel(
  file: string,
  confidence: ArrayLike<unknown>,
  correct: ArrayLike<unknown>,
  rows: number,
  where: (i: number) => FileLocation,
  columns: { confidence: string; correct: string },
): PredictionBatch {
  const conf = new Float64Array(rows);
  const hit = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const c = toNumber(confidence[i]);
    if (c === undefined || !(c >= 0 && c <= 1))
      throw new DataFileError(file, `${String(confidence[i])} is not a confidence in [0, 1]`, {
        ...where(i),
        column: columns.confidence,
      });
    const h = toNumber(correct[i]);
    if (h !== 0 && h !== 1)
      throw new DataFileError(file, `${String(correct[i])} is not 0 or 1 (whether the top label is right)`, {
        ...where(i),
        column: columns.correct,
      });
    conf[i] = c;
    hit[i] = h;
  }
  return { rows, confidence: conf, correct: hit };
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}
