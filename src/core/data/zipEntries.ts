import type { ByteSource } from './byteSource';
import { DataFileError } from './dataFileError';
import { inflatedBytes, rangeBytes, SequentialBytes } from './sequentialBytes';

/** A member of a zip archive (a .npz holds one .npy per array), stored or deflated; zip64 sizes read. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;

/** The archive's entries, from its central directory. */
export async function zipEntries(source: ByteSource, file: string): Promise<ZipEntry[]> {
  const fail = (detail: string): never => {
    throw new DataFileError(file, `is not a readable .npz (zip) archive: ${detail}`);
  };
  const tailLength = Math.min(source.size, 22 + MAX_COMMENT + 20);
  const tail = await source.read(source.size - tailLength, tailLength);
  const view = new DataView(tail.buffer, tail.byteOffset, tail.length);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) fail('no end-of-central-directory record (the file is truncated or not a zip)');
  let count = view.getUint16(eocd + 10, true);
  let dirSize = view.getUint32(eocd + 12, true);
  let dirOffset = view.getUint32(eocd + 16, true);
  if (
    (count === 0xffff || dirOffset === 0xffffffff) &&
    eocd >= 20 &&
    view.getUint32(eocd - 20, true) === ZIP64_LOCATOR
  ) {
    const recordOffset = Number(view.getBigUint64(eocd - 12, true));
    const record = await source.read(recordOffset, 56);
    const r = new DataView(record.buffer, record.byteOffset, record.length);
    if (record.length < 56 || r.getUint32(0, true) !== ZIP64_EOCD) fail('a bad zip64 end-of-central-directory record');
    count = Number(r.getBigUint64(32, true));
    dirSize = Number(r.getBigUint64(40, true));
    dirOffset = Number(r.getBigUint64(48, true));
  }
  if (dirOffset + dirSize > source.size || dirSize > 64 * 1024 * 1024)
    fail('its central directory lies outside the file');
  const dir = await source.read(dirOffset, dirSize);
  const d = new DataView(dir.buffer, dir.byteOffset, dir.length);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let e = 0; e < count; e++) {
    if (at + 46 > dir.length || d.getUint32(at, true) !== CENTRAL) fail(`central directory entry ${e + 1} is damaged`);
    const nameLength = d.getUint16(at + 28, true);
    const extraLength = d.getUint16(at + 30, true);
    const commentLength = d.getUint16(at + 32, true);
    if (at + 46 + nameLength + extraLength > dir.length) fail(`central directory entry ${e + 1} is damaged`);
    const entry: ZipEntry = {
      name: new TextDecoder().decode(dir.subarray(at + 46, at + 46 + nameLength)),
      method: d.getUint16(at + 10, true),
      compressedSize: d.getUint32(at + 20, true),
      size: d.getUint32(at + 24, true),
      localOffset: d.getUint32(at + 42, true),
    };
    readZip64Extra(d, at + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Sizes and offset that did not fit 32 bits, from the zip64 extra field (id 1), in its fixed order. */
function readZip64Extra(d: DataView, start: number, length: number, entry: ZipEntry): void {
  for (let at = start; at + 4 <= start + length;) {
    const id = d.getUint16(at, true);
    const size = d.getUint16(at + 2, true);
    if (id === 1) {
      let p = at + 4;
      const next = (): number => {
        const v = p + 8 <= at + 4 + size ? Number(d.getBigUint64(p, true)) : NaN;
        p += 8;
        return v;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localOffset === 0xffffffff) entry.localOffset = next();
    }
    at += 4 + size;
  }
}

/** The entry's bytes, read (and inflated) front to back. */
export async function entryBytes(source: ByteSource, file: string, entry: ZipEntry): Promise<SequentialBytes> {
  const fail = (detail: string): never => {
    throw new DataFileError(file, detail, { part: `member '${entry.name}'` });
  };
  const header = await source.read(entry.localOffset, 30);
  const h = new DataView(header.buffer, header.byteOffset, header.length);
  if (header.length < 30 || h.getUint32(0, true) !== LOCAL) fail('its local zip header is damaged');
  const start = entry.localOffset + 30 + h.getUint16(26, true) + h.getUint16(28, true);
  if (!(entry.compressedSize >= 0) || start + entry.compressedSize > source.size)
    fail('the archive is truncated (the member ends beyond the end of the file)');
  if (entry.method === 0) return rangeBytes(source, start, entry.compressedSize);
  if (entry.method === 8)
    return inflatedBytes(source, start, entry.compressedSize, (message) =>
      fail(`its deflated data is damaged (${message})`),
    );
  return fail(`is compressed with zip method ${entry.method}; only stored and deflated members are read`);
}
