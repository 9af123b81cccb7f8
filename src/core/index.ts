// The public surface of the pure core, built as dist/core.js (tfjs stays external).
export * from './loss';
export * from './losses';
export * from './calibration';
export * from './predictions';
export { DataFileError, formatLocation } from './data/dataFileError';
export type { FileLocation } from './data/dataFileError';
export { DATA_FILE_EXTENSIONS, DATA_FILE_TYPES, formatFromName } from './data/fileTypes';
export type { DataFileType, DatasetFormat, TableFormat } from './data/fileTypes';
export { exactColumns } from './data/exactColumn';
export type { ExactColumn, TextCodes } from './data/exactColumn';
export { parseNumber } from './data/parseNumber';
export * from './bootstrap';
export * from './recalibration';
export * from './stats';
export { seededRandom } from './random';
export * from './train';
export * from './reports';
export {
  loadDataset,
  loadDatasetFromBytes,
  loadDatasetFromSource,
  loadDatasetFromStream,
  datasetFromTable,
  checkDatasetOptions,
} from './data/dataset';
export { readTableFromBytes, readTableFromSource } from './data/readTable';
export type { ByteSource } from './data/byteSource';
export { memorySource } from './data/byteSource';
export { openBinaryPredictions, collectPredictions } from './data/collectPredictions';
export { streamCalibration } from './calibration/streamingSource';
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
export type { ColumnTable, SkippedRow, TablePart } from './data/tableBuilder';
export type { ColumnFactory, ColumnSink, JsonCell } from './data/columnSink';
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
  MAX_PREDICTION_COLUMNS,
  MAX_CATEGORIES,
  MAX_LEVELS,
  MISSING_INDICATOR_FRACTION,
  checkDatasetSize,
} from './data/limits';
