import { ProbabilityMatrix } from './calibration';
import { ReadColumnsOptions, readColumns, readColumnsFromStream } from './data/columnReader';
import { findColumn, noSuchColumn } from './data/columnNames';
import { DataFileError, FileLocation } from './data/dataFileError';
import { ExactColumn, exactColumns } from './data/exactColumn';
import type { TableFormat } from './data/fileTypes';
import { MAX_PREDICTION_COLUMNS } from './data/limits';
import type { ColumnTable } from './data/tableBuilder';
import { resolveLabels } from './predictionLabels';
import { binaryRow, probabilityRow, RowProblem, softmaxRow } from './predictionRows';

export { SUM_TOLERANCE } from './predictionRows';

export interface PredictionsOptions {
  /** The column that holds the true label (default `label`). */
  label?: string;
  /** Treat the class columns as logits and apply softmax (sigmoid for one binary column). */
  softmax?: boolean;
  /** What the messages tell the user to do when the columns look like logits, in the front end's words. */
  logitsHint?: string;
}

export interface PredictionsReadOptions extends PredictionsOptions {
  /** The file's size, when known: for progress and for sizing the columns up front. */
  totalBytes?: number;
  onProgress?: (fraction: number) => void;
  /** Default: no limit. */
  maxBytes?: number;
}

/** A predictions file, read: one probability row and one class index per data row. */
export interface Predictions {
  file: string;
  format: TableFormat;
  labelColumn: string;
  /** The probability columns' headers (`0`, `1` for a single binary column). */
  classNames: string[];
  probs: ProbabilityMatrix;
  labels: Int32Array;
  /** Columns that hold no numbers at all (ids, text) and were left out. */
  ignoredColumns: string[];
  softmax: boolean;
}

export const DEFAULT_LABEL_COLUMN = 'label';
/** The CLI's words; the calibration panel names its checkbox instead. */
export const CLI_LOGITS_HINT = 'use the softmax option (--softmax)';

/**
 * Reads class probabilities and true labels from a whole file in memory (read in chunks, as a
 * stream would be). Every column but the label column that holds numbers is the probability of
 * the class named by its header. Labels that are class names match those headers (see
 * resolveLabels for the rules); otherwise integer labels index the probability columns in order.
 */
export function readPredictions(
  input: string | Uint8Array,
  file: string,
  options: PredictionsReadOptions = {},
): Predictions {
  return predictionsFromTable(readColumns(input, file, tableOptions(options)), options);
}

/** The same from a stream of byte chunks (e.g. fs.createReadStream): the file is never held whole. */
export async function readPredictionsFromStream(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  file: string,
  options: PredictionsReadOptions = {},
): Promise<Predictions> {
  return predictionsFromTable(await readColumnsFromStream(chunks, file, tableOptions(options)), options);
}

/** How a predictions file is read: every cell exactly, ragged rows refused, the label column's text kept. */
function tableOptions(options: PredictionsReadOptions): ReadColumnsOptions<ExactColumn> {
  const label = options.label ?? DEFAULT_LABEL_COLUMN;
  const folded = label.toLowerCase();
  return {
    strict: true,
    label,
    columns: exactColumns((name) => name.toLowerCase() === folded),
    maxColumns: MAX_PREDICTION_COLUMNS,
    maxBytes: options.maxBytes ?? Infinity,
    totalBytes: options.totalBytes,
    onProgress: options.onProgress,
  };
}

/** A table read with exact columns → predictions. Throws DataFileError naming the first bad row. */
export function predictionsFromTable(table: ColumnTable<ExactColumn>, options: PredictionsOptions = {}): Predictions {
  const names = table.columns.map((c) => c.name);
  const label = options.label ?? DEFAULT_LABEL_COLUMN;
  const labelIndex = findColumn(names, label);
  if (labelIndex === undefined) throw noSuchColumn(table.file, label, names);
  const labelColumn = table.columns[labelIndex];

  const classColumns = table.columns.filter((c, j) => j !== labelIndex && c.numbers > 0);
  const ignoredColumns = table.columns.filter((c, j) => j !== labelIndex && c.numbers === 0).map((c) => c.name);
  if (classColumns.length === 0) {
    throw new DataFileError(
      table.file,
      `has no numeric probability columns besides the label column '${labelColumn.name}'`,
    );
  }
  const binary = classColumns.length === 1;
  const headers = binary ? ['0', '1'] : classColumns.map((c) => c.name);
  return {
    file: table.file,
    // Predictions tables come from the text readers only.
    format: table.format as TableFormat,
    labelColumn: labelColumn.name,
    classNames: headers,
    probs: probabilityMatrix(table, classColumns, options),
    labels: readLabels(table, labelColumn, headers),
    ignoredColumns,
    softmax: options.softmax ?? false,
  };
}

function probabilityMatrix(
  table: ColumnTable<ExactColumn>,
  classColumns: ExactColumn[],
  options: PredictionsOptions,
): ProbabilityMatrix {
  const softmax = options.softmax ?? false;
  const hint = options.logitsHint ?? CLI_LOGITS_HINT;
  const binary = classColumns.length === 1;
  const classes = binary ? 2 : classColumns.length;
  const headers = classColumns.map((c) => c.name);
  // The first cell, in reading order, that is not a number: an error once the rows before it passed.
  let bad: ExactColumn | undefined;
  for (const c of classColumns)
    if (c.firstNonNumber && (!bad || c.firstNonNumber.index < bad.firstNonNumber!.index)) bad = c;
  const badRow = bad ? bad.firstNonNumber!.index : table.rows;

  const data = new Float64Array(table.rows * classes);
  const scores = new Float64Array(classColumns.length);
  let i = 0;
  const fail: RowProblem = (detail, column) => {
    throw new DataFileError(table.file, detail, locate(table, i, column));
  };
  for (; i < badRow; i++) {
    for (let j = 0; j < classColumns.length; j++) scores[j] = classColumns[j].values[i];
    const out = data.subarray(i * classes, (i + 1) * classes);
    if (binary) binaryRow(scores[0], softmax, out, headers[0], hint, fail);
    else if (softmax) softmaxRow(scores, out);
    else probabilityRow(scores, out, headers, hint, fail);
  }
  if (bad) {
    const { text } = bad.firstNonNumber!;
    fail(`${text === undefined ? 'an empty cell' : `'${text}'`} is not a number`, bad.name);
  }
  return { data, rows: table.rows, cols: classes };
}

function readLabels(table: ColumnTable<ExactColumn>, column: ExactColumn, headers: string[]): Int32Array {
  const text = column.text!;
  const missing = text.codes.indexOf(-1);
  if (missing >= 0) throw new DataFileError(table.file, 'the label is missing', locate(table, missing, column.name));
  return resolveLabels(text, headers, (i, detail) => {
    throw new DataFileError(table.file, detail, locate(table, i, column.name));
  });
}

/** Where the row at `index` among the rows read is in the file. */
function locate(table: ColumnTable<unknown>, index: number, column?: string): FileLocation {
  const location: FileLocation = { row: table.rowNumbers[index], line: table.lines[index] };
  if (column !== undefined) location.column = column;
  return location;
}
