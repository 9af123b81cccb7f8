import Papa from 'papaparse';
import { cellNumber } from './cell';
import { findColumn } from './columnNames';
import { MAX_PREDICTION_COLUMNS } from './limits';

/** What the start of a CSV/TSV predictions file tells: the delimiter, the columns and where the rows begin. */
export interface DelimitedHead {
  /** The field delimiter's byte. */
  delimiter: number;
  names: string[];
  labelIndex: number;
  /** The class columns' indices among all columns (those with a number in the first data row). */
  classColumns: number[];
  ignoredColumns: number[];
  /** Byte offset of the line after the header. */
  dataStart: number;
}

/** As the whole-file reader guesses them (delimitedReader.ts), from the same 64k characters. */
const SNIFF_CHARS = 64 * 1024;
const GUESSED_DELIMITERS = [',', '\t', ';', '|'];
/** Enough bytes for SNIFF_CHARS characters, plus the first data row. */
export const HEAD_BYTES = 4 * SNIFF_CHARS + 64 * 1024;

/**
 * Reads the head of a file (at least HEAD_BYTES, or all of it when `whole`), or undefined when the
 * streamed reader does not handle it exactly: quotes, CR-only line ends, a header the whole-file
 * reader refuses, no first data row, bytes that are not UTF-8 text. The whole-file reader then
 * reads it (and words any error).
 */
export function readDelimitedHead(
  head: Uint8Array,
  whole: boolean,
  tab: boolean,
  labelName: string,
): DelimitedHead | undefined {
  if (head.length < 2 || (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return;
  if (head.indexOf(0) >= 0 || head.indexOf(34) >= 0) return;
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(head.subarray(bom), { stream: !whole });
  } catch {
    return;
  }
  if (!whole && text.length < SNIFF_CHARS) return;
  const guess = Papa.parse<string[]>(text.slice(0, SNIFF_CHARS), {
    preview: 10,
    delimiter: tab ? '\t' : '',
    delimitersToGuess: GUESSED_DELIMITERS,
    skipEmptyLines: true,
  });
  if (guess.meta.linebreak === '\r') return;
  const delimiter = guess.meta.delimiter || ',';
  const lines = nonBlankLines(text, delimiter, whole);
  const header = lines.next();
  const first = lines.next();
  if (header.done || first.done) return;
  const names = header.value.fields.map((name) => name.trim());
  if (names.length > MAX_PREDICTION_COLUMNS || names.some((n) => n === '') || new Set(names).size !== names.length)
    return;
  const labelIndex = findColumn(names, labelName);
  if (labelIndex === undefined || first.value.fields.length !== names.length) return;
  const classColumns: number[] = [];
  const ignoredColumns: number[] = [];
  first.value.fields.forEach((cell, j) => {
    if (j === labelIndex) return;
    (cellNumber(cell, Number.MAX_VALUE) === cellNumber(cell, Number.MAX_VALUE) ? classColumns : ignoredColumns).push(j);
  });
  if (classColumns.length === 0) return;
  const dataStart = bom + new TextEncoder().encode(text.slice(0, header.value.next)).length;
  return { delimiter: delimiter.charCodeAt(0), names, labelIndex, classColumns, ignoredColumns, dataStart };
}

/** Lines split at LF without a trailing CR, blank one-field lines left out (as Papa and the reader do). */
function* nonBlankLines(
  text: string,
  delimiter: string,
  whole: boolean,
): Generator<{ fields: string[]; next: number }, void> {
  for (let at = 0; at < text.length;) {
    let end = text.indexOf('\n', at);
    if (end < 0) {
      if (!whole) return;
      end = text.length;
    }
    let line = text.slice(at, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    at = end + 1;
    const fields = line.split(delimiter);
    if (fields.length === 1 && line.trim() === '') continue;
    yield { fields, next: Math.min(at, text.length) };
  }
}
