import Papa from 'papaparse';
import { parse as parseJsonc, ParseError, printParseErrorCode } from 'jsonc-parser';
import { DataFileError, FileLocation } from './dataFileError';
import { checkNotBinary, notUtf8Error } from './notText';
import { countNewlines, firstInvalidOffset } from './utf8Chunks';

export type TableFormat = 'csv' | 'tsv' | 'json' | 'jsonl';
export type Cell = string | number | boolean | null;

/** A small table held in memory: one header, rows of cells, and where each row sits in the file. */
export interface Table {
  file: string;
  format: TableFormat;
  columns: string[];
  rows: Cell[][];
  /** 1-based physical line of each row, when the format has lines. */
  lines?: number[];
}

const CSV_DELIMITERS = [',', '\t', ';', '|'];

export function decodeUtf8(bytes: Uint8Array, file: string): string {
  checkNotBinary(file, bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidOffset(bytes);
    const lineStart = offset > 0 ? bytes.lastIndexOf(10, offset - 1) + 1 : 0;
    throw notUtf8Error(file, { offset, line: countNewlines(bytes, offset) + 1, byteOfLine: offset - lineStart + 1 });
  }
}

export function formatFromName(file: string): TableFormat | undefined {
  const ext = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  if (ext === 'json') return 'json';
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  return undefined;
}

export function sniffFormat(text: string): TableFormat {
  const first = /\S/.exec(text)?.[0];
  if (first === '[') return 'json';
  if (first === '{') return 'jsonl';
  return 'csv';
}

/** Parses a whole CSV/TSV/JSON/JSONL text. The location of every problem goes into a DataFileError. */
export function readTable(input: string | Uint8Array, file: string, format?: TableFormat): Table {
  let text = typeof input === 'string' ? input : decodeUtf8(input, file);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new DataFileError(file, 'is empty');
  const kind = format ?? formatFromName(file) ?? sniffFormat(text);
  if (kind === 'json') return readJsonArray(text, file);
  if (kind === 'jsonl') return readJsonLines(text, file);
  return readDelimited(text, file, kind);
}

function readDelimited(text: string, file: string, format: 'csv' | 'tsv'): Table {
  const rows: string[][] = [];
  const lines: number[] = [];
  let lineAt = 1;
  let scanned = 0;
  let rowStart = 0;
  let problem: DataFileError | undefined;
  Papa.parse<string[]>(text, {
    delimiter: format === 'tsv' ? '\t' : '',
    delimitersToGuess: CSV_DELIMITERS,
    skipEmptyLines: true,
    step: (result, parser) => {
      while (rowStart < text.length && (text[rowStart] === '\n' || text[rowStart] === '\r')) rowStart++;
      for (; scanned < rowStart; scanned++) if (text.charCodeAt(scanned) === 10) lineAt++;
      const quoteError = result.errors.find((e) => e.type === 'Quotes');
      if (quoteError) {
        const detail = quoteError.code === 'MissingQuotes'
          ? 'a quoted field is never closed'
          : 'a quoted field is malformed (a quote inside it must be doubled)';
        problem = new DataFileError(file, detail, rows.length > 0 ? { row: rows.length, line: lineAt } : { line: lineAt });
        parser.abort();
        return;
      }
      rows.push(result.data);
      lines.push(lineAt);
      rowStart = result.meta.cursor;
    },
  });
  if (problem) throw problem;
  const [header, ...body] = rows;
  const [, ...bodyLines] = lines;
  const columns = checkHeader(header.map((h) => h.trim()), file);
  body.forEach((row, i) => {
    if (row.length !== columns.length) {
      throw new DataFileError(file, `has ${row.length} fields but the header has ${columns.length}`, {
        row: i + 1,
        line: bodyLines[i],
      });
    }
  });
  return { file, format, columns, rows: body, lines: bodyLines };
}

function readJsonArray(text: string, file: string): Table {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw jsonSyntaxError(text, file, 0);
  }
  if (!Array.isArray(value)) throw new DataFileError(file, 'must hold a JSON array of objects, one per row');
  return fromObjects(value, file, 'json');
}

function readJsonLines(text: string, file: string): Table {
  const objects: unknown[] = [];
  const lines: number[] = [];
  const all = text.split('\n');
  all.forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      objects.push(JSON.parse(raw));
    } catch {
      throw jsonSyntaxError(raw, file, i);
    }
    lines.push(i + 1);
  });
  return fromObjects(objects, file, 'jsonl', lines);
}

function fromObjects(objects: unknown[], file: string, format: 'json' | 'jsonl', lines?: number[]): Table {
  const where = (i: number): FileLocation => (lines ? { row: i + 1, line: lines[i] } : { row: i + 1 });
  const columns: string[] = [];
  const index = new Map<string, number>();
  objects.forEach((obj, i) => {
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      throw new DataFileError(file, 'is not a JSON object', where(i));
    }
    for (const [key, value] of Object.entries(obj)) {
      if (typeof value === 'object' && value !== null) {
        throw new DataFileError(file, 'holds a nested value; rows must be flat objects', { ...where(i), column: key });
      }
      if (!index.has(key)) {
        index.set(key, columns.length);
        columns.push(key);
      }
    }
  });
  if (columns.length === 0) throw new DataFileError(file, 'has no columns');
  const rows = objects.map((obj) => {
    const row: Cell[] = new Array(columns.length).fill(null);
    for (const [key, value] of Object.entries(obj as Record<string, Cell>)) row[index.get(key)!] = value;
    return row;
  });
  return { file, format, columns, rows, lines };
}

function checkHeader(columns: string[], file: string): string[] {
  const seen = new Set<string>();
  columns.forEach((name, i) => {
    if (name === '') throw new DataFileError(file, `column ${i + 1} of the header has no name`, { line: 1 });
    if (seen.has(name)) throw new DataFileError(file, `the header names column '${name}' twice`, { line: 1 });
    seen.add(name);
  });
  return columns;
}

export function jsonSyntaxError(text: string, file: string, lineOffset: number): DataFileError {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length === 0) return new DataFileError(file, 'is not valid JSON', { line: lineOffset + 1 });
  const { offset, error } = errors[0];
  const before = text.slice(0, offset).split('\n');
  const line = lineOffset + before.length;
  const column = before[before.length - 1].length + 1;
  return new DataFileError(file, `JSON syntax error at line ${line}, column ${column}: ${describeJsonError(printParseErrorCode(error))}`);
}

export function describeJsonError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
