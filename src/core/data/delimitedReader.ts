import Papa from 'papaparse';
import { asciiText } from './asciiText';
import { BYTE_BLOCK_ROWS, ByteLine, ByteLineSplitter } from './byteLine';
import { DataFileError, FileLocation } from './dataFileError';
import { MAX_ROW_CHARS } from './limits';
import type { TableBuilder } from './tableBuilder';

const SNIFF_CHARS = 64 * 1024;
const GUESSED_DELIMITERS = [',', '\t', ';', '|'];

export interface RowReaderOptions {
  strict: boolean;
  /** Default true: chunks without a quote are split here rather than by Papa (the same rows, faster). */
  fastPath?: boolean;
  /** Called once the header is known (before any data row is read). */
  onHeader?: (columns: string[]) => void;
}

/**
 * CSV/TSV text in chunks → rows into a TableBuilder. Papa's own streamers are asynchronous or need
 * the whole text, so this drives Papa's Parser the way they do: each chunk is parsed together with
 * the unfinished row left over from the previous one, whose start the parser reports (meta.cursor).
 */
export class DelimitedReader {
  private carry = '';
  private parser: Papa.Parser | undefined;
  private delimiter = ',';
  private newline: '\n' | '\r' = '\n';
  /** The physical line at which the next row starts. */
  private line = 1;
  private dataRow = 0;
  private headerRead = false;
  private starts = new Int32Array(0);
  private ends = new Int32Array(0);
  private splitter: ByteLineSplitter | undefined;
  private readonly rowNumbers = new Int32Array(BYTE_BLOCK_ROWS);
  private readonly lineNumbers = new Int32Array(BYTE_BLOCK_ROWS);

  constructor(
    private readonly table: TableBuilder<unknown>,
    private readonly tab: boolean,
    private readonly options: RowReaderOptions,
  ) {}

  get fieldDelimiter(): string {
    return this.delimiter;
  }

  push(text: string): void {
    this.parse(text, false);
  }

  /**
   * Whether whole lines may come as bytes (pushBytes) instead of text: the header is read, lines end
   * in LF, no unfinished row is carried over, and every column takes bytes.
   */
  get takesBytes(): boolean {
    return (
      this.carry === '' &&
      this.headerRead &&
      this.newline === '\n' &&
      this.options.fastPath !== false &&
      this.table.takesBytes
    );
  }

  /**
   * Whole lines bytes[start, end) (end just past an LF), read as unquotedRows reads their text, but
   * without decoding it: up to the first line that holds a quote or a byte that is not ASCII, which is
   * left to the text path. Returns where it stopped; `bytesLines` is set to the lines it read.
   */
  pushBytes(bytes: Uint8Array, start: number, end: number): number {
    const columns = this.table.columnCount;
    const delimiter = this.delimiter.charCodeAt(0);
    if (this.splitter?.columns !== columns || this.splitter.delimiter !== delimiter)
      this.splitter = new ByteLineSplitter(columns, delimiter);
    const splitter = this.splitter;
    const { rowNumbers, lineNumbers } = this;
    let lineStart = start;
    let lines = 0;
    let filled = 0;
    this.bytesLines = 0;
    while (lineStart < end) {
      const newline = bytes.indexOf(10, lineStart);
      const kind = splitter.split(bytes, lineStart, newline, filled);
      if (kind === ByteLine.Row) {
        rowNumbers[filled] = ++this.dataRow;
        lineNumbers[filled] = this.line++;
        if (++filled === BYTE_BLOCK_ROWS) {
          this.table.addByteRows(bytes, splitter, filled, rowNumbers, lineNumbers);
          filled = 0;
        }
      } else {
        // The block's rows come first, in file order.
        if (filled > 0) this.table.addByteRows(bytes, splitter, filled, rowNumbers, lineNumbers);
        filled = 0;
        if (kind === ByteLine.Stop) return lineStart;
        this.row(asciiText(bytes, lineStart, newline).split(this.delimiter), false);
      }
      // Stored every line: code after the loop, reached by its optimised (OSR) code without type
      // feedback, deoptimised it on every chunk.
      this.bytesLines = ++lines;
      lineStart = newline + 1;
    }
    if (filled > 0) this.table.addByteRows(bytes, splitter, filled, rowNumbers, lineNumbers);
    return end;
  }

  /** The lines the last pushBytes read. */
  bytesLines = 0;

  end(): void {
    this.parse('', true);
  }

  private parse(chunk: string, final: boolean): void {
    const input = this.carry + chunk;
    this.carry = '';
    if (!this.parser) {
      if (!final && input.length < SNIFF_CHARS) {
        this.carry = input;
        return;
      }
      this.parser = this.createParser(input);
    }
    if (input === '') return;
    const quoted = input.indexOf('"') !== -1;
    if (!quoted && this.headerRead && this.newline === '\n' && this.options.fastPath !== false) {
      // carry + chunk is a rope, on which every charCodeAt walks the tree; converting it to a number
      // makes V8 flatten it once (the value itself is of no use).
      void Number(input);
      const cursor = this.unquotedRows(input, final);
      if (!final) this.keepCarry(input.slice(cursor));
      return;
    }
    const result = this.parser.parse(input, 0, !final) as Papa.ParseResult<string[]>;
    const rows = result.data;
    // A quote problem in the unfinished last row is reported again, in full, with the next chunk.
    const quoteError = result.errors.find((e) => e.type === 'Quotes' && (final || (e.row ?? 0) < rows.length));
    const complete = quoteError ? (quoteError.row ?? 0) : rows.length;
    for (let r = 0; r < complete; r++) this.row(rows[r], quoted);
    if (quoteError) {
      const detail =
        quoteError.code === 'MissingQuotes'
          ? 'a quoted field is never closed'
          : 'a quoted field is malformed (a quote inside it must be doubled)';
      throw new DataFileError(this.table.file, detail, this.nextRowLocation());
    }
    if (!final) this.keepCarry(input.slice(result.meta.cursor));
  }

  private keepCarry(carry: string): void {
    this.carry = carry;
    if (carry.length > MAX_ROW_CHARS) {
      const detail = carry.includes('"')
        ? `a quoted field is never closed (no closing quote within ${MAX_ROW_CHARS / 1024 / 1024} MB)`
        : `the row is longer than ${MAX_ROW_CHARS / 1024 / 1024} MB`;
      throw new DataFileError(this.table.file, detail, this.nextRowLocation());
    }
  }

  /**
   * The rows of text with no quote and LF line ends, split as Papa splits them (at every delimiter
   * and LF) but without a string per field: a row with the header's field count goes to the table
   * as spans; any other (blank, ragged, a one-column file's) through row(), Papa's way. Returns where
   * the unfinished last row starts (the end, if final).
   */
  private unquotedRows(text: string, final: boolean): number {
    const columns = this.table.columnCount;
    if (this.starts.length < columns) {
      this.starts = new Int32Array(columns);
      this.ends = new Int32Array(columns);
    }
    const { starts, ends } = this;
    const delimiter = this.delimiter.charCodeAt(0);
    const length = text.length;
    let lineStart = 0;
    while (lineStart < length) {
      let newline = text.indexOf('\n', lineStart);
      if (newline === -1) {
        if (!final) return lineStart;
        newline = length;
      }
      let fields = 0;
      let fieldStart = lineStart;
      for (let i = lineStart; i < newline; i++) {
        if (text.charCodeAt(i) !== delimiter) continue;
        if (fields < columns) {
          starts[fields] = fieldStart;
          ends[fields] = i;
        }
        fields++;
        fieldStart = i + 1;
      }
      if (fields + 1 === columns && columns > 1) {
        starts[fields] = fieldStart;
        ends[fields] = newline > fieldStart && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
        this.line++;
        this.table.addSpanRow(text, starts, ends, ++this.dataRow, this.line - 1);
      } else {
        this.row(text.slice(lineStart, newline).split(this.delimiter), false);
      }
      lineStart = newline + 1;
    }
    return length;
  }

  private createParser(sample: string): Papa.Parser {
    // Blank lines count as one-field rows in Papa's guess, which then picks ',' for a short ';' file ending in a newline.
    const guess = Papa.parse<string[]>(sample.slice(0, SNIFF_CHARS), {
      preview: 10,
      delimiter: this.tab ? '\t' : '',
      delimitersToGuess: GUESSED_DELIMITERS,
      skipEmptyLines: true,
    });
    this.delimiter = guess.meta.delimiter || ',';
    // CRLF files are split at LF and lose the CR below, which also copes with mixed line ends.
    this.newline = guess.meta.linebreak === '\r' ? '\r' : '\n';
    return new Papa.Parser({ delimiter: this.delimiter, newline: this.newline, quoteChar: '"' });
  }

  private row(fields: string[], quoted: boolean): void {
    const line = this.line;
    this.line += quoted ? 1 + newlinesIn(fields, this.newline) : 1;
    const n = fields.length;
    if (this.newline === '\n') {
      const last = fields[n - 1];
      if (last.charCodeAt(last.length - 1) === 13) fields[n - 1] = last.slice(0, -1);
    }
    if (n === 1 && fields[0].trim() === '') return; // a blank line
    if (!this.headerRead) {
      this.table.setHeader(fields, line);
      this.headerRead = true;
      this.options.onHeader?.(this.table.builders.map((b) => b.name));
      return;
    }
    const row = ++this.dataRow;
    if (n !== this.table.columnCount) this.table.skipRaggedRow(n, row, line, this.options.strict);
    else this.table.addTextRow(fields, row, line);
  }

  private nextRowLocation(): FileLocation {
    return this.headerRead ? { row: this.dataRow + 1, line: this.line } : { line: this.line };
  }
}

function newlinesIn(fields: string[], newline: string): number {
  let count = 0;
  for (const field of fields) {
    for (let i = field.indexOf(newline); i !== -1; i = field.indexOf(newline, i + 1)) count++;
  }
  return count;
}
