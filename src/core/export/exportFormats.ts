import { DataFileError } from '../data/dataFileError';
import { DatasetFormat, TABLE_FORMATS, TableFormat } from '../data/fileTypes';

/**
 * The PyTorch export's train.py reads the dataset file itself, with Python's standard library and
 * NumPy only, so that it runs wherever torch does. Parquet would need pyarrow (or fastparquet), which
 * Debian does not package (`apt-cache policy python3-pyarrow`: no candidate), so both binary dataset
 * formats are refused with one message rather than half supported.
 */
export function checkExportableFormat(file: string, format: DatasetFormat | undefined): void {
  if (format === undefined || TABLE_FORMATS.includes(format as TableFormat)) return;
  throw new DataFileError(
    file,
    `is a ${format === 'parquet' ? 'Parquet' : '.npz'} dataset; the PyTorch export takes CSV, TSV, JSON or JSONL ` +
      `(its train.py reads the file without pyarrow): save the data as CSV (DataFrame.to_csv) and export that`,
  );
}
