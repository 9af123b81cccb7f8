import { fastDecimal, fastDecimalEnd } from './fastDecimal';

/** What a line of bytes is, to the delimited reader's byte path. */
export const enum ByteLine {
  /** ASCII, no quote, the header's field count: its fields are in the splitter's arrays. */
  Row,
  /** ASCII, no quote, but another field count (or a blank line): read it as text. */
  Other,
  /** A quote or a byte that is not ASCII: the text path reads from here on. */
  Stop,
}

/** A line's fields: field j is bytes[starts[j], ends[j]), its number values[j] (NaN: not a plain decimal). */
export interface ByteFields {
  readonly values: Float64Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/**
 * Splits lines of ASCII CSV/TSV bytes into `columns` fields, parsing each field that is a plain
 * decimal (fastDecimal: +text's value) on the way, so that a number-only line is read in one pass.
 */
export class ByteLineSplitter implements ByteFields {
  /** Field j's number, or NaN where it is not a plain decimal (then read bytes[starts[j], ends[j])). */
  readonly values: Float64Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;

  constructor(
    readonly columns: number,
    readonly delimiter: number,
  ) {
    this.values = new Float64Array(columns);
    this.starts = new Int32Array(columns);
    this.ends = new Int32Array(columns);
  }

  /** The line bytes[start, newline), newline being its LF's offset (a CR before it ends the last field). */
  split(bytes: Uint8Array, start: number, newline: number): ByteLine {
    const { columns, delimiter, values, starts, ends } = this;
    if (columns < 2) return plain(bytes, start, newline);
    let at = start;
    for (let j = 0; j < columns; j++) {
      if (j > 0) {
        if (at >= newline) return plain(bytes, start, newline); // fewer fields
        at++; // the delimiter
      }
      starts[j] = at;
      const value = fastDecimal(bytes, at, newline, delimiter);
      if (value === value) {
        at = fastDecimalEnd;
      } else {
        for (; at < newline; at++) {
          const c = bytes[at];
          if (c === delimiter) break;
          if (c === 34 || c > 127) return ByteLine.Stop;
        }
      }
      values[j] = value;
      ends[j] = at;
    }
    if (at < newline) return plain(bytes, start, newline); // more fields
    const last = columns - 1;
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
