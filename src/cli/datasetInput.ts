import type { ByteSource } from '../core/data/byteSource';
import type { ReadColumnsOptions } from '../core/data/columnReader';
import { DatasetOptions, EncodedDataset, loadDatasetFromSource } from '../core/data/dataset';
import { readTableFromSource } from '../core/data/readTable';
import type { ColumnTable } from '../core/data/tableBuilder';
import { openFileSource } from './inputFile';

/** Runs `use` on the file opened for reads at any offset, and closes it. */
async function withFileSource<T>(file: string, use: (source: ByteSource) => Promise<T>): Promise<T> {
  const source = await openFileSource(file);
  try {
    return await use(source);
  } finally {
    await source.close();
  }
}

/** A dataset file of any format (text, Parquet, .npz) read into columns; never held whole. */
export function readDatasetTable(file: string, options: ReadColumnsOptions = {}): Promise<ColumnTable> {
  return withFileSource(file, (source) => readTableFromSource(source, file, options));
}

/** A dataset file of any format, encoded. */
export function loadDatasetFile(file: string, options: DatasetOptions = {}): Promise<EncodedDataset> {
  return withFileSource(file, (source) => loadDatasetFromSource(source, file, options));
}
