/** The formats a data file (dataset or predictions) is read in. */
export type TableFormat = 'csv' | 'tsv' | 'json' | 'jsonl';

export interface DataFileType {
  format: TableFormat;
  /** Lower case, without the dot. */
  extension: string;
  description: string;
}

/**
 * The file types every front end offers and reads by name (the file pickers, the explorer menus,
 * the CLI). A file with any other name is still read: its format is sniffed from its content.
 */
export const DATA_FILE_TYPES: readonly DataFileType[] = [
  { format: 'csv', extension: 'csv', description: 'comma-separated values (or ; | tab, sniffed)' },
  { format: 'tsv', extension: 'tsv', description: 'tab-separated values' },
  { format: 'json', extension: 'json', description: 'a JSON array of flat objects, one per row' },
  { format: 'jsonl', extension: 'jsonl', description: 'JSON Lines: one flat object per line' },
];

/** Binary formats, read at any offset rather than as text: streamed predictions (and Parquet datasets). */
export type BinaryFormat = 'parquet' | 'npy' | 'npz';

export const BINARY_FILE_TYPES: readonly { format: BinaryFormat; extension: string; description: string }[] = [
  { format: 'parquet', extension: 'parquet', description: 'Apache Parquet (pandas, PyArrow, Hugging Face datasets)' },
  { format: 'npz', extension: 'npz', description: 'NumPy archive with arrays probs (or logits) and labels' },
  { format: 'npy', extension: 'npy', description: 'NumPy array (probabilities, with the labels in a second .npy)' },
];

export function binaryFormatFromName(file: string): BinaryFormat | undefined {
  const extension = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase();
  return BINARY_FILE_TYPES.find((t) => t.extension === extension)?.format;
}

/** Every extension the fronts offer: the text formats, then the binary ones. */
export const DATA_FILE_EXTENSIONS: readonly string[] = [...DATA_FILE_TYPES, ...BINARY_FILE_TYPES].map(
  (t) => t.extension,
);

export const TABLE_FORMATS: readonly TableFormat[] = DATA_FILE_TYPES.map((t) => t.format);

/** The workspace search pattern for data files (findFiles): any folder, any of the extensions. */
export const DATA_FILE_GLOB = `**/*.{${DATA_FILE_EXTENSIONS.join(',')}}`;

/** "CSV, TSV, JSON, JSONL, PARQUET, NPZ or NPY", for prompts. */
const KINDS = DATA_FILE_EXTENSIONS.map((e) => e.toUpperCase());
export const DATA_FILE_KINDS = `${KINDS.slice(0, -1).join(', ')} or ${KINDS[KINDS.length - 1]}`;

/** Whether a file's name has one of the data file extensions (any case). */
export function isDataFileName(file: string): boolean {
  return formatFromName(file) !== undefined || binaryFormatFromName(file) !== undefined;
}

export function formatFromName(file: string): TableFormat | undefined {
  const extension = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase();
  return DATA_FILE_TYPES.find((t) => t.extension === extension)?.format;
}

/** The format of text whose name does not tell: from its first character that is not white space. */
export function sniffTextFormat(text: string): TableFormat {
  const first = /\S/.exec(text)?.[0];
  if (first === '[') return 'json';
  if (first === '{') return 'jsonl';
  return 'csv';
}
