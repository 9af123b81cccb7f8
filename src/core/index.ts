// The public surface of the pure core, built as dist/core.js (tfjs stays external).
export * from './loss';
export * from './calibration';
export * from './predictions';
export { DataFileError, formatLocation } from './data/dataFileError';
export type { FileLocation } from './data/dataFileError';
export { readTable, formatFromName } from './data/readTable';
export type { Table, TableFormat, Cell } from './data/readTable';
export { parseNumber } from './data/parseNumber';
export * from './bootstrap';
export * from './recalibration';
export { seededRandom } from './random';
export * from './train';
export { loadDataset, loadDatasetFromStream, datasetFromTable, checkDatasetOptions } from './data/dataset';
export type {
  DatasetSplit,
  EncodedDataset,
  DatasetOptions,
  FeatureTransform,
  ColumnSummary,
  DatasetSummary,
} from './data/dataset';
export { ColumnReader, readColumns, readColumnsFromStream } from './data/columnReader';
export type { ReadColumnsOptions } from './data/columnReader';
export type { ColumnTable, SkippedRow } from './data/tableBuilder';
export type { RawColumn, ColumnStats } from './data/columnBuilder';
export {
  inferSchema,
  inferLabelColumn,
  resolveSchema,
  isDatasetSchema,
  describeSchemaProblem,
  LABEL_NAMES,
} from './data/schema';
export type { DatasetSchema, ColumnSchema, ColumnRole, ColumnType, ClassOrder } from './data/schema';
export { encodeDataset } from './data/encode';
export { stratifiedSplit, DEFAULT_SPLIT } from './data/split';
export type { SplitFractions, SplitIndices } from './data/split';
export { addLabelNoise, MAX_NOISE_RATE } from './data/labelNoise';
export type { NoisyLabels } from './data/labelNoise';
export { datasetReport, formatDatasetReport } from './data/describeDataset';
export type { DatasetReport } from './data/describeDataset';
export {
  MAX_DATASET_BYTES,
  MAX_COLUMNS,
  MAX_CATEGORIES,
  MAX_LEVELS,
  MISSING_INDICATOR_FRACTION,
  checkDatasetSize,
} from './data/limits';
