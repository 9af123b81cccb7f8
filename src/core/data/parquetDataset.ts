import { binaryTableBuilder, checkBinarySize, finishBinaryTable } from './binaryTable';
import type { ByteSource } from './byteSource';
import type { RawColumn } from './columnBuilder';
import type { ReadColumnsOptions } from './columnReader';
import type { ColumnSink } from './columnSink';
import { DataFileError, FileLocation } from './dataFileError';
import { ParquetTable } from './parquetTable';
import type { ColumnTable, TablePart } from './tableBuilder';

/** What pandas names an unnamed index it writes as a column (DataFrame.to_parquet). */
const PANDAS_INDEX = /^__index_level_\d+__$/;

/**
 * A Parquet dataset, one row group at a time: every top-level column is a dataset column (numbers,
 * text, booleans as `true`/`false`, dates as ISO text; nulls and NaN are missing cells), fed to the
 * same column sinks as CSV and JSON cells. A pandas index column (`__index_level_0__`, or one the
 * file's pandas metadata names) and list/struct columns are left out, and the table's notes say so.
 */
export async function readParquetTable<C = RawColumn>(
  source: ByteSource,
  file: string,
  options: ReadColumnsOptions<C> = {},
): Promise<ColumnTable<C>> {
  checkBinarySize(source.size, file, options);
  const parquet = await ParquetTable.open(source, file);
  const index = pandasIndexColumns(parquet);
  const notes: string[] = [];
  const names: string[] = [];
  for (const column of parquet.columns) {
    if (PANDAS_INDEX.test(column.name) || index.has(column.name))
      notes.push(`column '${column.name}' is the pandas index (DataFrame.to_parquet), not data: left out`);
    else if (column.nested)
      notes.push(`column '${column.name}' holds lists or records, not one value per row: left out`);
    else names.push(column.name);
  }
  if (names.length === 0) throw new DataFileError(file, 'has no columns with one value per row');
  const builder = binaryTableBuilder(file, 'parquet', names, parquet.rows, options);
  const parts: TablePart[] = [];
  let read = 0;
  for await (const group of parquet.groups(names)) {
    const part = `row group ${group.index + 1}`;
    parts.push({ name: part, start: builder.rows });
    builder.addColumnarRows(group.rows, group.start + 1, (sink, j) =>
      pushCells(file, sink, group.columns.get(names[j])!, group.rows, (i) => ({
        part,
        row: group.start + i + 1,
        column: names[j],
      })),
    );
    read += group.rows;
    if (parquet.rows > 0) options.onProgress?.(read / parquet.rows);
  }
  return finishBinaryTable(builder, parts, notes);
}

/** The columns DataFrame.to_parquet wrote from the frame's index (its `pandas` metadata's index_columns). */
function pandasIndexColumns(parquet: ParquetTable): Set<string> {
  const text = parquet.keyValue('pandas');
  if (text === undefined) return new Set();
  try {
    const meta = JSON.parse(text) as { index_columns?: unknown[] };
    return new Set((meta.index_columns ?? []).filter((c): c is string => typeof c === 'string'));
  } catch {
    return new Set(); // metadata that is not JSON describes nothing we use
  }
}

const utf8 = new TextDecoder();

function pushCells(
  file: string,
  sink: ColumnSink<unknown>,
  values: ArrayLike<unknown>,
  rows: number,
  where: (i: number) => FileLocation,
): void {
  if (values instanceof Float64Array || values instanceof Float32Array || values instanceof Int32Array) {
    for (let i = 0; i < rows; i++) {
      const v = values[i];
      sink.pushJson(v === v ? v : null);
    }
    return;
  }
  for (let i = 0; i < rows; i++) {
    const v = values[i];
    if (v === null || v === undefined) sink.pushJson(null);
    else if (typeof v === 'number') sink.pushJson(v === v ? v : null);
    else if (typeof v === 'bigint') sink.pushJson(Number(v));
    else if (typeof v === 'string' || typeof v === 'boolean') sink.pushJson(v);
    else if (v instanceof Date) sink.pushJson(Number.isNaN(v.getTime()) ? null : v.toISOString());
    else if (v instanceof Uint8Array) sink.pushJson(utf8.decode(v));
    else throw new DataFileError(file, `holds a ${typeof v} that is not a number, text, boolean or date`, where(i));
  }
}
