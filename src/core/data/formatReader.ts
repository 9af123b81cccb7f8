import type { TableFormat } from './fileTypes';
import type { TableBuilder } from './tableBuilder';

/**
 * Reads the bytes of one file format into a table. A new format (Parquet, NumPy) is one more
 * FormatReader, registered by format in columnReader.ts; the ColumnReader in front of it counts
 * bytes, reports progress and checks what was read.
 */
export interface FormatReader {
  push(bytes: Uint8Array): void;
  /** Text formats only: text that is already decoded. */
  pushText?(text: string): void;
  /** After the last chunk. */
  end(): void;
  /** The CSV/TSV field delimiter that was used. */
  readonly delimiter?: string;
}

export interface FormatReaderContext<C> {
  file: string;
  /** From the caller or the file's name; undefined when the reader is to sniff it. */
  format: TableFormat | undefined;
  /** Ragged rows are an error instead of being left out. */
  strict: boolean;
  /** A label column the caller names: checked as soon as the format tells the column names. */
  label?: string;
  /** Makes the table the rows go into, once the format is known. */
  table(format: TableFormat): TableBuilder<C>;
}

export type FormatReaderFactory = <C>(context: FormatReaderContext<C>) => FormatReader;
