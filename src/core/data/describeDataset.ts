import type { ColumnSummary, EncodedDataset } from './dataset';
import type { DatasetSchema } from './schema';
import type { SplitFractions } from './split';

/** What `gamma-ce inspect --json` prints: the dataset without its tensors. */
export interface DatasetReport {
  file: string;
  format: string;
  delimiter?: string;
  rows: { read: number; used: number; skipped: number; missingLabels: number };
  label: string;
  classes: Array<{ name: string; count: number }>;
  columns: ColumnSummary[];
  features: number;
  featureNames: string[];
  splits: { seed: number; fractions: SplitFractions; train: number; validation: number; test: number };
  noise: { rate: number; flipped: number };
  warnings: string[];
  schema: DatasetSchema;
}

export function datasetReport(d: EncodedDataset): DatasetReport {
  const { summary } = d;
  return {
    file: d.file,
    format: summary.format,
    ...(summary.delimiter !== undefined ? { delimiter: summary.delimiter } : {}),
    rows: {
      read: summary.rowsRead,
      used: summary.rowsUsed,
      skipped: summary.skippedRows,
      missingLabels: summary.missingLabels,
    },
    label: d.schema.label,
    classes: d.classNames.map((name, k) => ({ name, count: summary.classCounts[k] })),
    columns: summary.columns,
    features: d.features,
    featureNames: d.featureNames,
    splits: { seed: d.seed, fractions: d.split, train: d.train.rows, validation: d.validation.rows, test: d.test.rows },
    noise: d.noise,
    warnings: d.warnings,
    schema: d.schema,
  };
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** A plain-text account of the dataset: for the CLI and the extension's log. */
export function formatDatasetReport(r: DatasetReport): string {
  const format =
    r.format.toUpperCase() +
    (r.delimiter !== undefined ? ` (${DELIMITER_NAMES[r.delimiter] ?? r.delimiter}-separated)` : '');
  const labelColumn = r.columns.find((c) => c.role === 'label');
  const lines = [
    `${r.file}: ${format}, ${r.rows.read} rows, ${r.columns.length} columns`,
    `label column '${r.label}'${labelColumn?.reason ? ` (${labelColumn.reason.replace(/^label: /, '')})` : ''}, ${r.classes.length} classes:`,
    ...table(
      ['class', 'rows'],
      r.classes.map((c) => [c.name, String(c.count)]),
      [false, true],
    ),
    '',
    'columns:',
    ...table(
      ['name', 'role', 'type', 'missing', 'distinct', 'features', 'note'],
      r.columns.map((c) => [
        c.name,
        c.role,
        c.type,
        String(c.missing),
        c.distinct === undefined ? '>1000' : String(c.distinct),
        String(c.features),
        c.role === 'label' ? '' : (c.reason ?? ''),
      ]),
      [false, false, false, true, true, true, false],
    ),
    '',
    `${r.features} features after encoding (numeric columns standardised with training statistics, categorical one-hot)`,
    `split (seed ${r.splits.seed}, ${percent(r.splits.fractions.train)}/${percent(r.splits.fractions.validation)}/${percent(r.splits.fractions.test)} stratified): ` +
      `train ${r.splits.train}, validation ${r.splits.validation}, test ${r.splits.test}`,
  ];
  if (r.noise.rate > 0) lines.push(`label noise on train: rate ${r.noise.rate}, ${r.noise.flipped} labels flipped`);
  if (r.rows.skipped > 0 || r.rows.missingLabels > 0) {
    lines.push(
      `rows used: ${r.rows.used} of ${r.rows.read + r.rows.skipped} (${r.rows.skipped} ragged, ${r.rows.missingLabels} without a label)`,
    );
  }
  if (r.warnings.length) lines.push('', 'warnings:', ...r.warnings.map((w) => `  - ${w}`));
  return `${lines.join('\n')}\n`;
}

function percent(fraction: number): string {
  return String(Math.round(fraction * 1000) / 10);
}

function table(header: string[], rows: string[][], right: boolean[]): string[] {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) =>
    `  ${cells.map((c, j) => (right[j] ? c.padStart(widths[j]) : c.padEnd(widths[j]))).join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)];
}
