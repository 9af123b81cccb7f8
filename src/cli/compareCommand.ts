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
import type { Io } from './main';
import { parseCliArgs } from './parseCliArgs';
import { inputChunks, withInputFile } from './inputFile';
import { integerOption } from './predictionsInput';
import { UsageError } from './usageError';

export const OPTIONS = {
  id: { type: 'string' },
  label: { type: 'string' },
  softmax: { type: 'boolean' },
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

  const read = { label: values.label, softmax: values.softmax };
  const idColumn = values.id ?? DEFAULT_ID_COLUMN;
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
  read: { label?: string; softmax?: boolean },
  idColumn: string,
): Promise<PairedFile> {
  const table = await readColumnsFromStream(
    inputChunks(file),
    file,
    pairedTableOptions({ ...read, totalBytes }, idColumn),
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
