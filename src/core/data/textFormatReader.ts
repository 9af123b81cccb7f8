import { findColumn, noSuchColumn } from './columnNames';
import { DelimitedReader } from './delimitedReader';
import { sniffTextFormat } from './fileTypes';
import type { FormatReader, FormatReaderContext } from './formatReader';
import { JsonArrayReader, JsonLinesReader } from './jsonReaders';
import { Utf8ChunkDecoder } from './utf8Chunks';

/** A little more than the delimited reader sniffs (64 K characters) before it reads the header. */
const HEAD_BYTES = 72 * 1024;

interface RowReader {
  push(text: string): void;
  end(): void;
}

/** CSV, TSV, JSON and JSON Lines: strict UTF-8, the format sniffed from the first character when the name does not tell. */
export class TextFormatReader<C> implements FormatReader {
  private readonly decoder: Utf8ChunkDecoder;
  private rows: RowReader | undefined;
  private delimited: DelimitedReader | undefined;
  private leading = '';
  private started = false;

  constructor(private readonly context: FormatReaderContext<C>) {
    this.decoder = new Utf8ChunkDecoder(context.file);
  }

  get delimiter(): string | undefined {
    return this.delimited?.fieldDelimiter;
  }

  push(bytes: Uint8Array): void {
    if (!this.rows && bytes.length > HEAD_BYTES) {
      // The head as text (the format is sniffed, a CSV's header read), so that the rest can go as bytes.
      this.push(bytes.subarray(0, HEAD_BYTES));
      bytes = bytes.subarray(HEAD_BYTES);
    }
    const delimited = this.delimited;
    if (delimited && this.decoder.idle) {
      // The first line finishes the row carried over, and the unfinished last one is carried: those go
      // as text; the whole lines between go as bytes where the reader takes them (a number-only file).
      const first = bytes.indexOf(10);
      const last = bytes.lastIndexOf(10);
      if (first !== -1 && last > first) {
        this.pushDecoded(this.decoder.decode(bytes.subarray(0, first + 1)));
        if (delimited.takesBytes && this.decoder.idle) {
          const stop = delimited.pushBytes(bytes, first + 1, last + 1);
          this.decoder.skipAscii(stop - first - 1, delimited.bytesLines);
          bytes = bytes.subarray(stop);
        } else bytes = bytes.subarray(first + 1);
      }
    }
    this.pushDecoded(this.decoder.decode(bytes));
  }

  pushText(text: string): void {
    const first = !this.started;
    this.started = true;
    this.pushDecoded(first && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  }

  end(): void {
    const rest = this.decoder.end();
    if (rest) this.pushDecoded(rest);
    this.rows?.end();
  }

  private pushDecoded(text: string): void {
    if (!this.rows) {
      if (!/\S/.test(text)) {
        this.leading += text;
        return;
      }
      text = this.leading + text;
      this.leading = '';
      this.rows = this.start(text);
    }
    this.rows.push(text);
  }

  private start(firstText: string): RowReader {
    const { context } = this;
    const format = context.format ?? sniffTextFormat(firstText);
    const table = context.table(format);
    if (format === 'json') return new JsonArrayReader(table);
    if (format === 'jsonl') return new JsonLinesReader(table);
    const { label, file } = context;
    this.delimited = new DelimitedReader(table, format === 'tsv', {
      strict: context.strict,
      onHeader: (columns) => {
        if (label !== undefined && findColumn(columns, label) === undefined) throw noSuchColumn(file, label, columns);
      },
    });
    return this.delimited;
  }
}
