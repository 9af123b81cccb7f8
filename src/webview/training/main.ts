import type {
  DatasetView,
  HostToTrainingWebview,
  RunImage,
  RunView,
  TrainingPanelState,
  TrainingWebviewToHost,
} from '../../extension/training/protocol';
import { escape } from '../shared/charts';
import { applyChartColours, resolvePalette } from '../shared/palette';
import { svgToPngBase64 } from '../shared/png';
import { formHtml, readForm, showErrors, wireGammaControls, writeForm } from './form';
import { curvesHtml, diagramsHtml, legendHtml, metricsTableHtml, runFigure, sweepHtml } from './results';

const vscode = acquireVsCodeApi<TrainingPanelState>();
applyChartColours();
// The saved state is not read back here: the host parsed it on restore and sends it back ('restore').
let state: TrainingPanelState | undefined;
let runs: RunView[] = [];
let planned: string[] = [];
let running = false;

const app = document.getElementById('app')!;
app.innerHTML = `
  <header>
    <h1 id="title">Train with γ-CE</h1>
    <p id="summary" class="muted">Loading the dataset…</p>
  </header>
  <div id="error" class="error" role="alert" hidden></div>
  <div class="layout">
    <section class="panel-section" id="data-section" aria-labelledby="data-heading" hidden>
      <h2 id="data-heading">Data</h2>
      <div id="data"></div>
    </section>
    <section class="panel-section" aria-labelledby="setup-heading">
      <h2 id="setup-heading">Setup</h2>
      ${formHtml()}
      <p id="status" class="muted" aria-live="polite"></p>
      <progress id="progress" max="1" value="0" hidden></progress>
    </section>
  </div>
  <section class="panel-section" id="results-section" aria-labelledby="results-heading" hidden>
    <h2 id="results-heading">Results</h2>
    <div class="toolbar">
      <button type="button" id="export">Export run folder…</button>
      <button type="button" class="secondary" id="insert-loss">Insert this loss in my code</button>
      <span id="backend" class="muted"></span>
    </div>
    <div id="legend" class="legend"></div>
    <div id="curves" class="charts-row"></div>
    <div id="metrics"></div>
    <div id="sweep" class="charts-row"></div>
    <div id="diagrams" class="run-grid"></div>
  </section>`;

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

wireGammaControls();
renderResults();

$('setup').addEventListener('submit', (event) => {
  event.preventDefault();
  if (!state || running) return;
  const setup = readForm(state.setup);
  if (!setup) return;
  state = { ...state, setup };
  saveState();
  setRunning(true); // until the host answers: no second Run in the meantime
  post({ type: 'run', setup });
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
$('data').addEventListener('change', (event) => {
  const target = event.target as HTMLElement;
  if (!state || running || !(target instanceof HTMLSelectElement || target instanceof HTMLInputElement)) return;
  if (target.id === 'label-column') state = { ...state, setup: { ...state.setup, label: target.value, ignored: undefined } };
  else if (target.dataset.column) {
    // The whole choice as shown: every unchecked column, the inferred ones included.
    const unchecked = [...document.querySelectorAll<HTMLInputElement>('#data input[data-column]')].filter((box) => !box.checked && !box.disabled);
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
      $('title').textContent = `Train with γ-CE · ${message.file.label}`;
      $('summary').textContent = 'Loading the dataset…';
      break;
    case 'dataset':
      state = { uri: message.dataset.file.uri, setup: message.setup, runs, backend: state?.backend };
      writeForm(message.setup);
      renderDataset(message.dataset);
      saveState();
      break;
    case 'datasetError':
      setRunning(false);
      $('title').textContent = `Train with γ-CE · ${message.file.label}`;
      $('summary').textContent = '';
      $('error').hidden = false;
      $('error').textContent = message.message;
      $('data-section').hidden = true;
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
        message.status === 'done' ? `Finished: ${runs.length} runs.` : message.status === 'cancelled' ? 'Stopped.' : `Failed: ${message.message ?? ''}`;
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
      runs.push({ name: event.run, loss: 'ce', gamma: null, threshold: null, status: 'ok', epochs: 0, history: [], test: null });
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
      $('status').textContent = `Run ${runs.length}/${planned.length}: ${event.run} — epoch ${event.record.epoch}/${event.epochs}`;
      renderCurves();
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

function setRunning(on: boolean): void {
  running = on;
  ($('run') as HTMLButtonElement).disabled = on;
  ($('stop') as HTMLButtonElement).disabled = !on;
  $('progress').hidden = !on;
  document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('#data select, #data input').forEach((el) => (el.disabled = on));
}

function renderDataset(view: DatasetView): void {
  $('error').hidden = true;
  $('data-section').hidden = false;
  $('title').textContent = `Train with γ-CE · ${view.file.label}`;
  $('summary').textContent =
    `${view.rows.toLocaleString()} rows · ${view.features} features · ${view.classNames.length} classes · ` +
    `split ${view.split.train}/${view.split.validation}/${view.split.test}` +
    (view.noise.rate > 0 ? ` · label noise ${view.noise.rate}: ${view.noise.flipped} training labels flipped` : '');
  const labelOptions = view.columns.map((c) => `<option${c.name === view.label ? ' selected' : ''}>${escape(c.name)}</option>`).join('');
  const classes = view.classNames.map((name, k) => `<tr><td>${escape(name)}</td><td>${view.classCounts[k]}</td></tr>`).join('');
  const columns = view.columns
    .filter((c) => c.role !== 'label')
    .map(
      (c) =>
        `<tr><td><label><input type="checkbox" data-column="${escape(c.name)}" ${c.role === 'feature' ? 'checked' : ''} ${c.type === 'text' ? 'disabled' : ''}> ${escape(c.name)}</label></td>` +
        `<td>${c.type}</td><td>${c.missing || ''}</td><td class="muted">${escape(c.reason ?? '')}</td></tr>`,
    )
    .join('');
  const warnings = view.warnings.length ? `<ul class="warnings">${view.warnings.map((w) => `<li>${escape(w)}</li>`).join('')}</ul>` : '';
  $('data').innerHTML = `
    <div class="field"><label for="label-column">Label column</label><select id="label-column">${labelOptions}</select></div>
    <table class="metrics compact"><caption>Classes</caption><thead><tr><th>class</th><th>rows</th></tr></thead><tbody>${classes}</tbody></table>
    <details><summary>Columns (${view.columns.length - 1} besides the label)</summary>
      <table class="metrics compact"><thead><tr><th>use</th><th>type</th><th>missing</th><th>why</th></tr></thead><tbody>${columns}</tbody></table>
    </details>${warnings}`;
}

function renderCurves(): void {
  $('results-section').hidden = runs.length === 0;
  $('legend').innerHTML = legendHtml(runs);
  $('curves').innerHTML = curvesHtml(runs);
}

function renderResults(): void {
  renderCurves();
  const finished = runs.filter((r) => r.test || r.status !== 'ok');
  $('metrics').innerHTML = finished.length ? metricsTableHtml(runs.filter((r) => r.test || r.status !== 'ok')) : '';
  $('diagrams').innerHTML = diagramsHtml(finished);
  $('sweep').innerHTML = state?.setup.config.sweep ? sweepHtml(finished) : '';
}

async function sendImages(): Promise<void> {
  const palette = resolvePalette();
  const images: RunImage[] = [];
  for (const [i, run] of runs.entries()) {
    if (!run.test) continue;
    const inner = runFigure(run, run.test, palette);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="450" viewBox="0 0 320 450">${inner
      .replace('<svg ', '<svg x="0" y="0" ')
      .replace(/<svg (?!x=)/, '<svg x="0" y="280" ')}</svg>`;
    images.push({ run: i, svg, png: await svgToPngBase64(svg, 320, 450, 2) });
  }
  post({ type: 'images', images });
}


post({ type: 'ready' });
