import { escape } from '../shared/charts';
import { byId } from '../shared/dom';
import { showRegions, showStatus } from '../shared/panelShell';
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
  byId('title').textContent = `Train with γ-CE${view.fileLabel ? ` · ${view.fileLabel}` : ''}`;
  byId('summary').textContent = view.summary;
  byId('error').hidden = view.datasetError === undefined;
  byId('error').textContent = view.datasetError?.message ?? '';
  showStatus(view.status, view.running, view.progress);
  byId('backend').textContent = view.backend ? `backend: ${view.backend}` : '';
  showRegions(regionsHtml(view), shown);
  byId('results-section').hidden = view.runs.length === 0 && !view.studyResult;
  byId<HTMLButtonElement>('run').disabled = view.running || !view.dataset;
  byId<HTMLButtonElement>('choose-dataset').disabled = view.running;
  byId<HTMLButtonElement>('stop').disabled = !view.running;
  document
    .querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>(
      '#data select, #data input:not([data-text]), #data button',
    )
    .forEach((el) => (el.disabled = view.running));
}
