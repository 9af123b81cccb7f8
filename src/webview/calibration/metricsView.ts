import type { Convention } from '../../core/calibration';
import { escape } from '../shared/charts';
import type { CalibrationModel, ViewResult } from './model';
import type { PanelState } from './state';

const fmt = (v: number) => v.toFixed(4);

/** What each convention bins differently from ours, for the note under the select. */
export const CONVENTION_NOTES: Record<Convention, string> = {
  guo: 'Ours (Guo et al. 2017): the top label, M equal-width bins closed on the right ((m−1)/M < c ≤ m/M), float64.',
  torchmetrics:
    'torchmetrics 1.9: float32 arithmetic; bins closed on the left on torch.linspace edges, so a confidence of 1.0 falls in an extra bin [1, 1]; two columns are its binary task (p₁ against the label).',
  netcal:
    'netcal 1.3: probabilities clipped to [ε, 1 − ε]; bins closed on the left on numpy.linspace edges; labels with at most two values are its binary problem (p₁ against the label).',
};

export const CONVENTION_LABELS: Record<Convention, string> = {
  guo: 'ours',
  torchmetrics: 'torchmetrics',
  netcal: 'netcal',
};

type Row = [id: string, name: string, html: string, value: number, note?: string];

/** The metrics table: every number with its definition; intervals once their jobs are done. */
export function metricsTable(state: PanelState, result: ViewResult, model: CalibrationModel): string {
  const r = result.report;
  const { settings } = state;
  const interval = state.intervalBins === settings.bins ? state.eceInterval : undefined;
  const pending = '<span class="muted">± …</span>';
  const ece = interval ? `${fmt(r.ece)} ± ${fmt(interval.halfWidth)}` : `${fmt(r.ece)} ${pending}`;
  const job = state.jobs.interval;
  const eceNote = interval
    ? `95% bootstrap CI ${fmt(interval.low)}–${fmt(interval.high)} (${interval.resamples} resamples)`
    : job && !job.running && (job.failed || job.cancelled)
      ? `no bootstrap interval: ${job.failed ? 'it failed' : 'cancelled'}`
      : 'bootstrap interval being computed off the extension host';
  const smooth = state.smooth?.interval;
  const smoothHtml = smooth ? `${fmt(r.smoothEce)} ± ${fmt(smooth.halfWidth)}` : `${fmt(r.smoothEce)} ${pending}`;
  const smoothNote =
    `Błasiok & Nakkiran's kernel-smoothed ECE (relplot), σ* = ${r.smoothEceSigma.toFixed(4)}; ` +
    (smooth
      ? `95% bootstrap CI ${fmt(smooth.low)}–${fmt(smooth.high)} (${smooth.resamples} resamples, σ* chosen on each)`
      : 'bootstrap interval being computed off the extension host');
  const rows: Row[] = [
    ['ece', 'ECE', ece, r.ece, `${settings.bins} equal-width bins, top-label; ${eceNote}`],
    ['smooth-ece', 'Smooth ECE', smoothHtml, r.smoothEce, smoothNote],
    ['mce', 'MCE', fmt(r.mce), r.mce, 'largest bin gap'],
    ['adaptive-ece', 'Adaptive ECE', fmt(r.adaptiveEce), r.adaptiveEce, `${settings.bins} equal-mass bins`],
    ['classwise-ece', 'Classwise ECE', fmt(r.classwiseEce), r.classwiseEce, 'mean one-vs-rest ECE over classes'],
    ['brier', 'Brier', fmt(r.brier), r.brier, 'Σₖ (pₖ − yₖ)², mean over rows'],
    ['nll', 'NLL', fmt(r.nll), r.nll, '−log p(y), mean over rows'],
    ['accuracy', 'Accuracy', fmt(r.accuracy), r.accuracy],
    ['n', 'N', r.n.toLocaleString(), r.n],
  ];
  if (settings.convention !== 'guo')
    rows.splice(1, 0, ...conventionRows(settings.convention, settings.bins, r.ece, model));
  if (result.classIndex >= 0 || settings.scheme === 'equal-mass') {
    rows.unshift(['view-ece', 'Diagram ECE', fmt(result.viewEce), result.viewEce, result.description]);
  }
  return (
    `<thead><tr><th scope="col">Metric</th><th scope="col">Value</th><th scope="col">Notes</th></tr></thead><tbody>` +
    rows
      .map(
        ([id, name, html, value, note]) =>
          `<tr><th scope="row">${escape(name)}</th><td id="metric-${id}" data-value="${value}">${html}</td><td class="muted">${escape(note ?? '')}</td></tr>`,
      )
      .join('') +
    '</tbody>'
  );
}

function conventionRows(convention: Convention, bins: number, ours: number, model: CalibrationModel): Row[] {
  const name = CONVENTION_LABELS[convention];
  const result = model.convention(convention, bins);
  if ('problem' in result) {
    return [['convention-ece', `ECE (${name})`, '—', NaN, `${name} would refuse this file: ${result.problem}`]];
  }
  const delta = result.ece - ours;
  const binsNote = `${result.bins.length} bins${result.task === 'binary' ? ', binary task' : ', top label'}`;
  return [
    [
      'convention-ece',
      `ECE (${name})`,
      fmt(result.ece),
      result.ece,
      `${binsNote}; ${delta === 0 ? 'the same as ours' : `${delta > 0 ? '+' : '−'}${Math.abs(delta).toExponential(2)} from ours`}`,
    ],
    ['convention-mce', `MCE (${name})`, fmt(result.mce), result.mce, binsNote],
  ];
}
