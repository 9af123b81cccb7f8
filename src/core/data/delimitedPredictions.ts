import { CLI_LOGITS_HINT, DEFAULT_LABEL_COLUMN } from '../predictions';
import { DataFileError } from './dataFileError';
import { DelimitedHead, HEAD_BYTES, readDelimitedHead } from './delimitedHead';
import { DelimitedRows, RawBatch } from './delimitedRows';
import { LabelClasses, NotStreamable } from './labelClasses';
import { MAX_ROW_CHARS } from './limits';
import { PredictionBatch, PredictionSource, scoresToProbabilities } from './predictionSource';

export { LabelsReread, NotStreamable } from './labelClasses';

export interface DelimitedPredictionsOptions {
  label?: string;
  softmax?: boolean;
  logitsHint?: string;
  /** Default 65,536. */
  batchRows?: number;
  /** Whether bytes (whole lines) are UTF-8; default a fatal TextDecoder. The CLI passes Node's buffer.isUtf8. */
  isUtf8?: (bytes: Uint8Array) => boolean;
}

/** The file's bytes from its start, in chunks of any size, each time it is called. */
export type OpenChunks = () => AsyncIterable<Uint8Array>;

const DEFAULT_BATCH_ROWS = 65_536;

/**
 * A CSV/TSV predictions file opened for one streamed pass, or undefined when its head shows that the
 * whole-file reader must read it (readPredictions: quotes, CR line ends, a bad header…). Its batches
 * may still throw NotStreamable (read the file whole: the rows give an error, or one the streamed
 * reader does not handle) or LabelsReread (iterate again: the labels it has met are kept).
 */
export async function openDelimitedPredictions(
  open: OpenChunks,
  file: string,
  format: 'csv' | 'tsv',
  options: DelimitedPredictionsOptions = {},
): Promise<PredictionSource | undefined> {
  const { bytes, whole } = await readHead(open);
  const head = readDelimitedHead(bytes, whole, format === 'tsv', options.label ?? DEFAULT_LABEL_COLUMN);
  if (!head) return undefined;
  const binary = head.classColumns.length === 1;
  const classNames = binary ? ['0', '1'] : head.classColumns.map((j) => head.names[j]);
  const known: string[] = [];
  return {
    file,
    format,
    form: 'probabilities',
    classNames,
    labelColumn: head.names[head.labelIndex],
    ignoredColumns: head.ignoredColumns.map((j) => head.names[j]),
    softmax: options.softmax ?? false,
    batches: () => batches(open, file, head, classNames, known, options),
  };
}

async function readHead(open: OpenChunks): Promise<{ bytes: Uint8Array; whole: boolean }> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of open()) {
    parts.push(chunk);
    length += chunk.length;
    if (length >= HEAD_BYTES) return { bytes: concat(parts, length), whole: false };
  }
  return { bytes: concat(parts, length), whole: true };
}

async function* batches(
  open: OpenChunks,
  file: string,
  head: DelimitedHead,
  classNames: string[],
  known: string[],
  options: DelimitedPredictionsOptions,
): AsyncGenerator<PredictionBatch> {
  const classes = new LabelClasses(classNames, known);
  const rows = new DelimitedRows(head, classes, options.batchRows ?? DEFAULT_BATCH_ROWS);
  const isUtf8 = options.isUtf8 ?? decodes;
  const scoreHeaders = head.classColumns.map((j) => head.names[j]);
  const score = { softmax: options.softmax ?? false, hint: options.logitsHint ?? CLI_LOGITS_HINT };
  const toBatch = (raw: RawBatch): PredictionBatch => {
    try {
      const probs = scoresToProbabilities(
        file,
        raw.scores,
        raw.rows,
        scoreHeaders.length,
        scoreHeaders,
        score,
        () => ({}),
      );
      return { rows: raw.rows, probs, labels: raw.labels };
    } catch (error) {
      if (error instanceof DataFileError) throw new NotStreamable(error.detail);
      throw error;
    }
  };
  const check = (bytes: Uint8Array) => {
    if (bytes.indexOf(34) >= 0 || bytes.indexOf(0) >= 0 || !isUtf8(bytes))
      throw new NotStreamable('a quote, a zero byte or bytes that are not UTF-8');
  };
  const ready: RawBatch[] = [];
  let carry: Uint8Array = new Uint8Array(0);
  let offset = 0;
  try {
    for await (const chunk of open()) {
      let bytes = chunk;
      if (offset < head.dataStart) {
        const skip = Math.min(head.dataStart - offset, bytes.length);
        offset += bytes.length;
        bytes = bytes.subarray(skip);
      } else offset += bytes.length;
      if (carry.length) bytes = concat([carry, bytes], carry.length + bytes.length);
      const lastNewline = bytes.lastIndexOf(10);
      if (lastNewline < 0) {
        carry = bytes;
        if (carry.length > MAX_ROW_CHARS) throw new NotStreamable('a row longer than the whole-file reader takes');
        continue;
      }
      const complete = bytes.subarray(0, lastNewline + 1);
      check(complete);
      rows.lines(complete, 0, complete.length, ready);
      carry = bytes.slice(lastNewline + 1);
      // The whole-file reader refuses a row this long (in characters; bytes are at least as many).
      if (carry.length > MAX_ROW_CHARS) throw new NotStreamable('a row longer than the whole-file reader takes');
      for (const raw of ready.splice(0)) yield toBatch(raw);
    }
    check(carry);
    rows.lines(carry, 0, carry.length, ready);
    const rest = rows.rest();
    if (rest) ready.push(rest);
    if (rows.rows === 0) throw new NotStreamable('no data rows');
    for (const raw of ready.splice(0)) yield toBatch(raw);
  } finally {
    known.splice(0, known.length, ...classes.levels);
  }
}

function decodes(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
