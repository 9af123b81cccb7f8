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
   * The cell bytes[start, end) of ASCII text, as pushText of its text would take it (the byte path of
   * CSV/TSV); `value` is the number it spells when it is a plain decimal (fastDecimal), else NaN.
   */
  pushBytes?(bytes: Uint8Array, start: number, end: number, value: number): void;
  pushJson(cell: JsonCell): void;
  finish(): C;
}

/** Makes the sink of a new column; `missingRows` rows (a JSON key first seen late) start out missing. */
export type ColumnFactory<C> = (name: string, capacity: number, missingRows: number) => ColumnSink<C>;
