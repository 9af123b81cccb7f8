import type { CalibrationReport } from '../../core/calibration';
import type { RunView } from '../../extension/training/protocol';
import { confidenceHistogramSvg, escape, Palette, reliabilityDiagramSvg } from '../shared/charts';
import { lineChartSvg, Series } from '../shared/lineChart';

type MetricKey = 'accuracy' | 'ece' | 'mce' | 'adaptiveEce' | 'nll' | 'brier';
const METRICS: Array<{ key: MetricKey; label: string; higherIsBetter: boolean }> = [
  { key: 'accuracy', label: 'Accuracy', higherIsBetter: true },
  { key: 'ece', label: 'ECE', higherIsBetter: false },
  { key: 'mce', label: 'MCE', higherIsBetter: false },
  { key: 'adaptiveEce', label: 'Adaptive ECE', higherIsBetter: false },
  { key: 'nll', label: 'NLL', higherIsBetter: false },
  { key: 'brier', label: 'Brier', higherIsBetter: false },
];

/** Per-epoch curves, one line per run, a run's colour fixed by its position in the plan. */
export function curvesHtml(runs: RunView[]): string {
  const series = (pick: (h: RunView['history'][number]) => number): Series[] =>
    runs.map((run, i) => ({ name: run.name, colour: i, points: run.history.map((h) => [h.epoch, pick(h)] as [number, number]) }));
  return [
    lineChartSvg(series((h) => h.trainLoss), { title: 'Training loss', xLabel: 'epoch', yLabel: 'loss' }),
    lineChartSvg(series((h) => h.valAccuracy), { title: 'Validation accuracy', xLabel: 'epoch', yLabel: 'accuracy' }),
    lineChartSvg(series((h) => h.valEce), { title: 'Validation ECE', xLabel: 'epoch', yLabel: 'ECE' }),
  ].join('');
}

export function legendHtml(runs: RunView[]): string {
  return runs.map((run, i) => `<span class="legend-item"><span class="swatch run-${i % 8}"></span>${escape(run.name)}</span>`).join('');
}

/** The test metrics of every run, with the difference to CE coloured better/worse. */
export function metricsTableHtml(runs: RunView[]): string {
  const ce = runs.find((r) => r.loss === 'ce' && !r.name.endsWith('+ TS') && r.test)?.test;
  const head = `<tr><th scope="col">Run</th>${METRICS.map((m) => `<th scope="col">${m.label}</th>`).join('')}<th scope="col">Epochs</th></tr>`;
  const rows = runs.map((run) => {
    const cells = METRICS.map((m) => {
      if (!run.test) return '<td>—</td>';
      const value = run.test[m.key];
      if (!ce || run.test === ce) return `<td data-metric="${m.key}" data-value="${value}">${value.toFixed(4)}</td>`;
      const delta = value - ce[m.key];
      const better = m.higherIsBetter ? delta > 0 : delta < 0;
      const cls = Math.abs(delta) < 5e-5 ? 'same' : better ? 'better' : 'worse';
      const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
      return `<td data-metric="${m.key}" data-value="${value}">${value.toFixed(4)} <span class="delta ${cls}" title="difference to CE">${sign}${Math.abs(delta).toFixed(4)}</span></td>`;
    }).join('');
    const note = run.status === 'ok' ? '' : ` <span class="worse" title="${escape(run.message ?? '')}">${run.status}</span>`;
    const temperature = run.temperature ? ` <span class="muted">T=${run.temperature.toFixed(3)}</span>` : '';
    return `<tr><th scope="row">${escape(run.name)}${temperature}${note}</th>${cells}<td>${run.epochs}</td></tr>`;
  });
  return `<table class="metrics runs"><caption>Test split; Δ against CE (green better, red worse)</caption><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

/** One card per run: reliability diagram and confidence histogram of the test split. */
export function diagramsHtml(runs: RunView[]): string {
  return runs
    .map((run, i) => {
      const body = run.test
        ? runFigure(run, run.test)
        : `<p class="error">${escape(run.message ?? 'no result')}</p>`;
      const open = run.test ? `<button type="button" class="secondary" data-open-run="${i}">Open in Calibration Panel</button>` : '';
      return `<div class="run-card"><h3><span class="swatch run-${i % 8}"></span>${escape(run.name)}</h3>${body}${open}</div>`;
    })
    .join('');
}

export function runFigure(run: RunView, test: CalibrationReport, palette?: Palette): string {
  const meanConfidence = test.bins.reduce((s, b) => s + b.count * b.confidence, 0) / test.n;
  const diagram = reliabilityDiagramSvg(test.bins, {
    title: `${run.name} — ECE ${test.ece.toFixed(4)}`,
    xLabel: 'Confidence',
    yLabel: 'Accuracy',
    width: 320,
    height: 280,
    palette,
  });
  const histogram = confidenceHistogramSvg(test.bins, test.accuracy, meanConfidence, {
    title: 'Confidence histogram',
    xLabel: 'Confidence',
    yLabel: '% of samples',
    width: 320,
    height: 170,
    palette,
  });
  return `${diagram}${histogram}`;
}

/** Accuracy and ECE against γ (log axis) for a sweep. */
export function sweepHtml(runs: RunView[]): string {
  const trained = runs.filter((r) => r.test && !r.name.endsWith('+ TS') && r.gamma !== null);
  if (trained.length < 2) return '';
  const points = (pick: (t: CalibrationReport) => number): Array<[number, number]> => trained.map((r) => [r.gamma!, pick(r.test!)]);
  return [
    lineChartSvg([{ name: 'test accuracy', colour: 0, points: points((t) => t.accuracy) }], { title: 'Accuracy against γ', xLabel: 'γ (log scale)', yLabel: 'accuracy', logX: true }),
    lineChartSvg([{ name: 'test ECE', colour: 1, points: points((t) => t.ece) }], { title: 'ECE against γ', xLabel: 'γ (log scale)', yLabel: 'ECE', logX: true }),
  ].join('');
}
