import { cellNumber } from './cell';
import type { DelimitedHead } from './delimitedHead';
import { fastDecimal, fastDecimalEnd } from './fastDecimal';
import { LabelClasses, NotStreamable } from './labelClasses';

const enum Kind {
  Score,
  Label,
  Ignored,
}

/** A batch's rows as read: class scores (row-major, one per class column) and class indices. */
export interface RawBatch {
  rows: number;
  scores: Float64Array;
  labels: Int32Array;
}

/** Labels of at most this many printable ASCII bytes are looked up by a number made of their bytes. */
const KEYED_BYTES = 6;

/**
 * Splits CSV/TSV lines without quotes into batches of scores and labels. Every cell that the
 * whole-file reader would read otherwise, or refuse (a ragged row, a non-number in a class column, a
 * number in an ignored one, a missing label), throws NotStreamable.
 */
export class DelimitedRows {
  private readonly kinds: Kind[];
  private readonly slot: Int32Array;
  private readonly cols: number;
  private scores: Float64Array;
  private labels: Int32Array;
  private filled = 0;
  private readonly keyed = new Map<number, number>();
  private readonly decoder = new TextDecoder();
  /** Data rows read so far (blank lines not counted). */
  rows = 0;

  constructor(
    private readonly head: DelimitedHead,
    private readonly classes: LabelClasses,
    private readonly batchRows: number,
  ) {
    this.kinds = head.names.map(() => Kind.Ignored);
    this.slot = new Int32Array(head.names.length);
    head.classColumns.forEach((j, k) => {
      this.kinds[j] = Kind.Score;
      this.slot[j] = k;
    });
    this.kinds[head.labelIndex] = Kind.Label;
    this.cols = head.classColumns.length;
    this.scores = new Float64Array(batchRows * this.cols);
    this.labels = new Int32Array(batchRows);
  }

  /** Reads the lines in bytes[start, end), each ended by LF (the last one may end at `end` instead). */
  lines(bytes: Uint8Array, start: number, end: number, ready: RawBatch[]): void {
    for (let at = start; at < end;) {
      let stop = bytes.indexOf(10, at);
      if (stop < 0 || stop >= end) stop = end;
      const next = stop + 1;
      if (stop > at && bytes[stop - 1] === 13) stop--;
      if (stop > at) {
        this.line(bytes, at, stop);
        if (this.filled === this.batchRows) ready.push(this.take());
      }
      at = next;
    }
  }

  /** The rows not yet handed out. */
  rest(): RawBatch | undefined {
    return this.filled > 0 ? this.take() : undefined;
  }

  private take(): RawBatch {
    const batch = {
      rows: this.filled,
      scores: this.scores.subarray(0, this.filled * this.cols),
      labels: this.labels.subarray(0, this.filled),
    };
    this.scores = new Float64Array(this.batchRows * this.cols);
    this.labels = new Int32Array(this.batchRows);
    this.filled = 0;
    return batch;
  }

  private line(bytes: Uint8Array, start: number, end: number): void {
    const { kinds, slot, cols } = this;
    const delimiter = this.head.delimiter;
    const base = this.filled * cols;
    const last = kinds.length - 1;
    let at = start;
    for (let j = 0; j <= last; j++) {
      if (j > 0) {
        if (at >= end || bytes[at] !== delimiter) throw new NotStreamable('a row with fewer fields than the header');
        at++;
      }
      const kind = kinds[j];
      if (kind === Kind.Score) {
        let value = fastDecimal(bytes, at, end, delimiter);
        if (value === value) at = fastDecimalEnd;
        else {
          const cellEnd = this.cellEnd(bytes, at, end, delimiter);
          value = cellNumber(this.decoder.decode(bytes.subarray(at, cellEnd)), Number.MAX_VALUE);
          if (value !== value) throw new NotStreamable('a class cell that is not a number');
          at = cellEnd;
        }
        this.scores[base + slot[j]] = value;
      } else if (kind === Kind.Label) {
        let key = 0;
        let scale = 1;
        let i = at;
        for (; i < end; i++) {
          const b = bytes[i];
          if (b === delimiter) break;
          if (b < 33 || b > 126) scale = 0;
          key += b * scale;
          scale *= 128;
        }
        const keyOk = scale !== 0 && i - at <= KEYED_BYTES && i > at;
        let k = keyOk ? this.keyed.get(key) : undefined;
        if (k === undefined) {
          const text = this.decoder.decode(bytes.subarray(at, i)).trim();
          if (text === '') throw new NotStreamable('a missing label');
          k = this.classes.classOfText(text);
          if (keyOk) this.keyed.set(key, k);
        }
        this.labels[this.filled] = k;
        at = i;
      } else {
        const cellEnd = this.cellEnd(bytes, at, end, delimiter);
        const b = bytes[at] | 32;
        // A cell that starts with a letter is never a number to cellNumber (`Infinity` is beyond its range).
        if (cellEnd > at && !(b >= 97 && b <= 122)) {
          const value = cellNumber(this.decoder.decode(bytes.subarray(at, cellEnd)), Number.MAX_VALUE);
          if (value === value) throw new NotStreamable('a number in a column read as text');
        }
        at = cellEnd;
      }
    }
    if (at !== end) throw new NotStreamable('a row with more fields than the header');
    this.filled++;
    this.rows++;
  }

  private cellEnd(bytes: Uint8Array, at: number, end: number, delimiter: number): number {
    const i = bytes.indexOf(delimiter, at);
    return i < 0 || i > end ? end : i;
  }
}
