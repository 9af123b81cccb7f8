import type { ByteSource } from './byteSource';
import { findColumn, listNames, noSuchColumn } from './columnNames';
import { DataFileError } from './dataFileError';
import { ParquetColumn, ParquetGroup, ParquetTable } from './parquetTable';
import {
  checkLabels,
  checkTopLabel,
  PredictionBatch,
  PredictionSource,
  ScoreOptions,
  scoresToProbabilities,
} from './predictionSource';

// Rows of a row group decoded at once (a group can hold millions): 1 MiB of doubles, a pyarrow page.
const PART_ROWS = 1 << 17;

export interface BinaryPredictionsOptions {
  /** The label column or array (default `label`, or `labels` for NumPy). */
  label?: string;
  /** The column (list of probabilities or logits) or array that holds the scores. */
  probs?: string;
  softmax?: boolean;
  /** What to tell the user to do when the scores look like logits. */
  logitsHint: string;
}

/**
 * Predictions from a Parquet file, in one of three shapes: a numeric column per class plus a label
 * column (DataFrame.to_parquet); a list (or fixed-size-list) column of scores plus a label column
 * (PyArrow, Hugging Face datasets), named by `probs` when there are several; or columns `confidence`
 * and `correct` (top-label form). Rows are read one row group at a time.
 */
export async function openParquetPredictions(
  source: ByteSource,
  file: string,
  options: BinaryPredictionsOptions,
): Promise<PredictionSource> {
  const table = await ParquetTable.open(source, file);
  const names = table.columns.map((c) => c.name);
  const labelName = options.label ?? 'label';
  const labelIndex = findColumn(names, labelName);
  const confidence = findColumn(names, 'confidence');
  const correct = findColumn(names, 'correct');
  if (labelIndex === undefined && options.probs === undefined && confidence !== undefined && correct !== undefined)
    return topLabelSource(table, names[confidence], names[correct]);
  if (labelIndex === undefined) throw noSuchColumn(file, labelName, names);
  const label = table.columns[labelIndex];
  const scoreOptions: ScoreOptions = { softmax: options.softmax ?? false, hint: options.logitsHint };

  const list = pickListColumn(file, table.columns, label, options.probs);
  if (list) return listSource(table, list, label, scoreOptions);
  const classColumns = table.columns.filter((c) => c !== label && c.kind === 'number');
  if (classColumns.length === 0)
    throw new DataFileError(file, `has no numeric probability columns besides the label column '${label.name}'`);
  const ignored = table.columns.filter((c) => c !== label && c.kind !== 'number').map((c) => c.name);
  const headers = classColumns.map((c) => c.name);
  const classNames = headers.length === 1 ? ['0', '1'] : headers;
  return {
    ...common(table, label.name, ignored, scoreOptions),
    form: 'probabilities',
    classNames,
    async *batches() {
      const k = headers.length;
      for (const slot of table.groupSlots) {
        // A part of the group at a time, column by column into one array: hyparquet decodes a nullable
        // column into boxed numbers (30 MB a million rows), so a part bounds that garbage and the scores.
        // Pages far larger than a part (one page per chunk, as some writers do): the whole group at once.
        await table.readRows(slot, headers[0], 0, Math.min(PART_ROWS, slot.rows));
        const partRows = table.widestPage > 2 * PART_ROWS ? slot.rows : PART_ROWS;
        for (let from = 0; from < slot.rows; from += partRows) {
          const rows = Math.min(partRows, slot.rows - from);
          const scores = new Float64Array(rows * k);
          for (let j = 0; j < k; j++) {
            const col = await table.readRows(slot, headers[j], from, rows);
            for (let i = 0; i < rows; i++) scores[i * k + j] = toScore(col[i]);
          }
          const labels = await table.readRows(slot, label.name, from, rows);
          const part = { ...slot, start: slot.start + from, rows, columns: new Map([[label.name, labels]]) };
          yield batchOf(table.file, part, scores, k, headers, classNames, label.name, scoreOptions);
        }
      }
    },
  };
}

function common(table: ParquetTable, labelColumn: string, ignoredColumns: string[], options: ScoreOptions) {
  return {
    file: table.file,
    format: 'parquet',
    labelColumn,
    ignoredColumns,
    softmax: options.softmax,
    rows: table.rows,
  };
}

function pickListColumn(
  file: string,
  columns: ParquetColumn[],
  label: ParquetColumn,
  probs: string | undefined,
): ParquetColumn | undefined {
  if (probs !== undefined) {
    const index = findColumn(
      columns.map((c) => c.name),
      probs,
    );
    if (index === undefined)
      throw new DataFileError(file, `has no column '${probs}' (columns: ${listNames(columns.map((c) => c.name))})`);
    const column = columns[index];
    if (column.kind !== 'list')
      throw new DataFileError(file, `column '${column.name}' is not a list of numbers (one list of scores per row)`);
    return column;
  }
  const lists = columns.filter((c) => c !== label && c.kind === 'list');
  if (lists.length > 1)
    throw new DataFileError(
      file,
      `has several list columns (${listNames(lists.map((c) => c.name))}); name the one with the scores (--probs COL)`,
    );
  return lists[0];
}

function listSource(
  table: ParquetTable,
  list: ParquetColumn,
  label: ParquetColumn,
  options: ScoreOptions,
): Promise<PredictionSource> {
  const ignored = table.columns.filter((c) => c !== label && c !== list).map((c) => c.name);
  // The class count comes from the first row: read the first group now, and hand it on as the first batch.
  const groups = table.groups([list.name, label.name]);
  return groups.next().then((first) => {
    if (first.done || first.value.rows === 0) throw new DataFileError(table.file, 'has no data rows');
    const head = first.value.columns.get(list.name)![0] as ArrayLike<unknown> | null;
    const width = head?.length ?? 0;
    if (width < 1)
      throw new DataFileError(table.file, 'the list of scores is empty', {
        row: 1,
        column: list.name,
        part: 'row group 1',
      });
    const headers = Array.from({ length: width }, (_, k) => String(k));
    const classNames = width === 1 ? ['0', '1'] : headers;
    const toBatch = (group: ParquetGroup): PredictionBatch => {
      const lists = group.columns.get(list.name)!;
      const scores = new Float64Array(group.rows * width);
      for (let i = 0; i < group.rows; i++) {
        const row = lists[i] as ArrayLike<unknown> | null;
        if (row?.length !== width)
          throw new DataFileError(table.file, `the list holds ${row?.length ?? 0} scores, expected ${width}`, {
            part: `row group ${group.index + 1}`,
            row: group.start + i + 1,
            column: list.name,
          });
        for (let k = 0; k < width; k++) scores[i * width + k] = toScore(row[k]);
      }
      return batchOf(
        table.file,
        group,
        scores,
        width,
        headers.map(() => list.name),
        classNames,
        label.name,
        options,
      );
    };
    return {
      ...common(table, label.name, ignored, options),
      form: 'probabilities' as const,
      classNames,
      async *batches() {
        yield toBatch(first.value);
        for await (const group of groups) yield toBatch(group);
      },
    };
  });
}

function topLabelSource(table: ParquetTable, confidence: string, correct: string): PredictionSource {
  return {
    file: table.file,
    format: 'parquet',
    form: 'top-label',
    classNames: [],
    labelColumn: correct,
    ignoredColumns: table.columns.map((c) => c.name).filter((n) => n !== confidence && n !== correct),
    softmax: false,
    rows: table.rows,
    async *batches() {
      for await (const group of table.groups([confidence, correct])) {
        yield checkTopLabel(
          table.file,
          group.columns.get(confidence)!,
          group.columns.get(correct)!,
          group.rows,
          (i) => ({ part: `row group ${group.index + 1}`, row: group.start + i + 1 }),
          { confidence, correct },
        );
      }
    },
  };
}

function batchOf(
  file: string,
  group: ParquetGroup,
  scores: Float64Array,
  cols: number,
  headers: string[],
  classNames: string[],
  label: string,
  options: ScoreOptions,
): PredictionBatch {
  const where = (i: number) => ({ part: `row group ${group.index + 1}`, row: group.start + i + 1 });
  const probs = scoresToProbabilities(file, scores, group.rows, cols, headers, options, where);
  const labels = checkLabels(file, group.columns.get(label)!, group.rows, classNames, (i) => ({
    ...where(i),
    column: label,
  }));
  return { rows: group.rows, probs, labels };
}

/** A score cell: a number (null for a missing one, which then fails the finiteness check). */
function toScore(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return NaN;
}
