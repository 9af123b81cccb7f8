import {
  compareModels,
  COMPARED_METRICS,
  Comparison,
  DEFAULT_BINS,
  DEFAULT_COMPARE_RESAMPLES,
} from '../core/calibration';
import {
  DEFAULT_ID_COLUMN,
  PairedFile,
  pairedFile,
  pairedTableOptions,
  pairFiles,
} from '../core/calibration/pairedFiles';
import { readColumnsFromStream } from '../core/data/columnReader';
import { binaryFormatFromName } from '../core/data/fileTypes';
import type { Io } from './main';
import { parseCliArgs } from './parseCliArgs';
import { inputChunks, withInputFile } from './inputFile';
import { integerOption, PredictionsFileOptions, readPredictionsFile } from './predictionsInput';
import { UsageError } from './usageError';

export const OPTIONS = {
  id: { type: 'string' },
  label: { type: 'string' },
  softmax: { type: 'boolean' },
  probs: { type: 'string' },
  labels: { type: 'string' },
  bins: { type: 'string' },
  resamples: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** `gamma-ce compare A B`: both models' metrics on the same rows and B − A with paired bootstrap intervals. */
export async function runCompare(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCliArgs(args, OPTIONS);
  if (positionals.length !== 2) throw new UsageError('compare takes exactly two predictions files, A and B');
  const bins = integerOption('bins', values.bins, DEFAULT_BINS, 1, 1000);
  const resamples = integerOption('resamples', values.resamples, DEFAULT_COMPARE_RESAMPLES, 1, 1_000_000);
  const seed = values.seed === undefined ? undefined : integerOption('seed', values.seed, 0, 0, 2 ** 32 - 1);
  const [fileA, fileB] = positionals;

  const read = { label: values.label, softmax: values.softmax, probs: values.probs, labels: values.labels };
  const idColumn = values.id ?? DEFAULT_ID_COLUMN;
  const binary = positionals.filter((f) => binaryFormatFromName(f) !== undefined);
  if (binary.length === 0 && (read.probs !== undefined || read.labels !== undefined))
    throw new UsageError('--probs and --labels are for Parquet and NumPy files');
  if (binary.length > 0 && values.id !== undefined)
    throw new UsageError(`--id is for text files: ${binary[0]} is matched to the other file by position`);
  return withInputFile(fileA, io, (bytesA) =>
    withInputFile(fileB, io, async (bytesB) => {
      const a = await readPairedFile(fileA, bytesA, read, idColumn);
      const b = await readPairedFile(fileB, bytesB, read, idColumn);
      const { b: aligned, matchedBy } = pairFiles(a, b, values.id !== undefined, idColumn);
      const comparison = compareModels(a.predictions.probs, aligned, a.predictions.labels, { bins, resamples, seed });
      const report = { files: { a: fileA, b: fileB }, matchedBy, ...comparison };
      io.stdout(
        values.json ? `${JSON.stringify(report, null, 2)}\n` : formatComparison(fileA, fileB, matchedBy, comparison),
      );
      return 0;
    }),
  );
}

async function readPairedFile(
  file: string,
  totalBytes: number,
  read: PredictionsFileOptions,
  idColumn: string,
): Promise<PairedFile> {
  // Parquet and NumPy files have no id column here: their rows are matched by position.
  const format = binaryFormatFromName(file);
  if (format !== undefined) {
    // One --labels for both files: a .npy of labels is the lone .npy's; an .npz names its own array.
    const npyLabels = read.labels?.toLowerCase().endsWith('.npy') === true;
    const own = format === 'npz' && npyLabels ? { ...read, labels: undefined } : read;
    return { predictions: await readPredictionsFile(file, totalBytes, own) };
  }
  const table = await readColumnsFromStream(
    inputChunks(file),
    file,
    pairedTableOptions({ label: read.label, softmax: read.softmax, totalBytes }, idColumn),
  );
  return pairedFile(table, read, idColumn);
}

const LABELS: Record<(typeof COMPARED_METRICS)[number], string> = {
  accuracy: 'Accuracy',
  ece: 'ECE',
  smoothEce: 'Smooth ECE',
  nll: 'NLL',
  brier: 'Brier',
};

export function formatComparison(fileA: string, fileB: string, matchedBy: string, c: Comparison): string {
  const pct = Math.round(c.level * 100);
  const lines = [
    `A: ${fileA}`,
    `B: ${fileB}`,
    `${c.rows} rows matched by ${matchedBy}; paired bootstrap, ${c.resamples} resamples (seed ${c.seed})`,
    '',
    `  ${''.padEnd(12)} ${'A'.padStart(8)} ${'B'.padStart(8)} ${'B − A'.padStart(9)}  ${pct} % interval`,
  ];
  for (const k of COMPARED_METRICS) {
    const d = c.differences[k];
    const excludesZero = d.low > 0 || d.high < 0;
    lines.push(
      `  ${LABELS[k].padEnd(12)} ${c.a[k].toFixed(4).padStart(8)} ${c.b[k].toFixed(4).padStart(8)} ${signed(d.mean).padStart(9)}  [${signed(d.low)}, ${signed(d.high)}]${excludesZero ? ' *' : ''}`,
    );
  }
  lines.push('', '* the interval excludes 0');
  return `${lines.join('\n')}\n`;
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(4)}`;
}
