import { printParseErrorCode, visit } from 'jsonc-parser';
import { DataFileError, FileLocation } from './dataFileError';
import { MAX_ROW_CHARS } from './limits';
import type { JsonCell } from './columnSink';
import { describeJsonError, jsonSyntaxError } from './jsonSyntax';
import type { TableBuilder } from './tableBuilder';

const NOT_AN_ARRAY =
  'must hold a JSON array of objects, one per row (one object per line is JSON Lines: name the file .jsonl)';
const NOT_AN_OBJECT = 'is not a JSON object';
const NESTED = 'holds a nested value; rows must be flat objects';

/** JSON Lines in chunks: one object per line, blank lines skipped. */
export class JsonLinesReader {
  private carry = '';
  private line = 0;
  private dataRow = 0;

  constructor(private readonly table: TableBuilder<unknown>) {}

  push(text: string): void {
    const input = this.carry + text;
    let start = 0;
    for (let end = input.indexOf('\n'); end !== -1; end = input.indexOf('\n', start)) {
      this.readLine(input.slice(start, end));
      start = end + 1;
    }
    this.carry = input.slice(start);
    if (this.carry.length > MAX_ROW_CHARS) {
      throw new DataFileError(this.table.file, `the line is longer than ${MAX_ROW_CHARS / 1024 / 1024} MB`, {
        line: this.line + 1,
      });
    }
  }

  end(): void {
    if (this.carry !== '') this.readLine(this.carry);
    this.carry = '';
  }

  private readLine(raw: string): void {
    const line = ++this.line;
    const text = raw.trim();
    if (text === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw jsonSyntaxError(raw, this.table.file, line - 1);
    }
    const row = ++this.dataRow;
    const where = { row, line };
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new DataFileError(this.table.file, NOT_AN_OBJECT, where);
    }
    const cells: JsonCell[] = [];
    for (const [key, cell] of Object.entries(value)) {
      if (typeof cell === 'object' && cell !== null)
        throw new DataFileError(this.table.file, NESTED, { ...where, column: key });
      cells[this.table.columnIndex(key) ?? this.table.addColumn(key, where)] = cell as JsonCell;
    }
    this.table.addJsonRow(cells, row, line);
  }
}

/**
 * A JSON array of flat objects. jsonc-parser's visitor walks the text without building the
 * objects, which keeps a large array's memory near that of its text, and it reports where a
 * syntax error is.
 */
export class JsonArrayReader {
  private readonly parts: string[] = [];

  constructor(private readonly table: TableBuilder<unknown>) {}

  push(text: string): void {
    this.parts.push(text);
  }

  end(): void {
    const text = this.parts.join('');
    this.parts.length = 0;
    const { table } = this;
    const fail = (detail: string, where: FileLocation = {}): never => {
      throw new DataFileError(table.file, detail, where);
    };
    let depth = 0;
    let row = 0;
    let rowLine = 0;
    let key = '';
    let cells: JsonCell[] = [];
    let sawArray = false;
    // Visitor lines and characters are 0-based.
    visit(
      text,
      {
        onArrayBegin: (_offset, _length, line) => {
          if (depth === 0) sawArray = true;
          else if (depth === 1) fail(NOT_AN_OBJECT, { row: row + 1, line: line + 1 });
          else fail(NESTED, { row, line: rowLine, column: key });
          depth++;
        },
        onArrayEnd: () => {
          depth--;
        },
        onObjectBegin: (_offset, _length, line) => {
          if (depth === 0) fail(NOT_AN_ARRAY);
          else if (depth === 1) {
            row++;
            rowLine = line + 1;
            cells = [];
          } else fail(NESTED, { row, line: rowLine, column: key });
          depth++;
        },
        onObjectProperty: (property) => {
          key = property;
        },
        onLiteralValue: (value: JsonCell, _offset, _length, line) => {
          if (depth === 0) fail(NOT_AN_ARRAY);
          else if (depth === 1) fail(NOT_AN_OBJECT, { row: row + 1, line: line + 1 });
          else cells[table.columnIndex(key) ?? table.addColumn(key, { row, line: rowLine })] = value;
        },
        onObjectEnd: () => {
          depth--;
          if (depth === 1) table.addJsonRow(cells, row, rowLine);
        },
        onError: (error, _offset, _length, line, character) => {
          fail(
            `JSON syntax error at line ${line + 1}, column ${character + 1}: ${describeJsonError(printParseErrorCode(error))}`,
          );
        },
      },
      { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
    );
    if (!sawArray) fail(NOT_AN_ARRAY);
  }
}
