import type { ByteFields } from './byteLine';
/** A value of a JSON row; undefined where the object has no such key. */
export type JsonCell = string | number | boolean | null | undefined;

/**
 * Where a reader puts the cells of one column, row by row. What is kept of them is the sink's
 * choice: datasets keep float32 values and level codes (ColumnBuilder), predictions exact
 * float64 values (ExactColumnBuilder). `C` is the finished column.
 */
export interface ColumnSink<C> {
  readonly name: string;
  /** Makes room for `capacity` rows in all. */
  reserve(capacity: number): void;
  /** A cell of a text format (CSV/TSV), as written. */
  pushText(text: string): void;
  /**
   * The cell text[start, end) of a CSV/TSV, as pushText(text.slice(start, end)) would take it; the
   * fast path of all-number files calls it where the sink has it, to parse without a string per cell.
   */
  pushSpan?(text: string, start: number, end: number): void;
  /**
   * Column j of `count` rows of ASCII CSV/TSV (the byte path), as pushText of each cell's text would
   * take them: the cells bytes[fields.starts[c], fields.ends[c]), c = i·fields.columns + j, whose
   * numbers are fields.values[c] where they are plain decimals (fastDecimal), else NaN.
   */
  pushBytes?(bytes: Uint8Array, fields: ByteFields, j: number, count: number): void;
  pushJson(cell: JsonCell): void;
  finish(): C;
}

/** Makes the sink of a new column; `missingRows` rows (a JSON key first seen late) start out missing. */
export type ColumnFactory<C> = (name: string, capacity: number, missingRows: number) => ColumnSink<C>;
