import { findColumn, noSuchColumn } from './columnNames';
import { DelimitedReader } from './delimitedReader';
import { sniffTextFormat } from './fileTypes';
import type { FormatReader, FormatReaderContext } from './formatReader';
import { JsonArrayReader, JsonLinesReader } from './jsonReaders';
import { Utf8ChunkDecoder } from './utf8Chunks';

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
