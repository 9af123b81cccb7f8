import {
  compareModels,
  COMPARED_METRICS,
  Comparison,
  DEFAULT_BINS,
  DEFAULT_COMPARE_RESAMPLES,
  matchIds,
  ProbabilityMatrix,
} from '../core/calibration';
import { DataFileError } from '../core/data/dataFileError';
import { readColumnsFromStream } from '../core/data/columnReader';
import { exactColumns } from '../core/data/exactColumn';
import type { Predictions } from '../core/predictions';
import type { Io } from './main';
import { parseCliArgs } from './parseCliArgs';
import { inputChunks, withInputFile } from './inputFile';
import { integerOption, readPredictionsFile } from './predictionsInput';
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

const DEFAULT_ID_COLUMN = 'id';

/** `gamma-ce compare A B`: both models' metrics on the same rows and B − A with paired bootstrap intervals. */
export async function runCompare(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCliArgs(args, OPTIONS);
  if (positionals.length !== 2) throw new UsageError('compare takes exactly two predictions files, A and B');
  const bins = integerOption('bins', values.bins, DEFAULT_BINS, 1, 1000);
  const resamples = integerOption('resamples', values.resamples, DEFAULT_COMPARE_RESAMPLES, 1, 1_000_000);
  const seed = values.seed === undefined ? undefined : integerOption('seed', values.seed, 0, 0, 2 ** 32 - 1);
  const [fileA, fileB] = positionals;

  const read = { label: values.label, softmax: values.softmax };
  return withInputFile(fileA, io, (bytesA) =>
    withInputFile(fileB, io, async (bytesB) => {
      const a = await readPredictionsFile(fileA, bytesA, read);
      const b = await readPredictionsFile(fileB, bytesB, read);
      const idColumn =
        values.id ??
        (hasColumn(a, DEFAULT_ID_COLUMN) && hasColumn(b, DEFAULT_ID_COLUMN) ? DEFAULT_ID_COLUMN : undefined);
      const order = idColumn === undefined ? byPosition(a, b) : await byId(a, b, idColumn);
      const aligned = alignB(a, b, order);
      const comparison = compareModels(a.probs, aligned, a.labels, { bins, resamples, seed });
      const matchedBy = idColumn === undefined ? 'position' : `id column '${idColumn}'`;
      const report = { files: { a: fileA, b: fileB }, matchedBy, ...comparison };
      io.stdout(
        values.json ? `${JSON.stringify(report, null, 2)}\n` : formatComparison(fileA, fileB, matchedBy, comparison),
      );
      return 0;
    }),
  );
}

function hasColumn(p: Predictions, name: string): boolean {
  return p.ignoredColumns.some((c) => c.toLowerCase() === name.toLowerCase());
}

function byPosition(a: Predictions, b: Predictions): Int32Array {
  if (a.probs.rows !== b.probs.rows) {
    throw new DataFileError(
      b.file,
      `has ${b.probs.rows} rows and ${a.file} has ${a.probs.rows}: rows are matched by position, so both need the same rows (or name an id column with --id)`,
    );
  }
  return Int32Array.from({ length: a.probs.rows }, (_, i) => i);
}

async function byId(a: Predictions, b: Predictions, column: string): Promise<Int32Array> {
  const [idsA, idsB] = await Promise.all([readIds(a, column), readIds(b, column)]);
  const order = matchIds(idsA, idsB);
  if (!(order instanceof Int32Array)) throw new DataFileError(order.side === 'A' ? a.file : b.file, order.detail);
  return order;
}

async function readIds(p: Predictions, column: string): Promise<string[]> {
  if (p.classNames.includes(column)) {
    throw new DataFileError(
      p.file,
      `the id column '${column}' holds numbers, so it was read as the probabilities of a class`,
    );
  }
  const wanted = column.toLowerCase();
  const table = await readColumnsFromStream(inputChunks(p.file), p.file, {
    strict: true,
    columns: exactColumns((name) => name.toLowerCase() === wanted),
  });
  const id = table.columns.find((c) => c.name.toLowerCase() === wanted);
  if (!id?.text)
    throw new DataFileError(
      p.file,
      `has no id column '${column}' (columns: ${table.columns.map((c) => c.name).join(', ')})`,
    );
  const { levels, codes } = id.text;
  return Array.from(codes, (code, i) => {
    if (code < 0)
      throw new DataFileError(p.file, 'the id is missing', {
        row: table.rowNumbers[i],
        line: table.lines[i],
        column: id.name,
      });
    return levels[code];
  });
}

/** B's probabilities in A's row and class order; the labels must name the same class on every row. */
function alignB(a: Predictions, b: Predictions, order: Int32Array): ProbabilityMatrix {
  const columnOfB = a.classNames.map((name) => b.classNames.indexOf(name));
  if (a.classNames.length !== b.classNames.length || columnOfB.includes(-1)) {
    throw new DataFileError(
      b.file,
      `has the classes ${b.classNames.join(', ')}, but ${a.file} has ${a.classNames.join(', ')}`,
    );
  }
  const k = a.classNames.length;
  const data = new Float64Array(a.probs.rows * k);
  for (let i = 0; i < a.probs.rows; i++) {
    const j = order[i];
    const labelA = a.classNames[a.labels[i]];
    const labelB = b.classNames[b.labels[j]];
    if (labelA !== labelB) {
      throw new DataFileError(
        a.file,
        `the label is '${labelA}' but row ${j + 1} of ${b.file}, its match, says '${labelB}'`,
        { row: i + 1 },
      );
    }
    for (let c = 0; c < k; c++) data[i * k + c] = b.probs.data[j * k + columnOfB[c]];
  }
  return { data, rows: a.probs.rows, cols: k };
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
