import { escape } from '../shared/charts';
import { curvesHtml } from './curves';
import { datasetHtml } from './dataView';
import { sweepBaselineNote } from './form';
import { diagramsHtml, metricsTableHtml, sweepHtml } from './results';
import { legendHtml } from './runStyles';
import { labelRetryHtml } from './shell';
import { studyHtml } from './studyResults';
import type { TrainingViewState } from './viewState';

/** Every region's markup from the state: pure, so that it is tested in Node. */
export function regionsHtml(view: TrainingViewState): Record<string, string> {
  const study = view.studyResult;
  // While a study trains, the seed in training is shown as an experiment; once done, the study.
  const runs = study ? [] : view.runs;
  const finished = runs.filter((r) => r.test || r.status !== 'ok');
  const config = view.saved?.setup.config;
  const sweepNote = config?.sweep ? sweepBaselineNote(config.sweep.join(', '), config.baselines ?? []) : '';
  return {
    data: view.dataset
      ? datasetHtml(view.dataset)
      : view.datasetError?.aboutLabel
        ? labelRetryHtml(view.datasetError.label)
        : '',
    legend: legendHtml(runs),
    curves: runs.length ? curvesHtml(runs) : '',
    metrics: finished.length ? metricsTableHtml(finished) : '',
    'sweep-results': config?.sweep
      ? `${sweepNote ? `<p class="note">${escape(sweepNote)}</p>` : ''}${sweepHtml(finished)}`
      : '',
    diagrams: diagramsHtml(finished),
    study: study ? studyHtml(study, view.chosenSeed) : '',
  };
}

const shown = new Map<string, string>();

/** The one render function: the state onto the page, touching only what changed. */
export function render(view: TrainingViewState): void {
  const $ = (id: string) => document.getElementById(id)!;
  $('title').textContent = `Train with γ-CE${view.fileLabel ? ` · ${view.fileLabel}` : ''}`;
  $('summary').textContent = view.summary;
  $('error').hidden = view.datasetError === undefined;
  $('error').textContent = view.datasetError?.message ?? '';
  $('status').textContent = view.status;
  $('backend').textContent = view.backend ? `backend: ${view.backend}` : '';
  $('progress').hidden = !view.running;
  $('progress').setAttribute('value', String(view.progress));
  for (const [id, html] of Object.entries(regionsHtml(view))) {
    if (shown.get(id) === html) continue;
    shown.set(id, html);
    $(id).innerHTML = html;
  }
  $('results-section').hidden = view.runs.length === 0 && !view.studyResult;
  ($('run') as HTMLButtonElement).disabled = view.running || !view.dataset;
  ($('choose-dataset') as HTMLButtonElement).disabled = view.running;
  ($('stop') as HTMLButtonElement).disabled = !view.running;
  document
    .querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>(
      '#data select, #data input:not([data-text]), #data button',
    )
    .forEach((el) => (el.disabled = view.running));
}
