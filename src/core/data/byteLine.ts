import { fastDecimal, fastDecimalEnd } from './fastDecimal';

/** What a line of bytes is, to the delimited reader's byte path. */
export const enum ByteLine {
  /** ASCII, no quote, the header's field count: its fields are in the splitter's block. */
  Row,
  /** ASCII, no quote, but another field count (or a blank line): read it as text. */
  Other,
  /** A quote or a byte that is not ASCII: the text path reads from here on. */
  Stop,
}

/**
 * A block of lines' fields, row-major: field j of row i is bytes[starts[c], ends[c]) and its number
 * values[c] (NaN: not a plain decimal), c = i·columns + j.
 */
export interface ByteFields {
  readonly columns: number;
  readonly values: Float64Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/** Rows of a block: enough for the columns' loops to run long, few enough to stay in cache. */
export const BYTE_BLOCK_ROWS = 256;

/**
 * Splits lines of ASCII CSV/TSV bytes into `columns` fields, parsing each field that is a plain
 * decimal (fastDecimal: +text's value) on the way, so that a number-only line is read in one pass;
 * the rows of a block (BYTE_BLOCK_ROWS) then go to the table column by column.
 */
export class ByteLineSplitter implements ByteFields {
  readonly values: Float64Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;

  constructor(
    readonly columns: number,
    readonly delimiter: number,
  ) {
    const cells = columns * BYTE_BLOCK_ROWS;
    this.values = new Float64Array(cells);
    this.starts = new Int32Array(cells);
    this.ends = new Int32Array(cells);
  }

  /**
   * The line bytes[start, newline) into row `row` of the block, newline being its LF's offset (a CR
   * before it ends the last field).
   */
  split(bytes: Uint8Array, start: number, newline: number, row: number): ByteLine {
    const { columns, delimiter, values, starts, ends } = this;
    if (columns < 2) return plain(bytes, start, newline);
    let at = start;
    const first = row * columns;
    for (let c = first; c < first + columns; c++) {
      if (c > first) {
        if (at >= newline) return plain(bytes, start, newline); // fewer fields
        at++; // the delimiter
      }
      starts[c] = at;
      const value = fastDecimal(bytes, at, newline, delimiter);
      if (value === value) {
        at = fastDecimalEnd;
      } else {
        for (; at < newline; at++) {
          const byte = bytes[at];
          if (byte === delimiter) break;
          if (byte === 34 || byte > 127) return ByteLine.Stop;
        }
      }
      values[c] = value;
      ends[c] = at;
    }
    if (at < newline) return plain(bytes, start, newline); // more fields
    const last = first + columns - 1;
    if (ends[last] > starts[last] && bytes[ends[last] - 1] === 13) {
      ends[last]--;
      values[last] = NaN; // the CR had made it a non-number: read the field again without it
    }
    return ByteLine.Row;
  }
}

function plain(bytes: Uint8Array, start: number, end: number): ByteLine {
  for (let i = start; i < end; i++) {
    const c = bytes[i];
    if (c === 34 || c > 127) return ByteLine.Stop;
  }
  return ByteLine.Other;
}
