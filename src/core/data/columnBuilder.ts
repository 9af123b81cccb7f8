import { CellKind, cellNumber, classifyNonNumber } from './cell';
import { asciiText } from './asciiText';
import type { ByteFields } from './byteLine';
import type { ColumnFactory, ColumnSink, JsonCell } from './columnSink';
import { MAX_LEVELS } from './limits';
import { plainDecimal } from './plainDecimal';

/** The level code of a missing cell. */
export const MISSING_CODE = 0xffff;

/** A cell worth pointing the user at: `index` is the row's position among the rows kept. */
export interface CellRef {
  index: number;
  text: string;
}

export interface ColumnStats {
  missing: number;
  numbers: number;
  /** Cells that are neither numbers nor missing. */
  texts: number;
  /** `Infinity`, `inf` or numbers beyond the float32 range. */
  nonFinite: number;
  /** Every number is an integer. */
  integers: boolean;
  /** The numbers, in row order, strictly increase (or decrease): a row id, typically. */
  increasing: boolean;
  decreasing: boolean;
  min: number;
  max: number;
  firstText?: CellRef;
  firstNonFinite?: CellRef;
}

/** One column of a data file, read: values for numeric use, level codes for categorical use. */
export interface RawColumn {
  name: string;
  /** The number in each row; NaN where the cell is missing, text or not finite. */
  values: Float32Array;
  /**
   * The level of each row (MISSING_CODE where missing) while the column has at most MAX_LEVELS
   * distinct values; undefined beyond that.
   */
  codes?: Uint16Array;
  /** Distinct non-missing values in order of first appearance, as first spelled (trimmed). */
  levels: string[];
  /** The number each level spells, NaN for text levels. */
  levelNumbers: number[];
  stats: ColumnStats;
}

const INITIAL_CODES = 4096;

/** Appends the cells of one column of a dataset, row by row. */
export class ColumnBuilder implements ColumnSink<RawColumn> {
  private values: Float32Array;
  private codes: Uint16Array | undefined;
  private length = 0;
  private readonly levelOfText = new Map<string, number>();
  private readonly levelOfNumber = new Map<number, number>();
  private levels: string[] = [];
  private levelNumbers: number[] = [];
  private lastNumber = NaN;
  readonly stats: ColumnStats = {
    missing: 0,
    numbers: 0,
    texts: 0,
    nonFinite: 0,
    integers: true,
    increasing: true,
    decreasing: true,
    min: Infinity,
    max: -Infinity,
  };

  /** `missingRows` rows (a JSON key first seen late) start out missing. */
  constructor(
    readonly name: string,
    capacity: number,
    missingRows = 0,
  ) {
    this.values = new Float32Array(Math.max(capacity, missingRows, 1));
    this.codes = new Uint16Array(Math.max(Math.min(capacity, INITIAL_CODES), missingRows, 1));
    for (let i = 0; i < missingRows; i++) this.pushMissing();
  }

  /** Makes room for `capacity` rows in all. */
  reserve(capacity: number): void {
    if (capacity <= this.values.length) return;
    const values = new Float32Array(capacity);
    values.set(this.values.subarray(0, this.length));
    this.values = values;
  }

  pushText(text: string): void {
    const value = cellNumber(text);
    if (value === value) {
      this.pushNumber(value, text);
      return;
    }
    switch (classifyNonNumber(text)) {
      case CellKind.Missing:
        this.pushMissing();
        return;
      case CellKind.NonFinite: {
        const i = this.next(NaN);
        this.stats.nonFinite++;
        this.stats.firstNonFinite ??= { index: i, text };
        this.setCode(i, this.textLevel(text));
        return;
      }
      default: {
        const i = this.next(NaN);
        this.stats.texts++;
        this.stats.firstText ??= { index: i, text };
        this.setCode(i, this.textLevel(text));
      }
    }
  }

  pushSpan(text: string, start: number, end: number): void {
    const value = plainDecimal(text, start, end);
    if (value !== value) {
      this.pushText(text.slice(start, end));
      return;
    }
    // A plain decimal has no blanks: its spelling is the span itself, needed only for a new level.
    const known = !this.codes || this.levelOfNumber.has(value);
    this.pushNumber(value, known ? undefined : text.slice(start, end));
  }

  pushBytes(bytes: Uint8Array, fields: ByteFields, j: number, count: number): void {
    const { values, starts, ends, columns } = fields;
    for (let c = j, end = j + count * columns; c < end; c += columns) {
      // fastDecimal's values are +text's, and within float32's range, as cellNumber would take them.
      const value = values[c];
      if (value !== value) this.pushText(asciiText(bytes, starts[c], ends[c]));
      else if (!this.codes) this.pushNumber(value);
      else this.pushNumber(value, this.levelOfNumber.has(value) ? undefined : asciiText(bytes, starts[c], ends[c]));
    }
  }

  pushJson(cell: JsonCell): void {
    if (cell === undefined || cell === null) this.pushMissing();
    else if (typeof cell === 'number') {
      if (Number.isFinite(Math.fround(cell))) this.pushNumber(cell);
      else this.pushNonFinite(String(cell));
    } else this.pushText(String(cell));
  }

  /** A finite number (a JSON number, or a cell that spells one: `spelling` names its level). */
  pushNumber(value: number, spelling?: string): void {
    const i = this.next(value);
    const { stats } = this;
    stats.numbers++;
    if (stats.integers && value % 1 !== 0) stats.integers = false;
    if (value <= this.lastNumber) stats.increasing = false;
    if (value >= this.lastNumber) stats.decreasing = false;
    this.lastNumber = value;
    if (value < stats.min) stats.min = value;
    if (value > stats.max) stats.max = value;
    if (this.codes) {
      let code = this.levelOfNumber.get(value);
      if (code === undefined) code = this.newLevel(spelling === undefined ? String(value) : spelling.trim(), value);
      this.setCode(i, code);
    }
  }

  /** A JSON number that is not a float32 (too large); JSON itself cannot spell Infinity. */
  pushNonFinite(text: string): void {
    const i = this.next(NaN);
    this.stats.nonFinite++;
    this.stats.firstNonFinite ??= { index: i, text };
    this.setCode(i, this.textLevel(text));
  }

  pushMissing(): void {
    const i = this.next(NaN);
    this.stats.missing++;
    this.setCode(i, MISSING_CODE);
  }

  finish(): RawColumn {
    return {
      name: this.name,
      values: this.values.subarray(0, this.length),
      codes: this.codes?.subarray(0, this.length),
      levels: this.codes ? this.levels : [],
      levelNumbers: this.codes ? this.levelNumbers : [],
      stats: this.stats,
    };
  }

  private next(value: number): number {
    const i = this.length++;
    if (i >= this.values.length) this.reserve(Math.ceil(this.values.length * 1.5) + 16);
    this.values[i] = value;
    return i;
  }

  private textLevel(text: string): number {
    if (!this.codes) return MISSING_CODE;
    const key = text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32 ? text.trim() : text;
    const code = this.levelOfText.get(key);
    return code === undefined ? this.newLevel(key, NaN) : code;
  }

  private newLevel(name: string, value: number): number {
    if (this.levels.length >= MAX_LEVELS) {
      // Too many distinct values to be a label or a category: stop coding this column.
      this.codes = undefined;
      this.levelOfText.clear();
      this.levelOfNumber.clear();
      this.levels = [];
      this.levelNumbers = [];
      return MISSING_CODE;
    }
    const code = this.levels.length;
    this.levels.push(name);
    this.levelNumbers.push(value);
    if (Number.isNaN(value)) this.levelOfText.set(name, code);
    else this.levelOfNumber.set(value, code);
    return code;
  }

  private setCode(i: number, code: number): void {
    let codes = this.codes;
    if (!codes) return;
    if (i >= codes.length) {
      const grown = new Uint16Array(Math.min(Math.max(codes.length * 2, i + 1), Math.max(this.values.length, i + 1)));
      grown.set(codes);
      this.codes = codes = grown;
    }
    codes[i] = code;
  }
}

/** Dataset columns: float32 values and level codes. */
export const datasetColumns: ColumnFactory<RawColumn> = (name, capacity, missingRows) =>
  new ColumnBuilder(name, capacity, missingRows);
