import { DataFileError } from './dataFileError';

/** Files larger than this are refused before any byte is read. */
export const MAX_DATASET_BYTES = 200 * 1024 * 1024;
export const MAX_COLUMNS = 200;
/** Columns of a predictions file: one per class (an ImageNet model's 1000 and then some), a guard against garbage only. */
export const MAX_PREDICTION_COLUMNS = 100_000;
/** Distinct values a column may have and still be a label or categorical (after an edit of the schema). */
export const MAX_LEVELS = 1000;
/** Distinct values up to which inference makes a text column categorical (one-hot). */
export const MAX_CATEGORIES = 50;
/** Missing fraction above which a numeric column gets a missing-indicator feature. */
export const MISSING_INDICATOR_FRACTION = 0.05;
/** A single row (record) longer than this is taken for an unclosed quote rather than buffered. */
export const MAX_ROW_CHARS = 8 * 1024 * 1024;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Throws the DataFileError for a file over the limit; call it with the size from stat, before reading. */
export function checkDatasetSize(size: number, file: string, limit = MAX_DATASET_BYTES): void {
  if (size > limit) {
    const shown = formatBytes(size) === formatBytes(limit) ? `${size} bytes` : formatBytes(size);
    throw new DataFileError(file, `is ${shown}; datasets over ${formatBytes(limit)} are not loaded`);
  }
}

/**
 * Rows whose top-label confidence (float64) and correctness (a byte) a streamed calibration report
 * keeps for equal-mass bins and the smooth ECE: 9 bytes a row, 180 MB at most. Past it they are a
 * reservoir sample of this size, and the report says so.
 */
export const MAX_KEPT_TOP_LABEL_ROWS = 20_000_000;
/**
 * Streamed predictions (Parquet, NumPy, and CSV/TSV read through the streamed path) are refused over
 * this size: the file is never held whole, so the bound is what a file may reasonably hold.
 */
export const MAX_STREAMED_BYTES = 64 * 1024 * 1024 * 1024;
/**
 * Cells (rows × columns) of a Parquet or NumPy dataset, checked from its footer or header before a row
 * is read (its file size says little of it, compressed): 6 bytes each once read, 300 MB at most.
 */
export const MAX_DATASET_CELLS = 50_000_000;
