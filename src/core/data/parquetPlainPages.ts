import { snappyUncompress } from 'hyparquet';
import type { ColumnMetaData, SchemaElement } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { ByteSource } from './byteSource';
import { int64Numbers } from './int64Numbers';
import { DATA_PAGE, readPageHeader, type PageLocation } from './parquetPageLocations';

const PLAIN = 0;

/**
 * Rows [from, from + rows) of a flat number column, decoded here when every page they touch is the
 * simplest kind: a v1 data page, PLAIN values and, for an OPTIONAL column, definition levels that
 * say no value is null — what DataFrame.to_parquet writes for a column of probabilities.
 * hyparquet would give such a page's values as boxed numbers after a level-by-level assembly that
 * costs more than the rest of a calibration report; here they are one typed-array copy. Anything
 * else (a null, a dictionary page, other encodings, v2 pages, converted types) gives undefined, and
 * hyparquet reads the rows as before.
 */
export async function readPlainRows(
  source: ByteSource,
  meta: ColumnMetaData,
  element: SchemaElement,
  pages: PageLocation[],
  from: number,
  rows: number,
): Promise<{ values: Float64Array; widestPage: number } | undefined> {
  if (!plainNumberColumn(meta, element) || rows <= 0) return undefined;
  // pyarrow's encoding_stats tell when no data page is PLAIN (all dictionary-encoded): no read to try.
  const stats = meta.encoding_stats;
  if (stats && !stats.some((s) => s.page_type === 'DATA_PAGE' && s.encoding === 'PLAIN')) return undefined;
  const optional = element.repetition_type === 'OPTIONAL';
  let first = 0;
  while (first + 1 < pages.length && Number(pages[first + 1].first_row_index) <= from) first++;
  let last = first;
  while (last + 1 < pages.length && Number(pages[last + 1].first_row_index) < from + rows) last++;
  const start = Number(pages[first].offset);
  const end = Number(pages[last].offset) + pages[last].compressed_page_size;
  const bytes = await source.read(start, end - start);
  if (bytes.length !== end - start) return undefined;
  const out = new Float64Array(rows);
  let widestPage = 0;
  for (let i = first; i <= last; i++) {
    const at = Number(pages[i].offset) - start;
    const page = plainPageValues(bytes.subarray(at, at + pages[i].compressed_page_size), meta, optional);
    if (!page) return undefined;
    widestPage = Math.max(widestPage, page.length);
    const pageStart = Number(pages[i].first_row_index);
    const lo = Math.max(from, pageStart);
    const hi = Math.min(from + rows, pageStart + page.length);
    for (let r = lo; r < hi; r++) out[r - from] = page[r - pageStart];
  }
  return { values: out, widestPage };
}

function plainNumberColumn(meta: ColumnMetaData, element: SchemaElement): boolean {
  if (meta.path_in_schema.length !== 1 || element.repetition_type === 'REPEATED') return false;
  const { type } = meta;
  if (type === 'DOUBLE' || type === 'FLOAT') return element.converted_type === undefined && !element.logical_type;
  if (type !== 'INT32' && type !== 'INT64') return false;
  const bits = type === 'INT32' ? 32 : 64;
  const logical = element.logical_type;
  const signedInteger =
    logical === undefined || (logical.type === 'INTEGER' && logical.bitWidth === bits && logical.isSigned);
  return signedInteger && (element.converted_type === undefined || element.converted_type === `INT_${bits}`);
}

/** A page's values as numbers, or undefined when it is not a PLAIN v1 data page without nulls. */
function plainPageValues(bytes: Uint8Array, meta: ColumnMetaData, optional: boolean): Float64Array | undefined {
  let header;
  try {
    header = readPageHeader(bytes);
  } catch {
    return undefined;
  }
  if (header.type !== DATA_PAGE || header.encoding !== PLAIN || !(header.rows >= 0)) return undefined;
  const body = bytes.subarray(header.length, header.length + header.compressedSize);
  const page = decompress(meta.codec, body, header.uncompressedSize);
  if (!page) return undefined;
  let offset = 0;
  if (optional) {
    if (page.length < 4) return undefined;
    const levels = page[0] | (page[1] << 8) | (page[2] << 16) | (page[3] << 24);
    if (levels < 0 || 4 + levels > page.length || !allPresent(page.subarray(4, 4 + levels), header.rows))
      return undefined;
    offset = 4 + levels;
  }
  return plainValues(page, offset, header.rows, meta.type);
}

function decompress(codec: string, body: Uint8Array, size: number): Uint8Array | undefined {
  try {
    if (codec === 'UNCOMPRESSED') return body.length === size ? body : undefined;
    const decoder = compressors[codec as keyof typeof compressors];
    let page: Uint8Array;
    if (decoder) page = decoder(body, size);
    else if (codec === 'SNAPPY') snappyUncompress(body, (page = new Uint8Array(size)));
    else return undefined;
    return page.length === size ? page : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether definition levels of bit width 1 (RLE / bit-packed hybrid) mark all `count` values as
 * present: every RLE run is of 1s and every bit-packed bit of a value is 1.
 */
export function allPresent(levels: Uint8Array, count: number): boolean {
  let at = 0;
  let seen = 0;
  while (seen < count) {
    let header = 0;
    let scale = 1;
    for (;;) {
      if (at >= levels.length || scale > 2 ** 28) return false;
      const b = levels[at++];
      header += (b & 0x7f) * scale;
      scale *= 128;
      if ((b & 0x80) === 0) break;
    }
    if (header % 2 === 0) {
      const run = header / 2;
      if (run === 0 || at >= levels.length || levels[at++] !== 1) return false;
      seen += run;
    } else {
      const groups = (header - 1) / 2;
      if (groups === 0 || at + groups > levels.length) return false;
      for (let g = 0; g < groups; g++, seen += 8) {
        const needed = Math.min(8, count - seen);
        const mask = needed >= 8 ? 0xff : (1 << Math.max(0, needed)) - 1;
        if ((levels[at++] & mask) !== mask) return false;
      }
    }
  }
  return true;
}

function plainValues(page: Uint8Array, offset: number, count: number, type: string): Float64Array | undefined {
  const size = type === 'INT32' || type === 'FLOAT' ? 4 : 8;
  if (offset + count * size > page.length) return undefined;
  // A copy of just the values, aligned for the typed-array views.
  const raw = page.slice(offset, offset + count * size).buffer;
  if (type === 'DOUBLE') return new Float64Array(raw);
  if (type === 'FLOAT') return Float64Array.from(new Float32Array(raw));
  if (type === 'INT32') return Float64Array.from(new Int32Array(raw));
  return int64Numbers(raw, 0, count);
}
