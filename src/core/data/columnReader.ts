import { DataFileError } from './dataFileError';
import { DelimitedReader } from './delimitedReader';
import { JsonArrayReader, JsonLinesReader } from './jsonReaders';
import { checkDatasetSize, MAX_DATASET_BYTES } from './limits';
import { formatFromName, sniffFormat, TableFormat } from './readTable';
import { findColumn, noSuchColumn } from './columnNames';
import { ColumnTable, TableBuilder } from './tableBuilder';
import { Utf8ChunkDecoder } from './utf8Chunks';

export interface ReadColumnsOptions {
  /** Default: from the file name, else sniffed from the first character. */
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
}

/** Bytes (or text) per step of the one-call readers. */
export const READ_CHUNK = 1024 * 1024;
const ESTIMATE_AFTER_ROWS = 256;

interface RowReader {
  push(text: string): void;
  end(): void;
}

/**
 * Reads a data file pushed in chunks of bytes (or text) into columns: memory stays near the
 * size of the numeric columns, whatever the size of the file. Throws only DataFileError.
 */
export class ColumnReader {
  private readonly decoder: Utf8ChunkDecoder;
  private table: TableBuilder | undefined;
  private rows: RowReader | undefined;
  private delimited: DelimitedReader | undefined;
  private leading = '';
  private consumed = 0;
  private reported = 0;
  private estimated = false;
  private readonly maxBytes: number;

  constructor(
    readonly file: string,
    private readonly options: ReadColumnsOptions = {},
  ) {
    this.decoder = new Utf8ChunkDecoder(file);
    this.maxBytes = options.maxBytes ?? MAX_DATASET_BYTES;
    if (options.totalBytes !== undefined) checkDatasetSize(options.totalBytes, file, this.maxBytes);
  }

  push(bytes: Uint8Array): void {
    this.advance(bytes.length);
    this.pushDecoded(this.decoder.decode(bytes));
  }

  pushText(text: string): void {
    this.advance(text.length);
    this.pushDecoded(this.consumed === text.length && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  }

  finish(): ColumnTable {
    const rest = this.decoder.end();
    if (rest) this.pushDecoded(rest);
    if (!this.rows || !this.table) throw new DataFileError(this.file, 'is empty');
    this.rows.end();
    this.options.onProgress?.(1);
    const table = this.table.finish(this.delimited?.fieldDelimiter);
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

  private pushDecoded(text: string): void {
    if (!this.rows) {
      // The format is sniffed from the first character that is not white space.
      if (!/\S/.test(text)) {
        this.leading += text;
        return;
      }
      text = this.leading + text;
      this.leading = '';
      this.start(text);
    }
    this.rows!.push(text);
    if (!this.estimated && this.table!.rows >= ESTIMATE_AFTER_ROWS) this.estimateRows();
  }

  private start(firstText: string): void {
    const format = this.options.format ?? formatFromName(this.file) ?? sniffFormat(firstText);
    const table = new TableBuilder(this.file, format);
    this.table = table;
    if (format === 'json') this.rows = new JsonArrayReader(table);
    else if (format === 'jsonl') this.rows = new JsonLinesReader(table);
    else {
      const { label } = this.options;
      this.delimited = new DelimitedReader(table, format === 'tsv', {
        strict: this.options.strict ?? false,
        onHeader: (columns) => {
          if (label !== undefined && findColumn(columns, label) === undefined) throw noSuchColumn(this.file, label, columns);
        },
      });
      this.rows = this.delimited;
    }
  }

  /** Sizes the columns for the whole file once the first rows show how long a row is. */
  private estimateRows(): void {
    this.estimated = true;
    const total = this.options.totalBytes;
    if (!total || this.consumed === 0) return;
    const rows = this.table!.rows;
    this.table!.expectRows(Math.ceil((rows * total) / this.consumed * 1.02) + 1024);
  }
}

function checkHasRows(table: ColumnTable): void {
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
  throw new DataFileError(table.file, table.format === 'csv' || table.format === 'tsv' ? 'has a header but no data rows' : 'has no data rows');
}

/** Reads a whole file held in memory, in chunks, so that no second copy of it is made as one string. */
export function readColumns(input: Uint8Array | string, file: string, options: ReadColumnsOptions = {}): ColumnTable {
  const reader = new ColumnReader(file, { ...options, totalBytes: options.totalBytes ?? input.length });
  if (typeof input === 'string') {
    for (let i = 0; i < input.length; i += READ_CHUNK) reader.pushText(input.slice(i, i + READ_CHUNK));
  } else {
    for (let i = 0; i < input.length; i += READ_CHUNK) reader.push(input.subarray(i, i + READ_CHUNK));
  }
  return reader.finish();
}

/** Reads a file that arrives as a stream of byte chunks (a Node read stream, for one). */
export async function readColumnsFromStream(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  file: string,
  options: ReadColumnsOptions = {},
): Promise<ColumnTable> {
  const reader = new ColumnReader(file, options);
  for await (const chunk of chunks) reader.push(chunk);
  return reader.finish();
}
