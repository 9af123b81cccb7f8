import { cellNumber } from './cell';
import type { ColumnFactory, ColumnSink, JsonCell } from './columnSink';

/** Distinct texts that each row's text is coded by: −1 where the cell is blank or missing. */
export interface TextCodes {
  levels: string[];
  codes: Int32Array;
}

/** A column read for predictions: every number exactly as a float64, and where the first non-number is. */
export interface ExactColumn {
  name: string;
  /** The number in each row; NaN where the cell is not a number. */
  values: Float64Array;
  /** Cells that are numbers. */
  numbers: number;
  /** The first cell that is not a number: its row's position among the rows, and its text (none when empty or missing). */
  firstNonNumber?: { index: number; text?: string };
  /** Each row's trimmed text, for the columns the factory was asked to keep it of (labels). */
  text?: TextCodes;
}

const NO_TEXT = -1;

/**
 * Appends cells as float64, as written: unlike a dataset's columns, nothing but an empty cell is
 * missing (`NA` may be a class name) and numbers are not rounded to float32.
 */
export class ExactColumnBuilder implements ColumnSink<ExactColumn> {
  private values: Float64Array;
  private codes: Int32Array | undefined;
  private readonly levelOf = new Map<string, number>();
  private readonly levels: string[] = [];
  private length = 0;
  private numbers = 0;
  private firstNonNumber: ExactColumn['firstNonNumber'];

  constructor(
    readonly name: string,
    capacity: number,
    missingRows: number,
    keepText: boolean,
  ) {
    const size = Math.max(capacity, missingRows, 1);
    this.values = new Float64Array(size);
    if (keepText) this.codes = new Int32Array(size);
    for (let i = 0; i < missingRows; i++) this.pushMissing();
  }

  reserve(capacity: number): void {
    if (capacity <= this.values.length) return;
    const values = new Float64Array(capacity);
    values.set(this.values.subarray(0, this.length));
    this.values = values;
    if (this.codes) {
      const codes = new Int32Array(capacity);
      codes.set(this.codes.subarray(0, this.length));
      this.codes = codes;
    }
  }

  pushText(text: string): void {
    const value = cellNumber(text, Number.MAX_VALUE);
    const i = this.next(value, text);
    if (value === value) this.numbers++;
    else this.firstNonNumber ??= { index: i, text: text === '' ? undefined : text };
  }

  pushJson(cell: JsonCell): void {
    if (cell === undefined || cell === null) this.pushMissing();
    else if (typeof cell === 'number' && Number.isFinite(cell)) {
      this.next(cell, String(cell));
      this.numbers++;
    } else this.pushText(String(cell));
  }

  finish(): ExactColumn {
    return {
      name: this.name,
      values: this.values.subarray(0, this.length),
      numbers: this.numbers,
      firstNonNumber: this.firstNonNumber,
      text: this.codes && { levels: this.levels, codes: this.codes.subarray(0, this.length) },
    };
  }

  private pushMissing(): void {
    const i = this.next(NaN, '');
    this.firstNonNumber ??= { index: i };
  }

  private next(value: number, text: string): number {
    const i = this.length++;
    if (i >= this.values.length) this.reserve(Math.ceil(this.values.length * 1.5) + 16);
    this.values[i] = value;
    if (this.codes) this.codes[i] = this.code(text);
    return i;
  }

  private code(text: string): number {
    const key = text.trim();
    if (key === '') return NO_TEXT;
    let code = this.levelOf.get(key);
    if (code === undefined) {
      code = this.levels.length;
      this.levels.push(key);
      this.levelOf.set(key, code);
    }
    return code;
  }
}

/** Exact columns; the text of each row is kept of the columns that `keepText` picks by name. */
export function exactColumns(keepText: (name: string) => boolean): ColumnFactory<ExactColumn> {
  return (name, capacity, missingRows) => new ExactColumnBuilder(name, capacity, missingRows, keepText(name));
}
