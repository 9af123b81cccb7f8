import type { RawColumn } from './columnBuilder';
import { datasetColumns } from './columnBuilder';
import { findColumn, noSuchColumn } from './columnNames';
import { checkHasRows, ReadColumnsOptions } from './columnReader';
import type { ColumnFactory } from './columnSink';
import { DataFileError } from './dataFileError';
import type { DatasetFormat } from './fileTypes';
import { checkDatasetSize, MAX_COLUMNS, MAX_DATASET_BYTES, MAX_DATASET_CELLS } from './limits';
import { ColumnTable, TableBuilder, TablePart } from './tableBuilder';

/**
 * The table a binary dataset (Parquet, .npz) is read into, made once its columns and row count are
 * known from the footer or header: sizes and the label column are checked before any row is read.
 */
export function binaryTableBuilder<C = RawColumn>(
  file: string,
  format: DatasetFormat,
  names: string[],
  rows: number,
  options: ReadColumnsOptions<C>,
): TableBuilder<C> {
  const maxColumns = options.maxColumns ?? MAX_COLUMNS;
  if (names.length > maxColumns)
    throw new DataFileError(file, `has ${names.length} columns; at most ${maxColumns} are supported`);
  const cells = rows * names.length;
  if (cells > MAX_DATASET_CELLS)
    throw new DataFileError(
      file,
      `has ${rows} rows × ${names.length} columns = ${cells} cells; datasets over ${MAX_DATASET_CELLS} cells are not loaded`,
    );
  if (options.label !== undefined && findColumn(names, options.label) === undefined)
    throw noSuchColumn(file, options.label, names);
  const columns = (options.columns ?? datasetColumns) as ColumnFactory<C>;
  const builder = new TableBuilder<C>(file, format, columns, maxColumns, Math.max(rows, 1));
  for (const name of names) {
    if (builder.columnIndex(name) !== undefined) throw new DataFileError(file, `names column '${name}' twice`);
    builder.addColumn(name, {});
  }
  return builder;
}

/** The size check every binary reader makes first, as the text readers do. */
export function checkBinarySize(size: number, file: string, options: ReadColumnsOptions<unknown>): void {
  checkDatasetSize(size, file, options.maxBytes ?? MAX_DATASET_BYTES);
}

export function finishBinaryTable<C>(builder: TableBuilder<C>, parts: TablePart[], notes: string[]): ColumnTable<C> {
  const table: ColumnTable<C> = {
    ...builder.finish(),
    ...(parts.length ? { parts } : {}),
    ...(notes.length ? { notes } : {}),
  };
  checkHasRows(table);
  return table;
}
