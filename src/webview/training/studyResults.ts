/** A seed study's results: the summary table, the curves as mean and band, the noise sweep, one seed's diagrams, the notes. */
import { excludesZero, meanInterval, medianSeed, StudySummary } from '../../core/stats/summary';
import type { StudyView } from '../../extension/training/protocol';
import { escape } from '../shared/charts';
import { lineChartSvg, Series } from '../shared/lineChart';
import { diagramsHtml, METRICS } from './results';
import { styleKey } from '../shared/runKey';
import { runStyles } from './runStyles';

type StudyRun = StudyView['runs'][number];
type Epoch = StudyRun['history'][number];

/** The run names in the order of one seed's experiment. */
export function studyRunNames(study: Pick<StudyView, 'runs'>): string[] {
  return [...new Set(study.runs.map((r) => r.name))];
}

/** The runs of one seed (and noise rate), as one experiment's runs: their styles and TS links hold. */
function seedRuns(study: StudyView, seed: number, noise?: number): StudyRun[] {
  return study.runs.filter((r) => r.seed === seed && r.noise === noise);
}

/** Styles by run name, from the first seed's runs (every seed has the same runs in the same order). */
function stylesByName(study: StudyView) {
  const first = seedRuns(study, study.seeds[0], study.noiseSweep?.[0]?.noise);
  const styles = runStyles(first);
  return new Map(first.map((r, i) => [r.name, styles[i]]));
}

const fixed = (v: number) => v.toFixed(4);
const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v).toFixed(4)}`;

/**
 * Mean ± half-width of every run and test metric, and under each the paired difference against the
 * reference run with its interval, coloured only when the interval excludes 0.
 */
export function studySummaryHtml(summary: StudySummary, reference: string | null, caption: string): string {
  const head = `<tr><th scope="col">Run</th>${METRICS.map((m) => `<th scope="col">${m.label}</th>`).join('')}</tr>`;
  const body = Object.entries(summary.runs).map(([name, metrics]) => {
    const diff = summary.differences[name]?.vsCE;
    const cells = METRICS.map((m) => {
      const s = metrics[m.key];
      if (s.mean === null) return '<td>—</td>';
      const half = s.low !== null && s.high !== null ? ` ± ${fixed((s.high - s.low) / 2)}` : '';
      const d = diff?.[m.key];
      let delta = '';
      if (d && d.mean !== null) {
        const clear = excludesZero(d);
        const better = m.higherIsBetter ? d.mean > 0 : d.mean < 0;
        const cls = clear ? (better ? 'better' : 'worse') : 'plain';
        const interval = d.low !== null && d.high !== null ? ` [${signed(d.low)}, ${signed(d.high)}]` : '';
        delta = `<br><span class="delta ${cls}" data-delta="${d.mean}" data-clear="${clear}">Δ ${signed(d.mean)}${interval}</span>`;
      }
      return `<td data-metric="${m.key}" data-mean="${s.mean}">${fixed(s.mean)}${half}${delta}</td>`;
    }).join('');
    return `<tr><th scope="row">${escape(name)}${name === reference ? ' <span class="muted">(reference)</span>' : ''}</th>${cells}</tr>`;
  });
  return `<table class="metrics runs study"><caption>${caption}</caption><thead>${head}</thead><tbody>${body.join('')}</tbody></table>`;
}

/** The caption's statement of the method. */
export function summaryCaption(study: StudyView, noise?: number): string {
  const n = study.seeds.length;
  const against = study.reference ? `against ${escape(study.reference)}` : 'none: no CE run';
  const at = noise === undefined ? '' : ` at training-label noise ${noise}`;
  return (
    `Test split over ${n} seeds${at}: mean ± half-width of the 95 % interval (Student t over seeds, t(0.975, ${n - 1})·sd/√${n}). ` +
    `Δ: the paired difference per seed ${against}, with its 95 % interval; coloured only when the interval excludes 0.`
  );
}

/** Mean and 95 % band over seeds of one per-epoch value, at each epoch some seed reached. */
export function meanBand(histories: Epoch[][], pick: (h: Epoch) => number): Array<[number, number, number]> {
  const epochs = new Map<number, number[]>();
  for (const history of histories)
    for (const h of history) {
      const values = epochs.get(h.epoch) ?? [];
      values.push(pick(h));
      epochs.set(h.epoch, values);
    }
  return [...epochs]
    .sort((a, b) => a[0] - b[0])
    .map(([epoch, values]) => {
      const m = meanInterval(values);
      return [epoch, m.low ?? m.mean!, m.high ?? m.mean!] as [number, number, number];
    });
}

/** Validation curves of every trained run: the mean over seeds with its 95 % band. */
export function studyCurvesHtml(study: StudyView, noise?: number): string {
  const styles = stylesByName(study);
  const names = studyRunNames(study).filter((name) =>
    study.runs.some((r) => r.name === name && r.noise === noise && r.history.length),
  );
  const chart = (title: string, yLabel: string, pick: (h: Epoch) => number, clamp: [number, number]) => {
    const series: Series[] = names.map((name) => {
      const histories = study.runs.filter((r) => r.name === name && r.noise === noise).map((r) => r.history);
      const band = meanBand(histories, pick);
      const style = styles.get(name) ?? { colour: 0, dash: '' };
      const means = band.map(([epoch]) => {
        const values = histories.flatMap((h) => h.filter((e) => e.epoch === epoch).map(pick));
        return [epoch, values.reduce((s, v) => s + v, 0) / values.length] as [number, number];
      });
      return { name, colour: style.colour, dash: style.dash, points: means, band };
    });
    return lineChartSvg(series, { title, xLabel: 'epoch', yLabel, clamp });
  };
  return (
    `<div class="charts-row" id="study-curves">` +
    chart('Validation accuracy (mean, 95 % band)', 'accuracy', (h) => h.valAccuracy, [0, 1]) +
    chart('Validation ECE (mean, 95 % band)', 'ECE', (h) => h.valEce, [0, 1]) +
    chart('Validation NLL (mean, 95 % band)', 'NLL', (h) => h.valNll, [0, Infinity]) +
    `</div>`
  );
}

/** Test accuracy and ECE against the training-label noise rate, per run: mean and 95 % band over seeds. */
export function noiseSweepHtml(study: StudyView): string {
  const sweep = study.noiseSweep;
  if (!sweep || sweep.length < 2) return '';
  const styles = stylesByName(study);
  const names = Object.keys(sweep[0].summary.runs);
  const chart = (metric: 'accuracy' | 'ece', title: string) =>
    lineChartSvg(
      names.map((name) => {
        const style = styles.get(name) ?? { colour: 0, dash: '' };
        const at = sweep.flatMap(({ noise, summary }) => {
          const s = summary.runs[name]?.[metric];
          return s && s.mean !== null ? [{ noise, mean: s.mean, low: s.low ?? s.mean, high: s.high ?? s.mean }] : [];
        });
        return {
          name,
          colour: style.colour,
          dash: style.dash,
          points: at.map((p): [number, number] => [p.noise, p.mean]),
          band: at.map((p): [number, number, number] => [p.noise, p.low, p.high]),
        };
      }),
      { title, xLabel: 'training-label noise rate', yLabel: metric === 'ece' ? 'ECE' : 'accuracy', clamp: [0, 1] },
    );
  return `<div class="charts-row" id="noise-sweep-charts">${chart('accuracy', 'Test accuracy against label noise')}${chart('ece', 'Test ECE against label noise')}</div>`;
}

/** The seed whose diagrams are shown by default: the median seed of the reference run's test ECE. */
export function defaultSeed(study: StudyView, noise?: number): number {
  const runs = study.runs.filter((r) => r.noise === noise);
  const name = study.reference ?? runs[0]?.name;
  return (name === undefined ? null : medianSeed(runs, name, 'ece')) ?? study.seeds[0];
}

/** The chosen seed's reliability diagrams, with the seed picker. */
export function seedDiagramsHtml(study: StudyView, seed: number, noise?: number): string {
  const runs = seedRuns(study, seed, noise);
  const median = defaultSeed(study, noise);
  const options = study.seeds
    .map(
      (s) =>
        `<option value="${s}"${s === seed ? ' selected' : ''}>seed ${s}${s === median ? ' (median ECE)' : ''}</option>`,
    )
    .join('');
  const picker = `<div class="field"><label for="study-seed">Reliability diagrams of</label><select id="study-seed">${options}</select></div>`;
  const indices = runs.map((r) => study.runs.indexOf(r));
  return `${picker}<div class="run-grid">${diagramsHtml(runs, (i) => indices[i])}</div>`;
}

/** The method, the clean-vs-noisy note and one sentence per run on what the seeds support. */
export function studyNotesHtml(study: StudyView): string {
  const clean = study.cleanNote ? `<p class="note" id="clean-note">${escape(study.cleanNote)}</p>` : '';
  const evidence = study.evidence
    ? `<ul class="evidence">${Object.values(study.evidence)
        .map((s) => `<li>${escape(s)}</li>`)
        .join('')}</ul>`
    : '';
  return `${clean}${evidence}<p class="muted">Intervals: ${escape(study.method)}.</p>`;
}

/** Every part of a study's results, in reading order. */
export function studyHtml(study: StudyView, seed: number | undefined): string {
  const sweep = study.noiseSweep;
  const lastNoise = sweep?.at(-1)?.noise;
  const tables = sweep
    ? sweep
        .map(
          ({ noise, summary }, i) =>
            `<details${i === sweep.length - 1 ? ' open' : ''}><summary>Noise ${noise}</summary>${studySummaryHtml(summary, study.reference, summaryCaption(study, noise))}</details>`,
        )
        .join('')
    : study.summary
      ? studySummaryHtml(study.summary, study.reference, summaryCaption(study))
      : '';
  const legend = [...stylesByName(study)]
    .map(([name, style]) => `<span class="legend-item">${styleKey(style)}${escape(name)}</span>`)
    .join('');
  const curvesNote = sweep ? `<p class="muted">Curves and diagrams at noise ${lastNoise}.</p>` : '';
  return (
    `<h3>Over ${study.seeds.length} seeds</h3>${studyNotesHtml(study)}${tables}${noiseSweepHtml(study)}` +
    `<div class="legend">${legend}</div>${curvesNote}${studyCurvesHtml(study, lastNoise)}` +
    seedDiagramsHtml(study, seed ?? defaultSeed(study, lastNoise), lastNoise)
  );
}
