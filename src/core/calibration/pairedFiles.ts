import type { ReadColumnsOptions } from '../data/columnReader';
import { findColumn, listNames } from '../data/columnNames';
import { DataFileError } from '../data/dataFileError';
import { ExactColumn, exactColumns } from '../data/exactColumn';
import { MAX_PREDICTION_COLUMNS } from '../data/limits';
import type { ColumnTable } from '../data/tableBuilder';
import { DEFAULT_LABEL_COLUMN, Predictions, PredictionsOptions, predictionsFromTable } from '../predictions';
import { matchIds } from './compare';
import type { ProbabilityMatrix } from './types';

/**
 * The two files of a comparison (`gamma-ce compare`, the panel's Compare with…). A file's id column
 * — `id` unless another is named — is set aside before the predictions are read, so that ids that
 * are numbers never pass for a class's probabilities.
 */
export const DEFAULT_ID_COLUMN = 'id';

export interface PairedFile {
  predictions: Predictions;
  /** The id column's name and each row's id, when the file has the column. */
  ids?: { column: string; values: string[] };
}

/** How a compared file is read: as predictions are, the text of the label and id columns kept. */
export function pairedTableOptions(
  options: PredictionsOptions & { totalBytes?: number },
  idColumn = DEFAULT_ID_COLUMN,
): ReadColumnsOptions<ExactColumn> {
  const label = options.label ?? DEFAULT_LABEL_COLUMN;
  const kept = new Set([label.toLowerCase(), idColumn.toLowerCase()]);
  return {
    strict: true,
    label,
    columns: exactColumns((name) => kept.has(name.toLowerCase())),
    maxColumns: MAX_PREDICTION_COLUMNS + 1,
    maxBytes: Infinity,
    totalBytes: options.totalBytes,
  };
}

/** The table's predictions, its id column (if any) left out of the classes and read as ids. */
export function pairedFile(
  table: ColumnTable<ExactColumn>,
  options: PredictionsOptions,
  idColumn = DEFAULT_ID_COLUMN,
): PairedFile {
  const names = table.columns.map((c) => c.name);
  const at = findColumn(names, idColumn);
  const label = findColumn(names, options.label ?? DEFAULT_LABEL_COLUMN);
  if (at === undefined || at === label) return { predictions: predictionsFromTable(table, options) };
  const column = table.columns[at];
  const predictions = predictionsFromTable({ ...table, columns: table.columns.filter((_, j) => j !== at) }, options);
  const { levels, codes } = column.text!;
  const values = Array.from(codes, (code, i) => {
    if (code < 0) {
      throw new DataFileError(table.file, 'the id is missing', {
        row: table.rowNumbers[i],
        line: table.lines[i],
        column: column.name,
      });
    }
    return levels[code];
  });
  return { predictions, ids: { column: column.name, values } };
}

export interface Pairing {
  /** B's probabilities in A's row and class order. */
  b: ProbabilityMatrix;
  /** For each row of A, its row in B. */
  order: Int32Array;
  matchedBy: string;
}

/**
 * Matches B's rows to A's: by the id column when both files have it (an id column that was named
 * must be in both), else by position. The labels must name the same class on every matched row.
 */
export function pairFiles(a: PairedFile, b: PairedFile, idNamed: boolean, idColumn = DEFAULT_ID_COLUMN): Pairing {
  const [pa, pb] = [a.predictions, b.predictions];
  if (idNamed) {
    for (const side of [a, b]) {
      if (!side.ids) {
        throw new DataFileError(
          side.predictions.file,
          `has no id column '${idColumn}' (other columns: ${listNames(side.predictions.ignoredColumns) || 'none'}); name the column that identifies the rows, or none to match rows by position`,
        );
      }
    }
  }
  let order: Int32Array;
  let matchedBy: string;
  if (a.ids && b.ids) {
    const matched = matchIds(a.ids.values, b.ids.values);
    if (!(matched instanceof Int32Array))
      throw new DataFileError(matched.side === 'A' ? pa.file : pb.file, matched.detail);
    order = matched;
    matchedBy = `id column '${a.ids.column}'`;
  } else {
    if (pa.probs.rows !== pb.probs.rows) {
      throw new DataFileError(
        pb.file,
        `has ${pb.probs.rows} rows and ${pa.file} has ${pa.probs.rows}: rows are matched by position, so both need the same rows (or give both an id column)`,
      );
    }
    order = Int32Array.from({ length: pa.probs.rows }, (_, i) => i);
    matchedBy = 'position';
  }
  return { b: alignB(pa, pb, order), order, matchedBy };
}

/** B's probabilities in A's row and class order; the labels must name the same class on every row. */
function alignB(a: Predictions, b: Predictions, order: Int32Array): ProbabilityMatrix {
  const columnOfB = a.classNames.map((name) => b.classNames.indexOf(name));
  if (a.classNames.length !== b.classNames.length || columnOfB.includes(-1)) {
    throw new DataFileError(
      b.file,
      `has the classes ${b.classNames.join(', ')}, but ${a.file} has ${a.classNames.join(', ')}`,
    );
  }
  const k = a.classNames.length;
  const data = new Float64Array(a.probs.rows * k);
  for (let i = 0; i < a.probs.rows; i++) {
    const j = order[i];
    const labelA = a.classNames[a.labels[i]];
    const labelB = b.classNames[b.labels[j]];
    if (labelA !== labelB) {
      throw new DataFileError(
        a.file,
        `the label is '${labelA}' but row ${j + 1} of ${b.file}, its match, says '${labelB}'`,
        { row: i + 1 },
      );
    }
    for (let c = 0; c < k; c++) data[i * k + c] = b.probs.data[j * k + columnOfB[c]];
  }
  return { data, rows: a.probs.rows, cols: k };
}
