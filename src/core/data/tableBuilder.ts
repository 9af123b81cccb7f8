import type { ByteFields } from './byteLine';
import type { RawColumn } from './columnBuilder';
import type { ColumnFactory, ColumnSink, JsonCell } from './columnSink';
import { DataFileError, FileLocation } from './dataFileError';
import type { DatasetFormat } from './fileTypes';

/** A row left out because its field count differs from the header's. */
export interface SkippedRow {
  row: number;
  line: number;
  fields: number;
}

/** Consecutive rows of a binary file that messages name (`row group 2`), from the table's row `start` (0-based). */
export interface TablePart {
  name: string;
  start: number;
}

/** A data file read into columns (a dataset's by default: what schema inference and encoding work on). */
export interface ColumnTable<C = RawColumn> {
  file: string;
  format: DatasetFormat;
  /** The CSV/TSV field delimiter that was used. */
  delimiter?: string;
  columns: C[];
  /** Rows kept (ragged rows are not among them). */
  rows: number;
  /** The 1-based data row (header excluded) of each kept row in the file. */
  rowNumbers: Int32Array;
  /** The 1-based physical line where each kept row starts; 0 in binary formats, which have no lines. */
  lines: Int32Array;
  /** Binary formats: the parts (row groups) the rows come from, in order. */
  parts?: TablePart[];
  /** What the reader left out or changed, for the dataset's warnings (a pandas index column). */
  notes?: string[];
  skipped: { count: number; first: SkippedRow[]; headerFields: number };
}

const SKIPPED_LISTED = 5;

/** Collects rows into one sink per column, growing every column in step. */
export class TableBuilder<C> {
  readonly builders: ColumnSink<C>[] = [];
  private readonly index = new Map<string, number>();
  private capacity: number;
  private rowNumbers: Int32Array;
  private lines: Int32Array;
  rows = 0;
  private skippedCount = 0;
  private readonly skippedFirst: SkippedRow[] = [];

  constructor(
    readonly file: string,
    readonly format: DatasetFormat,
    private readonly newColumn: ColumnFactory<C>,
    private readonly maxColumns: number,
    capacity = 1024,
  ) {
    this.capacity = capacity;
    this.rowNumbers = new Int32Array(capacity);
    this.lines = new Int32Array(capacity);
  }

  get columnCount(): number {
    return this.builders.length;
  }

  columnIndex(name: string): number | undefined {
    return this.index.get(name);
  }

  /** The header of a delimited file: names are trimmed, must be non-empty and distinct. */
  setHeader(names: string[], line: number): void {
    if (names.length > this.maxColumns) {
      throw new DataFileError(this.file, `has ${names.length} columns; at most ${this.maxColumns} are supported`, {
        line,
      });
    }
    names.forEach((raw, i) => {
      const name = raw.trim();
      if (name === '') throw new DataFileError(this.file, `column ${i + 1} of the header has no name`, { line });
      if (this.index.has(name)) throw new DataFileError(this.file, `the header names column '${name}' twice`, { line });
      this.addColumn(name, { line });
    });
  }

  /** A column first seen at the current row (JSON): the rows before it are missing in it. */
  addColumn(name: string, where: FileLocation): number {
    if (this.builders.length >= this.maxColumns) {
      throw new DataFileError(
        this.file,
        `has more than ${this.maxColumns} columns; at most ${this.maxColumns} are supported`,
        {
          ...where,
          column: name,
        },
      );
    }
    const j = this.builders.length;
    this.index.set(name, j);
    this.builders.push(this.newColumn(name, this.capacity, this.rows));
    return j;
  }

  /** Grows every column to hold at least `rows` rows, e.g. from an estimate of the file's row count. */
  expectRows(rows: number): void {
    if (rows <= this.capacity) return;
    this.capacity = rows;
    const rowNumbers = new Int32Array(rows);
    rowNumbers.set(this.rowNumbers.subarray(0, this.rows));
    this.rowNumbers = rowNumbers;
    const lines = new Int32Array(rows);
    lines.set(this.lines.subarray(0, this.rows));
    this.lines = lines;
    for (const b of this.builders) b.reserve(rows);
  }

  addTextRow(fields: string[], row: number, line: number): void {
    this.beginRow(row, line);
    const { builders } = this;
    for (let j = 0; j < builders.length; j++) builders[j].pushText(fields[j]);
  }

  /** A row of a delimited text whose field j is text[starts[j], ends[j]). */
  addSpanRow(text: string, starts: Int32Array, ends: Int32Array, row: number, line: number): void {
    this.beginRow(row, line);
    const { builders } = this;
    for (let j = 0; j < builders.length; j++) {
      const b = builders[j];
      if (b.pushSpan) b.pushSpan(text, starts[j], ends[j]);
      else b.pushText(text.slice(starts[j], ends[j]));
    }
  }

  /** Every column takes cells as bytes (pushBytes). */
  get takesBytes(): boolean {
    return this.builders.every((b) => b.pushBytes !== undefined);
  }

  /**
   * `count` rows of ASCII delimited text, split (and their plain decimals parsed) into `fields`,
   * with their data row and line numbers; every column takes bytes.
   */
  addByteRows(bytes: Uint8Array, fields: ByteFields, count: number, rows: Int32Array, lines: Int32Array): void {
    for (let i = 0; i < count; i++) this.beginRow(rows[i], lines[i]);
    const { builders } = this;
    for (let j = 0; j < builders.length; j++) builders[j].pushBytes!(bytes, fields, j, count);
  }

  addJsonRow(cells: JsonCell[], row: number, line: number): void {
    this.beginRow(row, line);
    const { builders } = this;
    for (let j = 0; j < builders.length; j++) builders[j].pushJson(cells[j]);
  }

  /** A row whose field count differs from the header's: an error in strict mode, else left out and counted. */
  skipRaggedRow(fields: number, row: number, line: number, strict: boolean): void {
    if (strict) {
      throw new DataFileError(this.file, `has ${fields} fields but the header has ${this.builders.length}`, {
        row,
        line,
      });
    }
    this.skippedCount++;
    if (this.skippedFirst.length < SKIPPED_LISTED) this.skippedFirst.push({ row, line, fields });
  }

  /**
   * `count` rows of a columnar format (Parquet, NumPy), data rows `firstRow`… of the file:
   * `fill(sink, j)` pushes column j's `count` cells, in order.
   */
  addColumnarRows(count: number, firstRow: number, fill: (sink: ColumnSink<C>, j: number) => void): void {
    if (this.rows + count > this.capacity) this.expectRows(Math.max(this.rows + count, Math.ceil(this.capacity * 1.5)));
    for (let i = 0; i < count; i++) this.rowNumbers[this.rows + i] = firstRow + i;
    this.rows += count;
    this.builders.forEach(fill);
  }

  finish(delimiter?: string): ColumnTable<C> {
    return {
      file: this.file,
      format: this.format,
      delimiter,
      columns: this.builders.map((b) => b.finish()),
      rows: this.rows,
      rowNumbers: this.rowNumbers.subarray(0, this.rows),
      lines: this.lines.subarray(0, this.rows),
      skipped: { count: this.skippedCount, first: this.skippedFirst, headerFields: this.builders.length },
    };
  }

  private beginRow(row: number, line: number): void {
    if (this.rows >= this.capacity) this.expectRows(Math.ceil(this.capacity * 1.5) + 1024);
    this.rowNumbers[this.rows] = row;
    this.lines[this.rows] = line;
    this.rows++;
  }
}
