import type { RepetitionStats } from '../../core/lm/repetition';
import type { LmHistoryPoint } from '../../core/lm/run';
import type { LmRunView } from '../../extension/lm/protocol';
import { confidenceHistogramSvg, escape, reliabilityDiagramSvg } from '../shared/charts';
import { lineChartSvg } from '../shared/lineChart';
import { styleKey } from '../shared/runKey';
import type { LmViewState } from './viewState';

const ORDERS = ['2', '3', '4'];
const FIGURE = { width: 340, diagramHeight: 300, histogramHeight: 210 };

/** Run i in run colour i everywhere; the second dashed, so that it never hides the first where they agree. */
const style = (i: number) => ({ colour: i, dash: i === 0 ? '' : '6 3' });
const key = (i: number) => styleKey(style(i));

/**
 * Held-out bits/char share one axis (the same measure for every run); the training losses do not
 * (TaiLr's weighted loss is not cross-entropy), so each run's loss has a chart of its own.
 */
export function curvesHtml(names: string[], live: LmHistoryPoint[][]): string {
  const series = (pick: (p: LmHistoryPoint) => number) =>
    names.map((name, i) => ({
      name,
      ...style(i),
      points: (live[i] ?? []).map((p) => [p.step, pick(p)] as [number, number]),
    }));
  const bits = lineChartSvg(
    series((p) => p.bitsPerChar),
    {
      title: 'Held-out bits per character',
      xLabel: 'step',
      yLabel: 'bits/char',
      width: 360,
      clamp: [0, Infinity],
    },
  );
  const losses = names.map((name, i) =>
    lineChartSvg([series((p) => p.trainLoss)[i]], {
      title: `${name}: training loss (own scale)`,
      xLabel: 'step',
      yLabel: 'loss',
      width: 260,
      clamp: [0, Infinity],
    }),
  );
  const legend = names.map((name, i) => `<span class="legend-item">${key(i)}${escape(name)}</span>`).join('');
  return `<div class="legend">${legend}</div><div class="charts-row" id="lm-curves">${bits}${losses.join('')}</div>`;
}

export function metricsHtml(view: LmViewState): string {
  const head =
    '<tr><th scope="col">Run</th><th scope="col">bits/char</th><th scope="col">Perplexity</th><th scope="col">Next-char accuracy</th><th scope="col">ECE</th><th scope="col">ms/step</th></tr>';
  const rows = view.runs.map((run, i) => {
    const t = run.test;
    const name = `${key(i)}${escape(run.name)}${run.loss === 'ce' ? '' : ` <span class="muted">γ=${run.gamma}${run.threshold === null ? '' : `, b=${run.threshold}`}</span>`}`;
    if (!t)
      return `<tr><th scope="row">${name}</th><td colspan="5" class="worse">${escape(run.status)}${run.message ? `: ${escape(run.message)}` : ''}</td></tr>`;
    return (
      `<tr data-run="${i}"><th scope="row">${name}</th><td data-metric="bitsPerChar">${t.bitsPerChar.toFixed(3)}</td>` +
      `<td>${t.perplexity.toFixed(2)}</td><td>${t.accuracy.toFixed(3)}</td><td data-metric="ece">${t.ece.toFixed(4)}</td><td>${run.stepMs.toFixed(0)}</td></tr>`
    );
  });
  const u = view.reference?.unigramBitsPerChar;
  const reference =
    u === undefined
      ? ''
      : `<tr class="reference"><th scope="row">unigram entropy of the text</th><td>${u.toFixed(3)}</td><td>${(2 ** u).toFixed(2)}</td><td colspan="3" class="muted">a model that ignores the context</td></tr>`;
  const n = view.runs.find((r) => r.test)?.test?.n ?? 0;
  const caption = `Held-out text (the last 10 % of each file): ${n} characters scored${view.backend ? `; backend ${escape(view.backend)}` : ''}.`;
  return `<table class="metrics lm-metrics"><caption>${caption}</caption><thead>${head}</thead><tbody>${rows.join('')}${reference}</tbody></table>`;
}

/** One card per run: the next-character reliability diagram and confidence histogram (top label). */
export function diagramsHtml(runs: LmRunView[], restored = false): string {
  return runs
    .map((run, i) => {
      const t = run.test;
      if (!t)
        return `<div class="run-card"><h3>${key(i)}${escape(run.name)}</h3><p class="error">${escape(run.message ?? run.status)}</p></div>`;
      const meanConfidence = t.bins.reduce((s, b) => s + b.count * b.confidence, 0) / Math.max(1, t.n);
      const diagram = reliabilityDiagramSvg(t.bins, {
        title: `${run.name} — next-character ECE ${t.ece.toFixed(4)}`,
        xLabel: 'Confidence (top character)',
        yLabel: 'Accuracy',
        width: FIGURE.width,
        height: FIGURE.diagramHeight,
      });
      const histogram = confidenceHistogramSvg(t.bins, t.accuracy, meanConfidence, {
        title: 'Confidence histogram',
        xLabel: 'Confidence',
        yLabel: '% of characters',
        width: FIGURE.width,
        height: FIGURE.histogramHeight,
      });
      const open = restored
        ? '<p class="muted">Run again to open these predictions in the calibration panel (they are not kept across reloads).</p>'
        : `<button type="button" class="secondary" data-open-run="${i}">Open in Calibration Panel</button>`;
      return `<div class="run-card"><h3>${key(i)}${escape(run.name)}</h3>${diagram}${histogram}${open}</div>`;
    })
    .join('');
}

function repetitionCells(r: RepetitionStats | null): string {
  if (!r) return '<td colspan="6">—</td>';
  return [...ORDERS.map((n) => r.rep[n]), ...ORDERS.map((n) => r.distinct[n])]
    .map((v) => `<td>${v === undefined ? '—' : v.toFixed(3)}</td>`)
    .join('');
}

export function repetitionHtml(view: LmViewState): string {
  const head = `<tr><th scope="col">Text</th>${ORDERS.map((n) => `<th scope="col">rep-${n}</th>`).join('')}${ORDERS.map((n) => `<th scope="col">distinct-${n}</th>`).join('')}</tr>`;
  const rows = view.runs.map(
    (run, i) => `<tr><th scope="row">${key(i)}${escape(run.name)} samples</th>${repetitionCells(run.repetition)}</tr>`,
  );
  const ref = view.reference
    ? `<tr class="reference"><th scope="row">held-out text (reference)</th>${repetitionCells(view.reference.repetition)}</tr>`
    : '';
  return (
    `<table class="metrics lm-repetition"><caption>Repetition of words in the samples: rep-n is the fraction of repeated n-grams (Welleck et al. 2020; lower is less degenerate), distinct-n the fraction of distinct n-grams over all samples. The held-out text, in pieces of the samples' length, is the reference.</caption>` +
    `<thead>${head}</thead><tbody>${rows.join('')}${ref}</tbody></table>`
  );
}

/** Samples from the same prompts and seeds, one column per run. */
export function samplesHtml(runs: LmRunView[]): string {
  const prompts = runs[0]?.prompts ?? [];
  if (!prompts.length) return '';
  const head = `<tr><th scope="col">Prompt</th>${runs.map((r, i) => `<th scope="col">${key(i)}${escape(r.name)}</th>`).join('')}</tr>`;
  const rows = prompts.map(
    (prompt, p) =>
      `<tr><td class="prompt">${escape(prompt)}</td>${runs.map((r) => `<td class="sample"><span class="prompt-echo">${escape(prompt)}</span>${escape(r.samples[p] ?? '')}</td>`).join('')}</tr>`,
  );
  return `<table class="samples"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}
