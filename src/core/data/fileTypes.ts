/** The text formats a data file (dataset or predictions) is read in. */
export type TableFormat = 'csv' | 'tsv' | 'json' | 'jsonl';

/** Binary formats, read at any offset rather than as text: Parquet and NumPy. */
export type BinaryFormat = 'parquet' | 'npy' | 'npz';

/** The formats a dataset is read from: a single .npy has no labels, so it is for predictions only. */
export type DatasetFormat = TableFormat | 'parquet' | 'npz';

export interface DataFileType<F extends string = TableFormat> {
  format: F;
  /** Lower case, without the dot. */
  extension: string;
  description: string;
  /** Whether the file can be a dataset to train on (every type can hold predictions). */
  dataset: boolean;
}

/**
 * The text file types every front end offers and reads by name (the file pickers, the explorer
 * menus, the CLI). A file with any other name is still read: its format is sniffed from its content.
 */
export const DATA_FILE_TYPES: readonly DataFileType[] = [
  { format: 'csv', extension: 'csv', description: 'comma-separated values (or ; | tab, sniffed)', dataset: true },
  { format: 'tsv', extension: 'tsv', description: 'tab-separated values', dataset: true },
  { format: 'json', extension: 'json', description: 'a JSON array of flat objects, one per row', dataset: true },
  { format: 'jsonl', extension: 'jsonl', description: 'JSON Lines: one flat object per line', dataset: true },
];

export const BINARY_FILE_TYPES: readonly DataFileType<BinaryFormat>[] = [
  {
    format: 'parquet',
    extension: 'parquet',
    description: 'Apache Parquet (pandas, PyArrow, Hugging Face datasets)',
    dataset: true,
  },
  {
    format: 'npz',
    extension: 'npz',
    description: 'NumPy archive: arrays probs (or logits) and labels, or a dataset of x and y',
    dataset: true,
  },
  {
    format: 'npy',
    extension: 'npy',
    description: 'NumPy array (probabilities, with the labels in a second .npy)',
    dataset: false,
  },
];

const ALL_TYPES: readonly DataFileType<string>[] = [...DATA_FILE_TYPES, ...BINARY_FILE_TYPES];

function extensionOf(file: string): string | undefined {
  return /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase();
}

export function binaryFormatFromName(file: string): BinaryFormat | undefined {
  const extension = extensionOf(file);
  return BINARY_FILE_TYPES.find((t) => t.extension === extension)?.format;
}

/** Every extension the predictions fronts offer: the text formats, then the binary ones. */
export const DATA_FILE_EXTENSIONS: readonly string[] = ALL_TYPES.map((t) => t.extension);

/** The extensions the training fronts offer (no .npy). */
export const DATASET_FILE_EXTENSIONS: readonly string[] = ALL_TYPES.filter((t) => t.dataset).map((t) => t.extension);

export const TABLE_FORMATS: readonly TableFormat[] = DATA_FILE_TYPES.map((t) => t.format);

/** The workspace search pattern for data files (findFiles): any folder, any of the extensions. */
export const DATA_FILE_GLOB = globOf(DATA_FILE_EXTENSIONS);
export const DATASET_FILE_GLOB = globOf(DATASET_FILE_EXTENSIONS);

function globOf(extensions: readonly string[]): string {
  return `**/*.{${extensions.join(',')}}`;
}

/** "CSV, TSV, JSON, JSONL, PARQUET, NPZ or NPY", for prompts. */
export const DATA_FILE_KINDS = kindsOf(DATA_FILE_EXTENSIONS);
export const DATASET_FILE_KINDS = kindsOf(DATASET_FILE_EXTENSIONS);

function kindsOf(extensions: readonly string[]): string {
  const kinds = extensions.map((e) => e.toUpperCase());
  return `${kinds.slice(0, -1).join(', ')} or ${kinds[kinds.length - 1]}`;
}

/** Whether a file's name has one of the data file extensions (any case). */
export function isDataFileName(file: string): boolean {
  return formatFromName(file) !== undefined || binaryFormatFromName(file) !== undefined;
}

/** Whether a file's name has one of the dataset extensions (any case). */
export function isDatasetFileName(file: string): boolean {
  const extension = extensionOf(file);
  return DATASET_FILE_EXTENSIONS.includes(extension ?? '');
}

export function formatFromName(file: string): TableFormat | undefined {
  const extension = extensionOf(file);
  return DATA_FILE_TYPES.find((t) => t.extension === extension)?.format;
}

/** A dataset's format from its name (undefined: a text format, sniffed from the content). */
export function datasetFormatFromName(file: string): DatasetFormat | undefined {
  const binary = binaryFormatFromName(file);
  return binary === 'npy' ? undefined : (binary ?? formatFromName(file));
}

/** The format of text whose name does not tell: from its first character that is not white space. */
export function sniffTextFormat(text: string): TableFormat {
  const first = /\S/.exec(text)?.[0];
  if (first === '[') return 'json';
  if (first === '{') return 'jsonl';
  return 'csv';
}
