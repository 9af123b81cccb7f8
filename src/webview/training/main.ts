import type {
  DatasetView,
  HostToTrainingWebview,
  RunView,
  TrainingPanelState,
  TrainingWebviewToHost,
} from '../../extension/training/protocol';
import { escape } from '../shared/charts';
import { preventFormSubmission } from '../shared/forms';
import { applyChartColours } from '../shared/palette';
import { curvesHtml } from './curves';
import { runImages } from './exportImages';
import { readForm, showErrors, sweepBaselineNote, wireFormControls, writeForm } from './form';
import { diagramsHtml, metricsTableHtml, sweepHtml } from './results';
import { legendHtml } from './runStyles';
import { labelRetryHtml, shellHtml } from './shell';

// First of all: whatever fails below, Enter in a field must never submit the page away (it would go blank).
preventFormSubmission(() => applyForm());
const vscode = acquireVsCodeApi<TrainingPanelState>();
applyChartColours();
// The saved state is not read back here: the host parsed it on restore and sends it back ('restore').
let state: TrainingPanelState | undefined;
let runs: RunView[] = [];
let planned: string[] = [];
let running = false;
/** Whether the panel's file loaded: Run needs a dataset. */
let hasDataset = false;

const app = document.getElementById('app')!;
app.innerHTML = shellHtml();

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function post(message: TrainingWebviewToHost): void {
  vscode.postMessage(message);
}

function saveState(): void {
  if (!state) return;
  state = { ...state, runs };
  vscode.setState(state);
  post({ type: 'state', state });
}

wireFormControls();
renderResults();

/** Enter in a field: check the form and keep its values (as Run would), without starting a run. */
function applyForm(): void {
  if (!state) return;
  const setup = readForm(state.setup);
  if (!setup) return;
  state = { ...state, setup };
  saveState();
}

$('setup').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
    event.preventDefault();
    applyForm();
  }
});
$('run').addEventListener('click', () => {
  if (!state || running || !hasDataset) return;
  const setup = readForm(state.setup);
  if (!setup) return;
  state = { ...state, setup };
  saveState();
  setRunning(true); // until the host answers: no second Run in the meantime
  post({ type: 'run', setup });
});
$('choose-dataset').addEventListener('click', () => {
  if (!running) post({ type: 'chooseDataset' });
});
$('stop').addEventListener('click', () => post({ type: 'stop' }));
$('export').addEventListener('click', () => post({ type: 'export' }));
$('insert-loss').addEventListener('click', () => {
  const setup = state && readForm(state.setup);
  if (setup) post({ type: 'insertLoss', gamma: setup.config.gamma ?? 0.1, threshold: setup.config.threshold ?? null });
});
$('diagrams').addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest<HTMLButtonElement>('[data-open-run]');
  if (button) post({ type: 'openInCalibration', run: Number(button.dataset.openRun) });
});
$('data').addEventListener('click', (event) => {
  if ((event.target as HTMLElement).id === 'label-retry-load') retryWithLabel();
});
$('data').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.target as HTMLElement).id === 'label-retry') {
    event.preventDefault();
    retryWithLabel();
  }
});

/** After a file was refused: load it again with the label column typed in the error's field. */
function retryWithLabel(): void {
  const label = ($('label-retry') as HTMLInputElement | null)?.value.trim();
  if (!state || running || !label) return;
  const setup = { ...(readForm(state.setup) ?? state.setup), label, ignored: undefined };
  post({ type: 'reloadDataset', setup });
}

$('data').addEventListener('change', (event) => {
  const target = event.target as HTMLElement;
  if (!state || running || !hasDataset || !(target instanceof HTMLSelectElement || target instanceof HTMLInputElement))
    return;
  if (target.id === 'label-column')
    state = { ...state, setup: { ...state.setup, label: target.value, ignored: undefined } };
  else if (target.dataset.column) {
    // The whole choice as shown: every unchecked column, the inferred ones included.
    const unchecked = [...document.querySelectorAll<HTMLInputElement>('#data input[data-column]')].filter(
      (box) => !box.checked && !box.disabled,
    );
    state = { ...state, setup: { ...state.setup, ignored: unchecked.map((box) => box.dataset.column!) } };
  } else return;
  const setup = readForm(state.setup) ?? state.setup;
  post({ type: 'reloadDataset', setup });
});

window.addEventListener('message', (event: MessageEvent<HostToTrainingWebview>) => handle(event.data));

function handle(message: HostToTrainingWebview): void {
  switch (message.type) {
    case 'restore':
      state = message.state;
      runs = state.runs ?? [];
      writeForm(state.setup);
      renderResults();
      break;
    case 'datasetLoading':
      hasDataset = false;
      setRunning(running);
      $('title').textContent = `Train with γ-CE · ${message.file.label}`;
      $('summary').textContent = 'Loading the dataset…';
      break;
    case 'dataset':
      hasDataset = true;
      if (state && state.uri !== message.dataset.file.uri) {
        runs = []; // another file: the last file's results do not belong to it
        renderResults();
      }
      state = { uri: message.dataset.file.uri, setup: message.setup, runs, backend: state?.backend };
      writeForm(message.setup);
      renderDataset(message.dataset);
      setRunning(running);
      saveState();
      break;
    case 'datasetError':
      showDatasetError(message);
      break;
    case 'setupError':
      setRunning(false);
      showErrors([[message.field, message.message]]);
      break;
    case 'started':
      planned = message.runs;
      runs = [];
      setRunning(true);
      renderResults();
      break;
    case 'event':
      onEvent(message.event);
      break;
    case 'finished':
      setRunning(false);
      $('status').textContent =
        message.status === 'done'
          ? `Finished: ${runs.length} runs.`
          : message.status === 'cancelled'
            ? 'Stopped.'
            : `Failed: ${message.message ?? ''}`;
      saveState();
      break;
    case 'exportImages':
      void sendImages();
      break;
    case 'exported':
      $('status').textContent = `Exported to ${message.folder}`;
      break;
  }
}

function onEvent(event: Extract<HostToTrainingWebview, { type: 'event' }>['event']): void {
  switch (event.type) {
    case 'backend':
      $('backend').textContent = `backend: ${event.backend}`;
      state = state && { ...state, backend: event.backend };
      break;
    case 'runStart':
      runs.push({
        name: event.run,
        loss: 'ce',
        gamma: null,
        threshold: null,
        status: 'ok',
        epochs: 0,
        history: [],
        test: null,
      });
      $('status').textContent = `Run ${event.index + 1}/${event.total}: ${event.run}`;
      break;
    case 'epoch': {
      const run = runs.find((r) => r.name === event.run);
      if (run) {
        run.history.push(event.record);
        run.epochs = event.record.epoch;
      }
      const done = runs.length - 1 + event.record.epoch / event.epochs;
      $('progress').setAttribute('value', String(done / Math.max(1, planned.length)));
      $('status').textContent =
        `Run ${runs.length}/${planned.length}: ${event.run} — epoch ${event.record.epoch}/${event.epochs}`;
      scheduleCurves();
      break;
    }
    case 'runEnd': {
      const { predictions: _omit, ...view } = event.run;
      const index = runs.findIndex((r) => r.name === view.name);
      if (index >= 0) runs[index] = view;
      else runs.push(view);
      renderResults();
      saveState();
      break;
    }
  }
}

function showDatasetError(message: Extract<HostToTrainingWebview, { type: 'datasetError' }>): void {
  hasDataset = false;
  // The form stays as it was (or as the host's setup has it): only the data part changes.
  const setup = message.setup ?? state?.setup;
  if (setup) {
    state = { uri: message.file.uri, setup, runs, backend: state?.backend };
    writeForm(setup);
  }
  setRunning(false);
  $('title').textContent = `Train with γ-CE · ${message.file.label}`;
  // Another label column can help only when the label was the problem (the message names it).
  const aboutLabel = /--label|the label column/.test(message.message);
  $('summary').textContent =
    `This file could not be used: choose another dataset${aboutLabel ? ', or another label column' : ''}.`;
  $('error').hidden = false;
  $('error').textContent = message.message;
  $('data').innerHTML = aboutLabel ? labelRetryHtml(setup?.label ?? '') : '';
  $('status').textContent = 'Run needs a dataset that loads.';
}

function setRunning(on: boolean): void {
  running = on;
  ($('run') as HTMLButtonElement).disabled = on || !hasDataset;
  ($('choose-dataset') as HTMLButtonElement).disabled = on;
  ($('stop') as HTMLButtonElement).disabled = !on;
  $('progress').hidden = !on;
  document
    .querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>(
      '#data select, #data input:not([data-text]), #data button',
    )
    .forEach((el) => (el.disabled = on));
}

function renderDataset(view: DatasetView): void {
  $('error').hidden = true;
  if ($('status').textContent === 'Run needs a dataset that loads.') $('status').textContent = '';
  $('title').textContent = `Train with γ-CE · ${view.file.label}`;
  $('summary').textContent =
    `${view.rows.toLocaleString()} rows · ${view.features} features · ${view.classNames.length} classes · ` +
    `split ${view.split.train}/${view.split.validation}/${view.split.test}` +
    (view.noise.rate > 0 ? ` · label noise ${view.noise.rate}: ${view.noise.flipped} training labels flipped` : '');
  const labelOptions = view.columns
    .map((c) => `<option${c.name === view.label ? ' selected' : ''}>${escape(c.name)}</option>`)
    .join('');
  const classes = view.classNames
    .map((name, k) => `<tr><td>${escape(name)}</td><td>${view.classCounts[k]}</td></tr>`)
    .join('');
  const columns = view.columns
    .filter((c) => c.role !== 'label')
    .map(
      (c) =>
        `<tr><td><label><input type="checkbox" data-column="${escape(c.name)}" ${c.role === 'feature' ? 'checked' : ''} ${c.type === 'text' ? 'disabled data-text' : ''}> ${escape(c.name)}</label></td>` +
        `<td>${c.type}</td><td>${c.missing || ''}</td><td class="muted">${escape(c.reason ?? '')}</td></tr>`,
    )
    .join('');
  const warnings = view.warnings.length
    ? `<ul class="warnings">${view.warnings.map((w) => `<li>${escape(w)}</li>`).join('')}</ul>`
    : '';
  $('data').innerHTML = `
    <div class="field"><label for="label-column">Label column</label><select id="label-column">${labelOptions}</select></div>
    <table class="metrics compact"><caption>Classes</caption><thead><tr><th>class</th><th>rows</th></tr></thead><tbody>${classes}</tbody></table>
    <details><summary>Columns (${view.columns.length - 1} besides the label)</summary>
      <table class="metrics compact"><thead><tr><th>use</th><th>type</th><th>missing</th><th>why</th></tr></thead><tbody>${columns}</tbody></table>
    </details>${warnings}`;
}

let curvesScheduled = false;

/** Epochs can come faster than frames: redraw the curves at most once a frame, so messages (Stop's answer) never queue behind drawing. */
function scheduleCurves(): void {
  if (curvesScheduled) return;
  curvesScheduled = true;
  requestAnimationFrame(() => {
    curvesScheduled = false;
    renderCurves();
  });
}

function renderCurves(): void {
  $('results-section').hidden = runs.length === 0;
  $('legend').innerHTML = legendHtml(runs);
  $('curves').innerHTML = curvesHtml(runs);
}

function renderResults(): void {
  renderCurves();
  const finished = runs.filter((r) => r.test || r.status !== 'ok');
  $('metrics').innerHTML = finished.length ? metricsTableHtml(finished) : '';
  $('diagrams').innerHTML = diagramsHtml(finished);
  const config = state?.setup.config;
  const note = config?.sweep ? sweepBaselineNote(config.sweep.join(', '), config.baselines ?? []) : '';
  $('sweep-results').innerHTML = config?.sweep
    ? `${note ? `<p class="note">${escape(note)}</p>` : ''}${sweepHtml(finished)}`
    : '';
}

async function sendImages(): Promise<void> {
  post({ type: 'images', images: await runImages(runs) });
}

post({ type: 'ready' });
