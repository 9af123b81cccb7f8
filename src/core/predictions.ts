import { ProbabilityMatrix } from './calibration';
import { DataFileError, FileLocation } from './data/dataFileError';
import { Cell, readTable, Table, TableFormat } from './data/readTable';
import { parseNumber } from './data/parseNumber';
import { resolveLabels } from './predictionLabels';

export interface PredictionsOptions {
  /** The column that holds the true label (default `label`). */
  label?: string;
  /** Treat the class columns as logits and apply softmax (sigmoid for one binary column). */
  softmax?: boolean;
  /** What the messages tell the user to do when the columns look like logits, in the front end's words. */
  logitsHint?: string;
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
export const SUM_TOLERANCE = 1e-3;
/** The CLI's words; the calibration panel names its checkbox instead. */
export const CLI_LOGITS_HINT = 'use the softmax option (--softmax)';

/**
 * Reads class probabilities and true labels. Every column but the label column that holds numbers
 * is the probability of the class named by its header. Labels that are class names match those
 * headers (see resolveLabels for the rules); otherwise integer labels index the probability columns in order.
 */
export function readPredictions(input: string | Uint8Array, file: string, options: PredictionsOptions = {}): Predictions {
  const table = readTable(input, file);
  if (table.rows.length === 0) throw new DataFileError(file, 'has a header but no data rows');
  const labelIndex = findLabelColumn(table, options.label ?? DEFAULT_LABEL_COLUMN);
  const labelColumn = table.columns[labelIndex];

  const classColumns: number[] = [];
  const ignoredColumns: string[] = [];
  table.columns.forEach((name, c) => {
    if (c === labelIndex) return;
    if (table.rows.some((row) => parseNumber(row[c]) !== undefined)) classColumns.push(c);
    else ignoredColumns.push(name);
  });
  if (classColumns.length === 0) {
    throw new DataFileError(file, `has no numeric probability columns besides the label column '${labelColumn}'`);
  }

  const softmax = options.softmax ?? false;
  const hint = options.logitsHint ?? CLI_LOGITS_HINT;
  const binary = classColumns.length === 1;
  const classes = binary ? 2 : classColumns.length;
  const classNames = binary ? ['0', '1'] : classColumns.map((c) => table.columns[c]);
  const data = new Float64Array(table.rows.length * classes);
  const scores = new Float64Array(classColumns.length);

  table.rows.forEach((row, i) => {
    classColumns.forEach((c, j) => {
      scores[j] = readScore(row[c], table, i, table.columns[c]);
    });
    const out = data.subarray(i * classes, (i + 1) * classes);
    if (binary) binaryRow(scores[0], softmax, out, table, i, table.columns[classColumns[0]], hint);
    else if (softmax) softmaxRow(scores, out);
    else probabilityRow(scores, out, table, i, classColumns, hint);
  });

  const labels = readLabels(table, labelIndex, binary ? classNames : classColumns.map((c) => table.columns[c]));
  return {
    file,
    format: table.format,
    labelColumn,
    classNames,
    probs: { data, rows: table.rows.length, cols: classes },
    labels,
    ignoredColumns,
    softmax,
  };
}

export function locate(table: Table, rowIndex: number, column?: string): FileLocation {
  const location: FileLocation = { row: rowIndex + 1 };
  if (table.lines) location.line = table.lines[rowIndex];
  if (column !== undefined) location.column = column;
  return location;
}

function findLabelColumn(table: Table, name: string): number {
  const exact = table.columns.indexOf(name);
  if (exact >= 0) return exact;
  const folded = table.columns.filter((c) => c.toLowerCase() === name.toLowerCase());
  if (folded.length === 1) return table.columns.indexOf(folded[0]);
  throw new DataFileError(
    table.file,
    `has no label column '${name}' (columns: ${table.columns.join(', ')}); name the column that holds the true labels`,
  );
}

function readScore(cell: Cell, table: Table, i: number, column: string): number {
  const value = parseNumber(cell);
  if (value !== undefined) return value;
  const shown = cell === null || cell === '' ? 'an empty cell' : `'${String(cell)}'`;
  throw new DataFileError(table.file, `${shown} is not a number`, locate(table, i, column));
}

function probabilityRow(scores: Float64Array, out: Float64Array, table: Table, i: number, columns: number[], hint: string): void {
  let sum = 0;
  for (let j = 0; j < scores.length; j++) {
    const p = scores[j];
    if (p < 0 || p > 1 + SUM_TOLERANCE) {
      throw new DataFileError(
        table.file,
        `${p} is not a probability in [0, 1]; if the columns hold logits, ${hint}`,
        locate(table, i, table.columns[columns[j]]),
      );
    }
    out[j] = p;
    sum += p;
  }
  if (Math.abs(sum - 1) > SUM_TOLERANCE) {
    throw new DataFileError(
      table.file,
      `the probabilities sum to ${sum}, not 1 (±${SUM_TOLERANCE}); if the columns hold logits, ${hint}`,
      locate(table, i),
    );
  }
}

function binaryRow(score: number, softmax: boolean, out: Float64Array, table: Table, i: number, column: string, hint: string): void {
  const p = softmax ? sigmoid(score) : score;
  if (!softmax && (p < 0 || p > 1)) {
    throw new DataFileError(
      table.file,
      `${p} is not a probability in [0, 1]; if the column holds logits, ${hint}`,
      locate(table, i, column),
    );
  }
  out[0] = 1 - p;
  out[1] = p;
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

function softmaxRow(scores: Float64Array, out: Float64Array): void {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  let sum = 0;
  for (let j = 0; j < scores.length; j++) {
    out[j] = Math.exp(scores[j] - max);
    sum += out[j];
  }
  for (let j = 0; j < scores.length; j++) out[j] /= sum;
}

function readLabels(table: Table, labelIndex: number, classNames: string[]): Int32Array {
  const column = table.columns[labelIndex];
  const raw = table.rows.map((row, i) => {
    const cell = row[labelIndex];
    const text = cell === null ? '' : String(cell).trim();
    if (text === '') throw new DataFileError(table.file, 'the label is missing', locate(table, i, column));
    return text;
  });
  return resolveLabels(raw, classNames, (i, detail) => {
    throw new DataFileError(table.file, detail, locate(table, i, column));
  });
}
