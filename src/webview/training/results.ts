import type { CalibrationReport } from '../../core/calibration';
import type { RunView } from '../../extension/training/protocol';
import { confidenceHistogramSvg, escape, Palette, reliabilityDiagramSvg } from '../shared/charts';
import { lineChartSvg, Series } from '../shared/lineChart';
import { styleKey } from '../shared/runKey';
import { isTemperatureRun, runStyles } from './runStyles';

export type MetricKey = 'accuracy' | 'ece' | 'mce' | 'adaptiveEce' | 'nll' | 'brier';
export const METRICS: Array<{ key: MetricKey; label: string; higherIsBetter: boolean }> = [
  { key: 'accuracy', label: 'Accuracy', higherIsBetter: true },
  { key: 'ece', label: 'ECE', higherIsBetter: false },
  { key: 'mce', label: 'MCE', higherIsBetter: false },
  { key: 'adaptiveEce', label: 'Adaptive ECE', higherIsBetter: false },
  { key: 'nll', label: 'NLL', higherIsBetter: false },
  { key: 'brier', label: 'Brier', higherIsBetter: false },
];

/**
 * Below this many test rows a difference is not coloured better/worse: one or two rows more or
 * less right move accuracy by whole percent and ECE as much. (Intervals would be the real answer.)
 */
export const MIN_TEST_ROWS_TO_COLOUR = 100;

/** The run the others are compared with: CE, or in a sweep the γ = 0 run (γ-CE and TaiLr at γ = 0 are CE). */
export function referenceRun(runs: RunView[]): RunView | undefined {
  const trained = runs.filter((r) => r.test && !isTemperatureRun(r));
  return (
    trained.find((r) => r.loss === 'ce') ??
    trained.find((r) => r.gamma === 0 && (r.loss === 'gamma-ce' || r.loss === 'tailr'))
  );
}

/** The test metrics of every run, each with its difference to the reference run. */
export function metricsTableHtml(runs: RunView[]): string {
  const reference = referenceRun(runs);
  const ce = reference?.test;
  const rows = Math.max(0, ...runs.map((r) => r.test?.n ?? 0));
  const coloured = rows >= MIN_TEST_ROWS_TO_COLOUR;
  const head = `<tr><th scope="col">Run</th>${METRICS.map((m) => `<th scope="col">${m.label}</th>`).join('')}<th scope="col">Epochs</th></tr>`;
  const body = runs.map((run) => {
    const cells = METRICS.map((m) => {
      if (!run.test) return '<td>—</td>';
      const value = run.test[m.key];
      if (!ce || run === reference) return `<td data-metric="${m.key}" data-value="${value}">${value.toFixed(4)}</td>`;
      const delta = value - ce[m.key];
      const better = m.higherIsBetter ? delta > 0 : delta < 0;
      // Below half the last shown digit the difference prints as ±0.0000, never as −0.0000.
      const zero = Math.abs(delta) < 5e-5;
      const cls = !coloured ? 'plain' : zero ? 'same' : better ? 'better' : 'worse';
      const sign = zero ? '±' : delta > 0 ? '+' : '−';
      return `<td data-metric="${m.key}" data-value="${value}">${value.toFixed(4)} <span class="delta ${cls}" data-delta="${delta}" title="difference to ${escape(reference!.name)}">${sign}${Math.abs(delta).toFixed(4)}</span></td>`;
    }).join('');
    const note =
      run.status === 'ok' ? '' : ` <span class="worse" title="${escape(run.message ?? '')}">${run.status}</span>`;
    const temperature = run.temperature ? ` <span class="muted">T=${run.temperature.toFixed(3)}</span>` : '';
    return `<tr><th scope="row">${escape(run.name)}${temperature}${note}</th>${cells}<td>${run.epochs}</td></tr>`;
  });
  return `<table class="metrics runs"><caption>${captionText(reference, rows, coloured)}</caption><thead>${head}</thead><tbody>${body.join('')}</tbody></table>`;
}

function captionText(reference: RunView | undefined, rows: number, coloured: boolean): string {
  const split = `Test split, ${rows} rows`;
  if (!reference)
    return `${split}. No Δ: this sweep has no γ = 0 run (cross-entropy) to compare with; add 0 to Sweep γ.`;
  const against = reference.loss === 'ce' ? 'CE' : `${escape(reference.name)}, which is cross-entropy`;
  if (!coloured) {
    return `${split}; Δ against ${against}, <strong>not coloured</strong>: ${rows} test rows are too few to tell better from worse (colours from ${MIN_TEST_ROWS_TO_COLOUR} rows on).`;
  }
  return `${split}; Δ against ${against} (green better, red worse).`;
}

/** One card per run: reliability diagram and confidence histogram of the test split; `indexOf` numbers a run for "Open in Calibration Panel". */
export function diagramsHtml(runs: RunView[], indexOf: (i: number) => number = (i) => i): string {
  const styles = runStyles(runs);
  return runs
    .map((run, i) => {
      const body = run.test
        ? runFigure(run, run.test).join('')
        : `<p class="error">${escape(run.message ?? 'no result')}</p>`;
      const open = run.test
        ? `<button type="button" class="secondary" data-open-run="${indexOf(i)}">Open in Calibration Panel</button>`
        : '';
      return `<div class="run-card"><h3>${styleKey(styles[i])}${escape(run.name)}</h3>${body}${open}</div>`;
    })
    .join('');
}

/** Card and export size: wide enough for the histogram's legend on one row, each plot area ≥ 120 px high. */
export const FIGURE = { width: 360, diagramHeight: 320, histogramHeight: 220 };

/** The run's reliability diagram and confidence histogram, each a standalone SVG of the declared size. */
export function runFigure(run: RunView, test: CalibrationReport, palette?: Palette): [string, string] {
  const meanConfidence = test.bins.reduce((s, b) => s + b.count * b.confidence, 0) / test.n;
  const diagram = reliabilityDiagramSvg(test.bins, {
    title: `${run.name} — ECE ${test.ece.toFixed(4)}`,
    xLabel: 'Confidence',
    yLabel: 'Accuracy',
    width: FIGURE.width,
    height: FIGURE.diagramHeight,
    palette,
  });
  const histogram = confidenceHistogramSvg(test.bins, test.accuracy, meanConfidence, {
    title: 'Confidence histogram',
    xLabel: 'Confidence',
    yLabel: '% of samples',
    width: FIGURE.width,
    height: FIGURE.histogramHeight,
    palette,
  });
  return [diagram, histogram];
}

/** Test accuracy and ECE against γ (log axis) for a sweep; "+ TS" runs dashed beside their γ runs. */
export function sweepHtml(runs: RunView[]): string {
  const done = runs.filter((r) => r.test && r.gamma !== null);
  const plain = done.filter((r) => !isTemperatureRun(r));
  const scaled = done.filter(isTemperatureRun);
  if (plain.length < 2) return '';
  const series = (pick: (t: CalibrationReport) => number, name: string): Series[] => [
    { name, colour: 0, points: plain.map((r) => [r.gamma!, pick(r.test!)]) },
    ...(scaled.length
      ? [
          {
            name: `${name} + TS`,
            colour: 0,
            dash: '5 3',
            points: scaled.map((r): [number, number] => [r.gamma!, pick(r.test!)]),
          },
        ]
      : []),
  ];
  const key = scaled.length
    ? `<p class="legend">${styleKey({ colour: 0, dash: '' })} γ runs ${styleKey({ colour: 0, dash: '5 3' })} after temperature scaling</p>`
    : '';
  return (
    `${key}<div class="charts-row">` +
    lineChartSvg(
      series((t) => t.accuracy, 'test accuracy'),
      { title: 'Test accuracy against γ', xLabel: 'γ (log scale)', yLabel: 'accuracy', logX: true, clamp: [0, 1] },
    ) +
    lineChartSvg(
      series((t) => t.ece, 'test ECE'),
      { title: 'Test ECE against γ', xLabel: 'γ (log scale)', yLabel: 'ECE', logX: true, clamp: [0, 1] },
    ) +
    `</div>`
  );
}
