// A small hand-built Parquet writer for test fixtures and benchmark files (no pyarrow on this machine):
// data page v1, PLAIN values, RLE levels, one or more pages per column chunk, the Thrift compact protocol by hand.
// Columns are flat (BOOLEAN/DOUBLE/FLOAT/INT32/INT64/UTF8 strings, required or optional as pandas writes
// them, null values written as nulls)
// or a list of DOUBLE/FLOAT (what PyArrow writes for a list or fixed-size-list column).
// Codecs: UNCOMPRESSED, SNAPPY (literal runs: valid, not small), GZIP (zlib), ZSTD (raw blocks: valid, not small).
'use strict';
const fs = require('fs');
const zlib = require('zlib');

const TYPE = { BOOLEAN: 0, INT32: 1, INT64: 2, FLOAT: 4, DOUBLE: 5, BYTE_ARRAY: 6 };
const CODEC = { UNCOMPRESSED: 0, SNAPPY: 1, GZIP: 2, ZSTD: 6 };

class Bytes {
  constructor() {
    this.parts = [];
    this.length = 0;
  }
  push(buf) {
    const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf);
    this.parts.push(b);
    this.length += b.length;
  }
  byte(v) {
    this.push([v & 0xff]);
  }
  varint(v) {
    let n = BigInt(v);
    const out = [];
    do {
      let b = Number(n & 0x7fn);
      n >>= 7n;
      if (n > 0n) b |= 0x80;
      out.push(b);
    } while (n > 0n);
    this.push(out);
  }
  zigzag(v) {
    const n = BigInt(v);
    this.varint(n >= 0n ? n << 1n : (-n << 1n) - 1n);
  }
  concat() {
    return Buffer.concat(this.parts, this.length);
  }
}

// Thrift compact protocol: a struct is [[fieldId, kind, value]...] with kind i32|i64|string|list-i32|list-string|list-struct|struct.
const KIND = { i32: 5, i64: 6, string: 8, list: 9, struct: 12 };
function writeStruct(out, fields) {
  let last = 0;
  for (const [id, kind, value] of fields) {
    if (value === undefined) continue;
    const type = KIND[kind.startsWith('list') ? 'list' : kind];
    if (id - last > 0 && id - last <= 15) out.byte(((id - last) << 4) | type);
    else {
      out.byte(type);
      out.zigzag(id);
    }
    last = id;
    writeValue(out, kind, value);
  }
  out.byte(0);
}
function writeValue(out, kind, value) {
  if (kind === 'i32' || kind === 'i64') out.zigzag(value);
  else if (kind === 'string') {
    const b = Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8');
    out.varint(b.length);
    out.push(b);
  } else if (kind === 'struct') writeStruct(out, value);
  else {
    const elem = kind.slice(5);
    const type = KIND[elem];
    if (value.length < 15) out.byte((value.length << 4) | type);
    else {
      out.byte(0xf0 | type);
      out.varint(value.length);
    }
    for (const v of value) writeValue(out, elem, v);
  }
}

/** RLE/bit-packed hybrid, RLE runs only, with a 4-byte length prefix (data page v1 levels). */
function levels(runs, bitWidth) {
  const body = new Bytes();
  for (const [value, count] of runs) {
    body.varint(count * 2);
    const bytes = Math.ceil(bitWidth / 8);
    for (let i = 0; i < bytes; i++) body.byte(value >> (8 * i));
  }
  const len = Buffer.alloc(4);
  len.writeUInt32LE(body.length);
  return Buffer.concat([len, body.concat()]);
}

/** Runs [value, count] of equal consecutive values. */
function runsOf(values) {
  const runs = [];
  for (const v of values) {
    if (runs.length && runs[runs.length - 1][0] === v) runs[runs.length - 1][1]++;
    else runs.push([v, 1]);
  }
  return runs;
}

function plainValues(type, values) {
  if (type === TYPE.BOOLEAN) {
    const buf = Buffer.alloc(Math.ceil(values.length / 8));
    values.forEach((v, i) => {
      if (v) buf[i >> 3] |= 1 << (i & 7);
    });
    return buf;
  }
  if (type === TYPE.BYTE_ARRAY) {
    const out = new Bytes();
    for (const s of values) {
      const b = Buffer.from(String(s), 'utf8');
      const len = Buffer.alloc(4);
      len.writeUInt32LE(b.length);
      out.push(len);
      out.push(b);
    }
    return out.concat();
  }
  const size = type === TYPE.INT32 || type === TYPE.FLOAT ? 4 : 8;
  const buf = Buffer.alloc(values.length * size);
  for (let i = 0; i < values.length; i++) {
    if (type === TYPE.DOUBLE) buf.writeDoubleLE(values[i], i * 8);
    else if (type === TYPE.FLOAT) buf.writeFloatLE(values[i], i * 4);
    else if (type === TYPE.INT32) buf.writeInt32LE(values[i], i * 4);
    else buf.writeBigInt64LE(BigInt(values[i]), i * 8);
  }
  return buf;
}

function snappy(raw) {
  const out = new Bytes();
  out.varint(raw.length);
  for (let at = 0; at < raw.length; at += 65536) {
    const n = Math.min(65536, raw.length - at);
    if (n <= 60) out.byte((n - 1) << 2);
    else if (n <= 256) out.push([60 << 2, n - 1]);
    else out.push([61 << 2, (n - 1) & 0xff, (n - 1) >> 8]);
    out.push(raw.subarray(at, at + n));
  }
  return out.concat();
}

function zstdRaw(raw) {
  const out = new Bytes();
  const head = Buffer.alloc(9);
  head.writeUInt32LE(0xfd2fb528, 0);
  head[4] = 0xa0; // 4-byte content size, single segment
  head.writeUInt32LE(raw.length, 5);
  out.push(head);
  const max = 128 * 1024;
  let at = 0;
  do {
    const n = Math.min(max, raw.length - at);
    const last = at + n >= raw.length ? 1 : 0;
    const h = (n << 3) | last; // block type 0: raw
    out.push([h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff]);
    out.push(raw.subarray(at, at + n));
    at += n;
  } while (at < raw.length);
  return out.concat();
}

function compress(codec, raw) {
  if (codec === CODEC.SNAPPY) return snappy(raw);
  if (codec === CODEC.GZIP) return zlib.gzipSync(raw);
  if (codec === CODEC.ZSTD) return zstdRaw(raw);
  return raw;
}

/** The schema elements and leaf description of one column spec {name, type, optional, list}. */
function schemaOf(col) {
  const type = TYPE[col.type];
  if (!col.list) {
    const el = [
      [1, 'i32', type],
      [3, 'i32', col.optional ? 1 : 0],
      [4, 'string', col.name],
    ];
    if (col.type === 'BYTE_ARRAY') el.push([6, 'i32', 0]);
    return { elements: [el], path: [col.name], maxDef: col.optional ? 1 : 0, maxRep: 0 };
  }
  return {
    elements: [
      [
        [3, 'i32', 1],
        [4, 'string', col.name],
        [5, 'i32', 1],
        [6, 'i32', 3],
      ],
      [
        [3, 'i32', 2],
        [4, 'string', 'list'],
        [5, 'i32', 1],
      ],
      [
        [1, 'i32', type],
        [3, 'i32', 1],
        [4, 'string', 'element'],
      ],
    ],
    path: [col.name, 'list', 'element'],
    maxDef: 3,
    maxRep: 1,
  };
}

/** The page body (levels + values) of rows [start, end) of a column. */
function pageBody(col, values, start, end) {
  const type = TYPE[col.type];
  if (!col.list) {
    const slice = values.slice(start, end);
    if (!col.optional) return { body: plainValues(type, slice), count: end - start };
    const def = levels(runsOf(slice.map((v) => (v === null ? 0 : 1))), 1);
    const present = slice.filter((v) => v !== null);
    return { body: Buffer.concat([def, plainValues(type, present)]), count: end - start };
  }
  const rep = [];
  const flat = [];
  for (let r = start; r < end; r++) {
    const row = values[r];
    rep.push([0, 1]);
    if (row.length > 1) rep.push([1, row.length - 1]);
    for (const v of row) flat.push(v);
  }
  const repBuf = levels(rep, 1);
  const defBuf = levels([[3, flat.length]], 2);
  return { body: Buffer.concat([repBuf, defBuf, plainValues(type, flat)]), count: flat.length };
}

/** A dictionary-encoded page body: levels, then the bit width and the indices as RLE runs (RLE_DICTIONARY). */
function dictionaryPageBody(col, values, start, end, index) {
  const slice = values.slice(start, end);
  const width = Math.max(1, Math.ceil(Math.log2(Math.max(2, index.size))));
  const present = slice.filter((v) => v !== null);
  const runs = new Bytes();
  runs.byte(width);
  for (const [value, count] of runsOf(present.map((v) => index.get(v)))) {
    runs.varint(count * 2);
    for (let i = 0; i < Math.ceil(width / 8); i++) runs.byte(value >> (8 * i));
  }
  const def = col.optional ? [levels(runsOf(slice.map((v) => (v === null ? 0 : 1))), 1)] : [];
  return { body: Buffer.concat([...def, runs.concat()]), count: end - start };
}

/**
 * Writes `columns` ([{name, type, optional?, list?, values}]) to `file` in row groups of `rowGroupRows`;
 * `keyValue` ({key: text}) is the file's key-value metadata (pandas: the frame's description).
 * `pageRows` splits each column chunk into data pages of that many rows (default: one page per chunk).
 * `values` may be a function (start, end) → values of those rows, for files larger than memory.
 * `dictionary` starts each flat column chunk with a dictionary page and encodes its data pages as
 * indices (what pyarrow does by default); `pageStatistics` gives each data page header min/max
 * statistics (pyarrow's page statistics).
 */
function writeParquet(
  file,
  columns,
  { rows, rowGroupRows = rows, pageRows, codec = 'SNAPPY', keyValue, dictionary = false, pageStatistics = false } = {},
) {
  const codecId = CODEC[codec];
  const fd = fs.openSync(file, 'w');
  let offset = 0;
  const write = (buf) => {
    fs.writeSync(fd, buf);
    offset += buf.length;
  };
  write(Buffer.from('PAR1'));
  const schemas = columns.map(schemaOf);
  const rowGroups = [];
  for (let start = 0; start < rows; start += rowGroupRows) {
    const end = Math.min(rows, start + rowGroupRows);
    const chunks = [];
    let groupBytes = 0;
    columns.forEach((col, j) => {
      const values = typeof col.values === 'function' ? col.values(start, end) : col.values;
      const [from, to] = typeof col.values === 'function' ? [0, end - start] : [start, end];
      const chunkOffset = offset;
      let count = 0;
      let chunkBytes = 0;
      let chunkCompressed = 0;
      let index;
      let pages = 0;
      if (dictionary && !col.list) {
        const distinct = [...new Set(values.slice(from, to).filter((v) => v !== null))];
        index = new Map(distinct.map((v, i) => [v, i]));
        const body = plainValues(TYPE[col.type], distinct);
        const compressed = compress(codecId, body);
        const header = new Bytes();
        writeStruct(header, [
          [1, 'i32', 2],
          [2, 'i32', body.length],
          [3, 'i32', compressed.length],
          [
            7,
            'struct',
            [
              [1, 'i32', distinct.length],
              [2, 'i32', 0],
            ],
          ],
        ]);
        const head = header.concat();
        write(head);
        write(compressed);
        chunkBytes += head.length + body.length;
        chunkCompressed += head.length + compressed.length;
      }
      const pageOffset = offset;
      // pyarrow writes ~1 MiB data pages: `pageRows` rows each (one page per chunk when unset).
      const step = Math.max(1, pageRows ?? to - from);
      let at = from;
      do {
        const pageEnd = Math.min(to, at + step);
        const page = index ? dictionaryPageBody(col, values, at, pageEnd, index) : pageBody(col, values, at, pageEnd);
        const compressed = compress(codecId, page.body);
        const header = new Bytes();
        const present = pageStatistics && !col.list ? values.slice(at, pageEnd).filter((v) => v !== null) : [];
        const statistics = present.length
          ? [
              [3, 'i64', pageEnd - at - present.length],
              [5, 'string', plainValues(TYPE[col.type], [present.reduce((a, b) => (b > a ? b : a))])],
              [6, 'string', plainValues(TYPE[col.type], [present.reduce((a, b) => (b < a ? b : a))])],
            ]
          : undefined;
        writeStruct(header, [
          [1, 'i32', 0],
          [2, 'i32', page.body.length],
          [3, 'i32', compressed.length],
          [
            5,
            'struct',
            [
              [1, 'i32', page.count],
              [2, 'i32', index ? 8 : 0],
              [3, 'i32', 3],
              [4, 'i32', 3],
              [5, 'struct', statistics],
            ],
          ],
        ]);
        const head = header.concat();
        write(head);
        write(compressed);
        count += page.count;
        pages++;
        chunkBytes += head.length + page.body.length;
        chunkCompressed += head.length + compressed.length;
        at += step;
      } while (at < to);
      groupBytes += chunkBytes;
      chunks.push([
        [2, 'i64', chunkOffset],
        [
          3,
          'struct',
          [
            [1, 'i32', TYPE[col.type]],
            [2, 'list-i32', index ? [0, 3, 8] : [0, 3]],
            [3, 'list-string', schemas[j].path],
            [4, 'i32', codecId],
            [5, 'i64', count],
            [6, 'i64', chunkBytes],
            [7, 'i64', chunkCompressed],
            [9, 'i64', pageOffset],
            [11, 'i64', index ? chunkOffset : undefined],
            // encoding_stats, as pyarrow writes them: the dictionary page, then the data pages' encoding.
            [
              13,
              'list-struct',
              index && [
                [
                  [1, 'i32', 2],
                  [2, 'i32', 0],
                  [3, 'i32', 1],
                ],
                [
                  [1, 'i32', 0],
                  [2, 'i32', 8],
                  [3, 'i32', pages],
                ],
              ],
            ],
          ],
        ],
      ]);
    });
    rowGroups.push([
      [1, 'list-struct', chunks],
      [2, 'i64', groupBytes],
      [3, 'i64', end - start],
    ]);
  }
  const root = [
    [4, 'string', 'schema'],
    [5, 'i32', columns.length],
  ];
  const meta = new Bytes();
  writeStruct(meta, [
    [1, 'i32', 1],
    [2, 'list-struct', [root, ...schemas.flatMap((s) => s.elements)]],
    [3, 'i64', rows],
    [4, 'list-struct', rowGroups],
    [
      5,
      'list-struct',
      keyValue &&
        Object.entries(keyValue).map(([k, v]) => [
          [1, 'string', k],
          [2, 'string', v],
        ]),
    ],
    [6, 'string', 'gamma-ce fixture writer'],
  ]);
  const footer = meta.concat();
  write(footer);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(footer.length);
  write(len);
  write(Buffer.from('PAR1'));
  fs.closeSync(fd);
}

module.exports = { writeParquet };
