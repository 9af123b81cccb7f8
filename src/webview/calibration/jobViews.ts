import { COMPARED_METRICS, ComparedMetric, ClassRow } from '../../core/calibration';
import type { CalibrationJob } from '../../extension/calibration/protocol';
import { escape, reliabilityDiagramSvg } from '../shared/charts';
import type { ClassSortKey, PanelState } from './state';

const fmt = (v: number) => v.toFixed(4);
const signed = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(4)}`;

const METRIC_NAMES: Record<ComparedMetric, string> = {
  accuracy: 'Accuracy',
  ece: 'ECE',
  smoothEce: 'Smooth ECE',
  nll: 'NLL',
  brier: 'Brier',
};
const RECAL_METRICS = ['ece', 'smoothEce', 'nll', 'brier', 'accuracy'] as const;
const JOB_NAMES: Record<CalibrationJob, string> = {
  interval: 'ECE interval',
  smooth: 'Smooth ECE interval and band',
  recalibrate: 'Cross-validating',
  compare: 'Paired bootstrap',
};

/** A job's progress bar with its Cancel button, or why it stopped. */
export function jobStatus(state: PanelState, job: CalibrationJob): string {
  const s = state.jobs[job];
  if (!s) return '';
  if (s.running) {
    const pct = Math.round(s.fraction * 100);
    return `<span>${JOB_NAMES[job]}… ${pct}%</span> <progress max="100" value="${pct}" aria-label="${JOB_NAMES[job]}"></progress> <button type="button" class="secondary" data-cancel="${job}">Cancel</button>`;
  }
  if (s.failed) return `<span class="error-text" role="alert">${escape(s.failed)}</span>`;
  return s.cancelled ? '<span class="muted">Cancelled.</span>' : '';
}

/** Recalibrate…: cross-validated before/after, warnings, and the two diagrams side by side. */
export function recalibrationResult(state: PanelState): string {
  const r = state.recalibration;
  if (!r) return '<p class="muted">Fits on k − 1 folds and measures on the held-out fold, for every fold.</p>';
  const better = (k: (typeof RECAL_METRICS)[number], d: number) =>
    d === 0 ? 'same' : (k === 'accuracy' ? d > 0 : d < 0) ? 'better' : 'worse';
  const rows = RECAL_METRICS.map((k) => {
    const d = r.after[k] - r.before[k];
    return `<tr><th scope="row">${METRIC_NAMES[k]}</th><td>${fmt(r.before[k])}</td><td id="recal-after-${k}" data-value="${r.after[k]}">${fmt(r.after[k])}</td><td><span class="${better(k, d)}">${signed(d)}</span></td></tr>`;
  }).join('');
  const fitted =
    r.calibrator.method === 'temperature'
      ? `T = ${r.calibrator.temperature.toPrecision(6)}`
      : r.calibrator.method === 'histogram'
        ? `${r.calibrator.bins} bins`
        : `${r.calibrator.x.length} points`;
  const warnings = r.warnings.map((w) => `<p class="warning" role="status">${escape(w)}</p>`).join('');
  const labels = { xLabel: 'Confidence (max probability)', yLabel: 'Accuracy' };
  return (
    `<table class="metrics compact" aria-label="Before and after recalibration"><caption>${r.folds}-fold cross-validated; fitted on the whole file: ${escape(fitted)}</caption>` +
    `<thead><tr><th scope="col">Metric</th><th scope="col">Before</th><th scope="col">After</th><th scope="col">Change</th></tr></thead><tbody>${rows}</tbody></table>` +
    warnings +
    `<div class="charts-row"><figure>${reliabilityDiagramSvg(r.beforeBins, { ...labels, title: 'Before', width: 360, height: 300 })}</figure>` +
    `<figure>${reliabilityDiagramSvg(r.afterBins, { ...labels, title: `After (${r.method}, out of fold)`, width: 360, height: 300 })}</figure></div>`
  );
}

const LOWER_IS_BETTER: Record<ComparedMetric, boolean> = {
  accuracy: false,
  ece: true,
  smoothEce: true,
  nll: true,
  brier: true,
};

/** Compare with…: A, B and B − A with its paired interval, coloured only when the interval excludes 0. */
export function comparisonResult(state: PanelState): string {
  const c = state.comparison;
  if (!c)
    return '<p class="muted">B must hold predictions for the same examples (matched by an id column, else by position).</p>';
  const { comparison: k } = c;
  const rows = COMPARED_METRICS.map((m) => {
    const d = k.differences[m];
    const excludesZero = d.low > 0 || d.high < 0;
    const cls = !excludesZero ? 'same' : d.mean < 0 === LOWER_IS_BETTER[m] ? 'better' : 'worse';
    return `<tr><th scope="row">${METRIC_NAMES[m]}</th><td>${fmt(k.a[m])}</td><td>${fmt(k.b[m])}</td><td id="diff-${m}" class="${cls}" data-excludes-zero="${excludesZero}">${signed(d.mean)}</td><td>[${signed(d.low)}, ${signed(d.high)}]</td></tr>`;
  }).join('');
  return (
    `<table class="metrics compact" aria-label="Paired comparison"><caption>B: ${escape(c.fileB)} · ${k.rows.toLocaleString()} rows matched by ${escape(c.matchedBy)} · paired bootstrap, ${k.resamples} resamples, ${k.bins} bins</caption>` +
    `<thead><tr><th scope="col">Metric</th><th scope="col">A</th><th scope="col">B</th><th scope="col">B − A</th><th scope="col">${Math.round(k.level * 100)}% interval</th></tr></thead><tbody>${rows}</tbody></table>` +
    '<p class="muted">Coloured only where the interval excludes 0. B is drawn over the diagram above.</p>'
  );
}

const CLASS_COLUMNS: Array<[ClassSortKey, string]> = [
  ['class', 'Class'],
  ['support', 'Support'],
  ['accuracy', 'Accuracy'],
  ['ece', 'One-vs-rest ECE'],
  ['contribution', 'Share of classwise ECE'],
];

/** The rows in the table's order. */
export function sortClasses(rows: readonly ClassRow[], sort: PanelState['classSort']): ClassRow[] {
  const value = (r: ClassRow) => (sort.key === 'class' ? r.classIndex : (r[sort.key] ?? -1));
  return [...rows].sort(
    (a, b) => (sort.descending ? value(b) - value(a) : value(a) - value(b)) || a.classIndex - b.classIndex,
  );
}

/** The class × metric table; a row's button shows that class's one-vs-rest diagram. */
export function classTable(rows: readonly ClassRow[], names: readonly string[], state: PanelState): string {
  const { classSort: sort } = state;
  const head = CLASS_COLUMNS.map(([key, label]) => {
    const aria = sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none';
    const arrow = sort.key === key ? (sort.descending ? ' ▾' : ' ▴') : '';
    return `<th scope="col" aria-sort="${aria}"><button type="button" class="link" data-sort="${key}">${label}${arrow}</button></th>`;
  }).join('');
  const body = sortClasses(rows, sort)
    .map((r) => {
      const selected = state.settings.classIndex === r.classIndex;
      return (
        `<tr${selected ? ' class="selected"' : ''}><th scope="row"><button type="button" class="link" data-class="${r.classIndex}" aria-pressed="${selected}">${escape(names[r.classIndex])}</button></th>` +
        `<td>${r.support.toLocaleString()}</td><td>${r.accuracy === null ? '—' : fmt(r.accuracy)}</td><td>${fmt(r.ece)}</td><td>${fmt(r.contribution)}</td></tr>`
      );
    })
    .join('');
  return `<thead><tr>${head}</tr></thead><tbody>${body}</tbody>`;
}
