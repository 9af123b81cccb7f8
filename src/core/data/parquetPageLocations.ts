import type { ColumnMetaData } from 'hyparquet';
import type { ByteSource } from './byteSource';

/** hyparquet's PageLocation (an offset index entry): where a data page starts, its size with header, its first row. */
export interface PageLocation {
  offset: bigint;
  compressed_page_size: number;
  first_row_index: bigint;
}

const DICTIONARY_PAGE = 2;
export const DATA_PAGE = 0;
const DATA_PAGE_V2 = 3;
/** Bytes read for a page header at first; a header with large statistics is read again, wider. */
const HEADER_WINDOW = 256;
const MAX_HEADER = 16 * 1024 * 1024;

/**
 * The page locations of a flat column's chunk (one value per row), found by walking its page headers
 * — what an offset index holds, for files written without one (pyarrow's default). Given to
 * hyparquet, they let it fetch only the pages that hold the rows asked for instead of the whole
 * chunk. Undefined when the headers do not add up to the group's rows: hyparquet then reads the
 * chunk whole and reports what is wrong with it.
 */
export async function flatPageLocations(
  source: ByteSource,
  meta: ColumnMetaData,
  groupRows: number,
): Promise<PageLocation[] | undefined> {
  const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
  const end = Math.min(source.size, start + Number(meta.total_compressed_size));
  const pages: PageLocation[] = [];
  let rows = 0;
  for (let at = start; at < end;) {
    const header = await readHeader(source, at, end);
    if (!header || header.compressedSize < 0) return undefined;
    const size = header.length + header.compressedSize;
    if (header.type === DATA_PAGE || header.type === DATA_PAGE_V2) {
      if (!(header.rows >= 0)) return undefined;
      pages.push({ offset: BigInt(at), compressed_page_size: size, first_row_index: BigInt(rows) });
      rows += header.rows;
    } else if (header.type !== DICTIONARY_PAGE) return undefined;
    at += size;
  }
  return rows === groupRows && pages.length > 0 ? pages : undefined;
}

export interface PageHeader {
  type: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Rows of a data page: num_values (v1, flat column) or num_rows (v2). */
  rows: number;
  /** A v1 data page's value encoding (0 PLAIN), else −1. */
  encoding: number;
  /** Bytes of the header itself. */
  length: number;
}

async function readHeader(source: ByteSource, at: number, end: number): Promise<PageHeader | undefined> {
  for (let window = HEADER_WINDOW; window <= MAX_HEADER; window *= 16) {
    const bytes = await source.read(at, Math.min(window, end - at));
    try {
      return pageHeader(new CompactReader(bytes));
    } catch (error) {
      if (!(error instanceof ShortRead) || bytes.length >= end - at) return undefined;
    }
  }
  return undefined;
}

/** The page header at the start of `bytes`; throws when they end inside it or it is not a header. */
export function readPageHeader(bytes: Uint8Array): PageHeader {
  return pageHeader(new CompactReader(bytes));
}

/**
 * Thrift's compact protocol PageHeader: fields 1 type, 2 uncompressed_page_size, 3
 * compressed_page_size, 5 / 8 the data page headers (v1: 1 num_values, 2 encoding; v2: 3 num_rows).
 */
function pageHeader(reader: CompactReader): PageHeader {
  const header: PageHeader = { type: -1, compressedSize: -1, uncompressedSize: -1, rows: NaN, encoding: -1, length: 0 };
  reader.fields((id, type) => {
    if (id === 1 && type === I32) header.type = reader.int();
    else if (id === 2 && type === I32) header.uncompressedSize = reader.int();
    else if (id === 3 && type === I32) header.compressedSize = reader.int();
    else if ((id === 5 || id === 8) && type === STRUCT)
      reader.fields((field, fieldType) => {
        if (fieldType === I32 && field === (id === 5 ? 1 : 3)) header.rows = reader.int();
        else if (fieldType === I32 && id === 5 && field === 2) header.encoding = reader.int();
        else reader.skip(fieldType);
      });
    else reader.skip(type);
  });
  header.length = reader.offset;
  return header;
}

class ShortRead extends Error {}

const I32 = 5;
const STRUCT = 12;

/** Just enough of Thrift's compact protocol to read a struct's fields and skip the rest. */
class CompactReader {
  offset = 0;

  constructor(private readonly bytes: Uint8Array) {}

  fields(field: (id: number, type: number) => void): void {
    let last = 0;
    for (;;) {
      const head = this.byte();
      const type = head & 0x0f;
      if (type === 0) return;
      const delta = head >> 4;
      last = delta === 0 ? this.zigzag() : last + delta;
      field(last, type);
    }
  }

  int(): number {
    return this.zigzag();
  }

  skip(type: number): void {
    switch (type) {
      case 1:
      case 2:
        return;
      case 3:
        this.byte();
        return;
      case 4:
      case 5:
      case 6:
        this.varint();
        return;
      case 7:
        this.advance(8);
        return;
      case 8:
        this.advance(this.varint());
        return;
      case 9:
      case 10: {
        const head = this.byte();
        const size = head >> 4 === 15 ? this.varint() : head >> 4;
        for (let i = 0; i < size; i++) this.skipElement(head & 0x0f);
        return;
      }
      case 11: {
        const size = this.varint();
        if (size === 0) return;
        const kinds = this.byte();
        for (let i = 0; i < size; i++) {
          this.skipElement(kinds >> 4);
          this.skipElement(kinds & 0x0f);
        }
        return;
      }
      case STRUCT:
        this.fields((_, fieldType) => this.skip(fieldType));
        return;
      default:
        throw new RangeError(`unknown Thrift type ${type}`);
    }
  }

  /** Booleans inside lists, sets and maps take a byte each. */
  private skipElement(type: number): void {
    if (type === 1 || type === 2) this.byte();
    else this.skip(type);
  }

  private byte(): number {
    if (this.offset >= this.bytes.length) throw new ShortRead();
    return this.bytes[this.offset++];
  }

  private advance(n: number): void {
    if (this.offset + n > this.bytes.length) throw new ShortRead();
    this.offset += n;
  }

  private varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return value;
      scale *= 128;
    }
    throw new RangeError('a Thrift varint runs past 10 bytes');
  }

  private zigzag(): number {
    const n = this.varint();
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }
}
