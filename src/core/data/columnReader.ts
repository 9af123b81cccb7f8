import { datasetColumns, RawColumn } from './columnBuilder';
import type { ColumnFactory } from './columnSink';
import { DataFileError } from './dataFileError';
import { binaryFormatFromName, formatFromName, TableFormat } from './fileTypes';
import type { FormatReader, FormatReaderFactory } from './formatReader';
import { checkDatasetSize, MAX_COLUMNS, MAX_DATASET_BYTES } from './limits';
import { ColumnTable, TableBuilder } from './tableBuilder';
import { TextFormatReader } from './textFormatReader';

export interface ReadColumnsOptions<C = RawColumn> {
  /** Default: from the file name, else sniffed from the content. */
  format?: TableFormat;
  /** Ragged rows are an error instead of being left out. */
  strict?: boolean;
  /** A label column the caller names: checked as soon as a CSV/TSV header is read. */
  label?: string;
  /** The file's size, when known: for progress and for sizing the columns up front. */
  totalBytes?: number;
  onProgress?: (fraction: number) => void;
  /** Default MAX_DATASET_BYTES. */
  maxBytes?: number;
  /** What is kept of each column's cells; default a dataset's (float32 values, level codes). */
  columns?: ColumnFactory<C>;
  /** Default MAX_COLUMNS. */
  maxColumns?: number;
}

/** Bytes (or text) per step of the one-call readers. */
export const READ_CHUNK = 1024 * 1024;
const ESTIMATE_AFTER_ROWS = 256;

const textReader: FormatReaderFactory = (context) => new TextFormatReader(context);

/** The reader of each format; one whose name does not tell is sniffed by the text reader. */
const FORMAT_READERS: Record<TableFormat, FormatReaderFactory> = {
  csv: textReader,
  tsv: textReader,
  json: textReader,
  jsonl: textReader,
};

/**
 * Reads a data file pushed in chunks of bytes (or text) into columns: memory stays near the
 * size of the columns kept, whatever the size of the file. Throws only DataFileError.
 */
export class ColumnReader<C = RawColumn> {
  private readonly reader: FormatReader;
  private table: TableBuilder<C> | undefined;
  private consumed = 0;
  private reported = 0;
  private estimated = false;
  private readonly maxBytes: number;

  constructor(
    readonly file: string,
    private readonly options: ReadColumnsOptions<C> = {},
  ) {
    this.maxBytes = options.maxBytes ?? MAX_DATASET_BYTES;
    if (options.totalBytes !== undefined) checkDatasetSize(options.totalBytes, file, this.maxBytes);
    const format = options.format ?? formatFromName(file);
    const binary = format === undefined ? binaryFormatFromName(file) : undefined;
    if (binary !== undefined)
      throw new DataFileError(
        file,
        `is a ${binary} file, which the text reader does not read (readTableFromSource does)`,
      );
    const columns = (options.columns ?? datasetColumns) as ColumnFactory<C>;
    const maxColumns = options.maxColumns ?? MAX_COLUMNS;
    this.reader = (format ? FORMAT_READERS[format] : textReader)<C>({
      file,
      format,
      strict: options.strict ?? false,
      label: options.label,
      table: (found) => (this.table = new TableBuilder(file, found, columns, maxColumns)),
    });
  }

  push(bytes: Uint8Array): void {
    this.advance(bytes.length);
    this.reader.push(bytes);
    this.afterChunk();
  }

  pushText(text: string): void {
    if (!this.reader.pushText) throw new DataFileError(this.file, 'is not a text format; read it from its bytes');
    this.advance(text.length);
    this.reader.pushText(text);
    this.afterChunk();
  }

  finish(): ColumnTable<C> {
    this.reader.end();
    if (!this.table) throw new DataFileError(this.file, 'is empty');
    this.options.onProgress?.(1);
    const table = this.table.finish(this.reader.delimiter);
    checkHasRows(table);
    return table;
  }

  private advance(length: number): void {
    this.consumed += length;
    if (this.consumed > this.maxBytes) checkDatasetSize(this.consumed, this.file, this.maxBytes);
    const total = this.options.totalBytes;
    if (total && this.options.onProgress && this.consumed / total - this.reported >= 0.01) {
      this.reported = Math.min(this.consumed / total, 1);
      this.options.onProgress(this.reported);
    }
  }

  /** Sizes the columns for the whole file once the first rows show how long a row is. */
  private afterChunk(): void {
    if (this.estimated || !this.table || this.table.rows < ESTIMATE_AFTER_ROWS) return;
    this.estimated = true;
    const total = this.options.totalBytes;
    if (!total || this.consumed === 0) return;
    this.table.expectRows(Math.ceil(((this.table.rows * total) / this.consumed) * 1.02) + 1024);
  }
}

/** A table that was read must have columns and rows (every reader, text or binary, ends here). */
export function checkHasRows(table: ColumnTable<unknown>): void {
  if (table.columns.length === 0) throw new DataFileError(table.file, 'has no columns');
  if (table.rows > 0) return;
  const { skipped } = table;
  if (skipped.count > 0) {
    const first = skipped.first[0];
    throw new DataFileError(
      table.file,
      `has no rows with the header's ${skipped.headerFields} fields (${skipped.count} rows skipped; row ${first.row} has ${first.fields})`,
      { row: first.row, line: first.line },
    );
  }
  throw new DataFileError(
    table.file,
    table.format === 'csv' || table.format === 'tsv' ? 'has a header but no data rows' : 'has no data rows',
  );
}

/** Reads a whole file held in memory, in chunks, so that no second copy of it is made as one string. */
export function readColumns<C = RawColumn>(
  input: Uint8Array | string,
  file: string,
  options: ReadColumnsOptions<C> = {},
): ColumnTable<C> {
  const reader = new ColumnReader<C>(file, { ...options, totalBytes: options.totalBytes ?? input.length });
  if (typeof input === 'string') {
    for (let i = 0; i < input.length; i += READ_CHUNK) reader.pushText(input.slice(i, i + READ_CHUNK));
  } else {
    for (let i = 0; i < input.length; i += READ_CHUNK) reader.push(input.subarray(i, i + READ_CHUNK));
  }
  return reader.finish();
}

/** Reads a file that arrives as a stream of byte chunks (a Node read stream, for one). */
export async function readColumnsFromStream<C = RawColumn>(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  file: string,
  options: ReadColumnsOptions<C> = {},
): Promise<ColumnTable<C>> {
  const reader = new ColumnReader<C>(file, options);
  for await (const chunk of chunks) reader.push(chunk);
  return reader.finish();
}
