import type { RunReport } from '../train/types';
import { formatMetric, Metric, RUN_METRICS } from './metrics';

/** What the table needs of a run (the webview's runs lack the predictions). */
export type RunSummary = Pick<
  RunReport,
  'name' | 'loss' | 'status' | 'message' | 'temperature' | 'baseRun' | 'epochs' | 'test'
>;

export type Verdict = 'better' | 'worse' | 'same';

export interface MetricCell {
  metric: Metric;
  value: number;
  text: string;
  /** Against the reference run; absent in the reference's own row. */
  delta?: number;
  verdict?: Verdict;
}

export interface RunsTableRow {
  run: RunSummary;
  /** The name, with the fitted temperature of a temperature-scaled run. */
  label: string;
  /** Undefined when the run has no test result. */
  cells?: MetricCell[];
}

/** The test metrics of every run, and each one's difference to the reference run: the one model for every front end's table. */
export interface RunsTable {
  metrics: readonly Metric[];
  rows: RunsTableRow[];
  /** The row the deltas are against: the first trained CE run with a test result. */
  reference?: number;
}

/** Below half a unit of the last digit shown, a difference is no difference. */
const SAME = 5e-5;

/** A run that trained a model (not one that re-calibrated another run's). */
export function isTrainedRun(run: Pick<RunReport, 'baseRun'>): boolean {
  return run.baseRun === undefined;
}

export function referenceRun(runs: readonly RunSummary[]): number | undefined {
  const index = runs.findIndex((r) => r.loss === 'ce' && isTrainedRun(r) && r.test);
  return index < 0 ? undefined : index;
}

export function runsTable(runs: readonly RunSummary[]): RunsTable {
  const reference = referenceRun(runs);
  const base = reference === undefined ? undefined : runs[reference].test!;
  const rows = runs.map((run, i): RunsTableRow => {
    const label = run.temperature === undefined ? run.name : `${run.name} (T=${run.temperature.toFixed(3)})`;
    const { test } = run;
    if (!test) return { run, label };
    const cells = RUN_METRICS.map((metric): MetricCell => {
      const value = test[metric.key];
      const cell: MetricCell = { metric, value, text: formatMetric(value) };
      if (base && i !== reference) {
        const delta = value - base[metric.key];
        cell.delta = delta;
        cell.verdict =
          Math.abs(delta) < SAME ? 'same' : (metric.higherIsBetter ? delta > 0 : delta < 0) ? 'better' : 'worse';
      }
      return cell;
    });
    return { run, label, cells };
  });
  return { metrics: RUN_METRICS, rows, reference };
}

/** What stands in a row without results. */
function statusText(run: RunSummary): string {
  return `${run.status}${run.message ? `: ${run.message}` : ''}`;
}

/** The label, and the status of a run that has results but did not end well (diverged). */
function shownName(row: RunsTableRow): string {
  return row.cells && row.run.status !== 'ok' ? `${row.label} (${row.run.status})` : row.label;
}

/** Plain text, columns aligned, each line indented by two spaces. */
export function runsTableText(table: RunsTable): string[] {
  const nameWidth = Math.max(3, ...table.rows.map((row) => shownName(row).length));
  const widths = table.metrics.map((m) => Math.max(m.label.length, 6));
  const epochsWidth = Math.max(6, ...table.rows.map((row) => String(row.run.epochs).length));
  const line = (name: string, cells: string[], epochs: string) =>
    `  ${name.padEnd(nameWidth)}  ${cells.map((c, j) => c.padStart(widths[j])).join('  ')}  ${epochs.padStart(epochsWidth)}`;
  return [
    line(
      'Run',
      table.metrics.map((m) => m.label),
      'Epochs',
    ),
    ...table.rows.map((row) =>
      row.cells
        ? line(
            shownName(row),
            row.cells.map((c) => c.text),
            String(row.run.epochs),
          )
        : `  ${shownName(row).padEnd(nameWidth)}  ${statusText(row.run)}`,
    ),
  ];
}

/** A Markdown table. */
export function runsTableMarkdown(table: RunsTable): string[] {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const columns = table.metrics.length + 2;
  return [
    `| Run | ${table.metrics.map((m) => m.label).join(' | ')} | Epochs |`,
    `|---|${'---:|'.repeat(columns - 1)}`,
    ...table.rows.map((row) => {
      const name = cell(shownName(row));
      if (!row.cells) return `| ${name} | ${cell(statusText(row.run))} |${' |'.repeat(columns - 2)}`;
      return `| ${name} | ${row.cells.map((c) => c.text).join(' | ')} | ${row.run.epochs} |`;
    }),
  ];
}
