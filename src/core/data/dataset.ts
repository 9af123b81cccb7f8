import type { ByteSource } from './byteSource';
import { ReadColumnsOptions, readColumns, readColumnsFromStream } from './columnReader';
import { encodeDataset } from './encode';
import type { DatasetFormat, TableFormat } from './fileTypes';
import { ClassOrder, ColumnRole, ColumnType, DatasetSchema, resolveSchema } from './schema';
import { MAX_NOISE_RATE } from './labelNoise';
import { checkSplitFractions, SplitFractions } from './split';
import type { ColumnTable } from './tableBuilder';
import { readTableFromBytes, readTableFromSource } from './readTable';

export interface DatasetSplit {
  /** rows × features, row-major, standardised with the training split's statistics. */
  x: Float32Array;
  y: Int32Array;
  rows: number;
  /** The 1-based data row (header excluded) in the file of each row, in file order. */
  sourceRows: Int32Array;
  /** Train only, when label noise was added: the labels before the noise. */
  cleanY?: Int32Array;
}

/** How one encoded feature is computed from its column; enough to encode new rows the same way. */
export interface FeatureTransform {
  name: string;
  column: string;
  /** numeric: (value − mean) / std, missing → 0; indicator: 1 where missing; level / missingLevel: one-hot. */
  kind: 'numeric' | 'indicator' | 'level' | 'missingLevel';
  level?: string;
  /** Training-split statistics (numeric); 0 and 1 for the others. */
  mean: number;
  std: number;
}

export interface ColumnSummary {
  name: string;
  role: ColumnRole;
  type: ColumnType;
  missing: number;
  /** Distinct non-missing values; undefined when there are more than MAX_LEVELS. */
  distinct?: number;
  /** Encoded features that come from this column. */
  features: number;
  reason?: string;
}

export interface DatasetSummary {
  format: DatasetFormat;
  delimiter?: string;
  /** Rows read (ragged rows not counted). */
  rowsRead: number;
  /** Rows in the splits: those read, less those without a label. */
  rowsUsed: number;
  skippedRows: number;
  missingLabels: number;
  /** Rows per class over all splits, in class-index order. */
  classCounts: number[];
  splitClassCounts: { train: number[]; validation: number[]; test: number[] };
  columns: ColumnSummary[];
}

export interface EncodedDataset {
  file: string;
  /** JSON-serialisable, editable: label column, per-column role/type, class names, etc. */
  schema: DatasetSchema;
  /** After encoding (one-hot levels, missing indicators). */
  featureNames: string[];
  classNames: string[];
  features: number;
  classes: number;
  train: DatasetSplit;
  validation: DatasetSplit;
  test: DatasetSplit;
  noise: { rate: number; flipped: number };
  warnings: string[];
  transforms: FeatureTransform[];
  summary: DatasetSummary;
  split: SplitFractions;
  seed: number;
}

export interface DatasetOptions {
  /** Override the inferred label column. */
  label?: string;
  /** A saved/edited schema to apply instead of inference. */
  schema?: DatasetSchema;
  /** Default 0.7/0.15/0.15. */
  split?: SplitFractions;
  /** Default 0. */
  seed?: number;
  /** Symmetric label noise rate on train, in [0, 0.9]; default 0. */
  noise?: number;
  /** Ragged rows and rows without a label are an error instead of being skipped. */
  strict?: boolean;
  /** 0 … 1 while reading; 1 once encoded. */
  onProgress?: (fraction: number) => void;
  /** Default natural (numbers by value, text alphabetically with digit runs as numbers); or order of first appearance. */
  classOrder?: ClassOrder;
  /** Default: from the file name, else sniffed. */
  format?: TableFormat;
  /** Default MAX_DATASET_BYTES (200 MB). */
  maxBytes?: number;
}

/** Reading takes nearly all the time; the rest of the progress bar is encoding. */
const READ_SHARE = 0.95;

function readOptions(options: DatasetOptions, totalBytes?: number): ReadColumnsOptions {
  const { onProgress } = options;
  return {
    format: options.format,
    strict: options.strict,
    label: options.label,
    maxBytes: options.maxBytes,
    totalBytes,
    onProgress: onProgress && ((fraction) => onProgress(fraction * READ_SHARE)),
  };
}

/** Throws a RangeError for options no file could satisfy, before anything is read. */
export function checkDatasetOptions(options: DatasetOptions): void {
  if (options.split) checkSplitFractions(options.split);
  const noise = options.noise ?? 0;
  if (!(noise >= 0 && noise <= MAX_NOISE_RATE))
    throw new RangeError(`the noise rate must be in [0, ${MAX_NOISE_RATE}], got ${noise}`);
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed)) throw new RangeError(`the seed must be an integer, got ${seed}`);
}

/**
 * A table that was read → the encoded dataset: schema (inferred, or the given one completed),
 * stratified split, label noise on train, one-hot and standardised features.
 */
export function datasetFromTable(table: ColumnTable, options: DatasetOptions = {}): EncodedDataset {
  checkDatasetOptions(options);
  const { schema, warnings } = resolveSchema(table, options.schema, {
    label: options.label,
    classOrder: options.classOrder,
  });
  const dataset = encodeDataset(table, schema, options, [...(table.notes ?? []), ...warnings]);
  options.onProgress?.(1);
  return dataset;
}

/**
 * One call from bytes (Uint8Array) or text to the encoded dataset. Throws only DataFileError for
 * bad files (and RangeError for impossible options: split fractions, noise rate).
 */
export function loadDataset(input: Uint8Array | string, file: string, options: DatasetOptions = {}): EncodedDataset {
  checkDatasetOptions(options);
  return datasetFromTable(readColumns(input, file, readOptions(options, input.length)), options);
}

/**
 * A dataset file of any format, Parquet and .npz too, from its bytes (the extension's data worker).
 * Throws only DataFileError for bad files (and RangeError for impossible options).
 */
export async function loadDatasetFromBytes(
  bytes: Uint8Array,
  file: string,
  options: DatasetOptions = {},
): Promise<EncodedDataset> {
  checkDatasetOptions(options);
  return datasetFromTable(await readTableFromBytes(bytes, file, readOptions(options, bytes.length)), options);
}

/** The same from a file opened for reads at any offset (the CLI): a Parquet file is read row group by row group. */
export async function loadDatasetFromSource(
  source: ByteSource,
  file: string,
  options: DatasetOptions = {},
): Promise<EncodedDataset> {
  checkDatasetOptions(options);
  return datasetFromTable(await readTableFromSource(source, file, readOptions(options, source.size)), options);
}

/**
 * The same from a stream of byte chunks (e.g. fs.createReadStream): the file is never held whole
 * in memory. Pass the size from stat as totalBytes for progress and a size check before reading.
 */
export async function loadDatasetFromStream(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  file: string,
  options: DatasetOptions & { totalBytes?: number } = {},
): Promise<EncodedDataset> {
  checkDatasetOptions(options);
  return datasetFromTable(await readColumnsFromStream(chunks, file, readOptions(options, options.totalBytes)), options);
}
