import { ByteSource, memorySource } from './byteSource';
import type { RawColumn } from './columnBuilder';
import { ColumnReader, READ_CHUNK, ReadColumnsOptions } from './columnReader';
import { DataFileError } from './dataFileError';
import { binaryFormatFromName, DatasetFormat, datasetFormatFromName } from './fileTypes';
import { readNpzTable } from './npzDataset';
import { readParquetTable } from './parquetDataset';
import type { ColumnTable } from './tableBuilder';

/**
 * A dataset file of any format (CSV, TSV, JSON, JSONL, Parquet, .npz) read into columns: the binary
 * formats from their footer or directory, the text ones through the ColumnReader in READ_CHUNK
 * steps. The format is the caller's (a text format), else the name's, else sniffed. Throws only DataFileError.
 */
export async function readTableFromSource<C = RawColumn>(
  source: ByteSource,
  file: string,
  options: ReadColumnsOptions<C> = {},
): Promise<ColumnTable<C>> {
  const format = options.format ?? datasetFormatFromName(file) ?? (await sniffBinary(source, file));
  if (format === 'parquet') return readParquetTable(source, file, options);
  if (format === 'npz') return readNpzTable(source, file, options);
  const reader = new ColumnReader<C>(file, { ...options, format, totalBytes: source.size });
  for (let at = 0; at < source.size; at += READ_CHUNK) reader.push(await source.read(at, READ_CHUNK));
  return reader.finish();
}

/** The same from bytes in memory (the extension's data worker, the training pool). */
export function readTableFromBytes<C = RawColumn>(
  bytes: Uint8Array,
  file: string,
  options: ReadColumnsOptions<C> = {},
): Promise<ColumnTable<C>> {
  return readTableFromSource(memorySource(bytes), file, options);
}

const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31]; // PAR1
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4: a .npz is a zip archive

/** A file whose name does not tell: Parquet or .npz by its first bytes, else undefined (text, sniffed). */
async function sniffBinary(source: ByteSource, file: string): Promise<DatasetFormat | undefined> {
  if (binaryFormatFromName(file) === 'npy')
    throw new DataFileError(
      file,
      'is one NumPy array; a dataset is a .npz with arrays x (features) and y (labels): numpy.savez(path, x=x, y=y)',
    );
  const head = await source.read(0, 4);
  const starts = (magic: number[]) => head.length === 4 && magic.every((b, i) => head[i] === b);
  if (starts(PARQUET_MAGIC)) return 'parquet';
  if (starts(ZIP_MAGIC)) return 'npz';
  return undefined;
}
