import { BootstrapInterval, bootstrapEceSteps } from '../../core/bootstrap';
import type {
  CalibrationPanelState,
  CalibrationSettings,
  CalibrationWebviewToHost,
  ExportTheme,
  HostToCalibrationWebview,
  PredictionsPayload,
  PredictionsReadOptions,
} from '../../extension/calibration/protocol';
import {
  DEFAULT_CALIBRATION_SETTINGS,
  LOGITS_CHECKBOX_LABEL,
  MAX_BINS,
  MIN_BINS,
} from '../../extension/calibration/constants';
import type { FileInfo } from '../../extension/webviewProtocol';
import { CalibrationModel, ViewResult } from './model';
import { exportFigure } from './exportFigure';
import { binsProblem } from './bins';
import { confidenceHistogramSvg, escape, reliabilityDiagramSvg } from '../shared/charts';
import { preventFormSubmission } from '../shared/forms';
import { applyChartColours } from '../shared/palette';

const vscode = acquireVsCodeApi<CalibrationPanelState>();
applyChartColours();
// The saved state is not read back here: the host parsed it on restore and sends its settings with the file.
let settings: CalibrationSettings = DEFAULT_CALIBRATION_SETTINGS;
let read: PredictionsReadOptions = {};
let file: FileInfo | undefined;
let model: CalibrationModel | undefined;
let current: ViewResult | undefined;
/** The ECE interval depends on the data and the bin count only, so it is kept per bin count. */
let interval: BootstrapInterval | undefined;
let intervalBins = 0;
let bootstrapGeneration = 0;

const app = document.getElementById('app')!;
app.innerHTML = `
  <header>
    <h1 id="title">Calibration</h1>
    <p id="summary" class="muted">Loading…</p>
  </header>
  <form id="read-options" class="controls" aria-label="How the file is read">
    <label for="label-column">Label column</label>
    <input id="label-column" type="text" placeholder="label" size="12">
    <label><input id="softmax" type="checkbox"> ${LOGITS_CHECKBOX_LABEL}</label>
    <button type="submit" class="secondary">Re-read</button>
  </form>
  <div id="banner" class="banner" hidden>
    <span>The file changed on disk.</span> <button id="reload" type="button">Reload</button>
  </div>
  <div id="error" class="error" role="alert" hidden></div>
  <section id="content" hidden>
    <form class="controls" id="controls" novalidate>
      <label for="bins">Bins</label>
      <input id="bins" type="number" min="${MIN_BINS}" max="${MAX_BINS}" step="1" required aria-describedby="bins-error">
      <input id="bins-range" type="range" min="${MIN_BINS}" max="${MAX_BINS}" step="1" aria-label="Bins (slider)">
      <span id="bins-error" class="bins-error" role="alert" hidden></span>
      <label for="scheme">Binning</label>
      <select id="scheme">
        <option value="equal-width">Equal width</option>
        <option value="equal-mass">Equal mass</option>
      </select>
      <label for="view">Classes</label>
      <select id="view"></select>
      <button id="export" type="button" title="Save the diagram and histogram as SVG and PNG (light or as shown) and the metrics as JSON">Export…</button>
    </form>
    <div class="charts">
      <figure id="diagram"></figure>
      <figure id="histogram"></figure>
    </div>
    <table id="metrics" class="metrics" aria-label="Calibration metrics"></table>
    <p id="status" class="muted" aria-live="polite"></p>
  </section>`;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const binsInput = $<HTMLInputElement>('bins');
const binsRange = $<HTMLInputElement>('bins-range');
const schemeSelect = $<HTMLSelectElement>('scheme');
const viewSelect = $<HTMLSelectElement>('view');

function post(message: CalibrationWebviewToHost): void {
  vscode.postMessage(message);
}

window.addEventListener('message', (event: MessageEvent<HostToCalibrationWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'loading':
      file = message.file;
      $('title').textContent = `Calibration · ${message.file.label}`;
      $('summary').textContent = 'Reading the file…';
      break;
    case 'load':
      showReadOptions(message.read);
      onLoad(message.file, message.predictions, message.settings);
      break;
    case 'error':
      showReadOptions(message.read);
      showError(message.file, message.message);
      break;
    case 'fileChanged':
      $('banner').hidden = false;
      break;
    case 'renderExport':
      void exportView(message.theme);
      break;
  }
});

function onLoad(info: FileInfo, predictions: PredictionsPayload, hostSettings: CalibrationSettings): void {
  file = info;
  model = new CalibrationModel(predictions);
  interval = undefined;
  intervalBins = 0;
  settings = hostSettings;
  if (settings.classIndex >= predictions.cols) settings = { ...settings, classIndex: -1 };
  $('banner').hidden = true;
  $('error').hidden = true;
  $('content').hidden = false;
  $('title').textContent = `Calibration · ${info.label}`;
  const extra = predictions.ignoredColumns.length ? ` · ignored: ${predictions.ignoredColumns.join(', ')}` : '';
  $('summary').textContent =
    `${predictions.rows.toLocaleString()} rows · ${predictions.cols} classes · label column '${predictions.labelColumn}'` +
    `${predictions.softmax ? ' · softmax applied' : ''}${extra}`;
  viewSelect.innerHTML =
    `<option value="-1">All classes (top-label)</option>` +
    predictions.classNames.map((name, k) => `<option value="${k}">${escape(name)} vs rest</option>`).join('');
  syncControls();
  render();
}

function showError(info: FileInfo, message: string): void {
  file = info;
  model = undefined;
  $('title').textContent = `Calibration · ${info.label}`;
  $('summary').textContent = '';
  $('content').hidden = true;
  $('error').hidden = false;
  $('error').textContent = message;
  vscode.setState({ uri: info.uri, settings, read });
}

function showReadOptions(options: PredictionsReadOptions): void {
  read = options;
  $<HTMLInputElement>('label-column').value = options.label ?? '';
  $<HTMLInputElement>('softmax').checked = options.softmax ?? false;
}

// Enter in any field applies it (the bins) or re-reads the file (label column), never reloads the page.
preventFormSubmission((form) => {
  if (form.id === 'read-options') reread();
  else if (form.id === 'controls') readControls('number');
});

function reread(): void {
  const label = $<HTMLInputElement>('label-column').value.trim();
  const next: PredictionsReadOptions = { ...(label ? { label } : {}), softmax: $<HTMLInputElement>('softmax').checked };
  post({ type: 'readOptions', read: next });
}

// The checkbox re-reads at once: the error for logits tells the user to tick it.
$('softmax').addEventListener('change', reread);

function syncControls(): void {
  binsInput.value = binsRange.value = String(settings.bins);
  showBinsProblem(undefined);
  schemeSelect.value = settings.scheme;
  viewSelect.value = String(settings.classIndex);
}

/** Applies the controls; a bin count out of range is refused next to the field, and the diagram keeps the last good one. */
function readControls(source: 'number' | 'range' | 'other'): void {
  const text = source === 'range' ? binsRange.value : binsInput.value;
  const problem = binsProblem(text, settings.bins);
  showBinsProblem(problem);
  const bins = problem ? settings.bins : Number(text);
  const next: CalibrationSettings = {
    ...settings,
    bins,
    scheme: schemeSelect.value === 'equal-mass' ? 'equal-mass' : 'equal-width',
    classIndex: Number(viewSelect.value),
  };
  if (source === 'range') binsInput.value = String(bins);
  if (source === 'number' && !problem) binsRange.value = String(bins);
  if (next.bins === settings.bins && next.scheme === settings.scheme && next.classIndex === settings.classIndex) return;
  settings = next;
  post({ type: 'settings', settings });
  render();
}

function showBinsProblem(problem: string | undefined): void {
  const error = $('bins-error');
  error.hidden = !problem;
  error.textContent = problem ?? '';
  binsInput.setAttribute('aria-invalid', problem ? 'true' : 'false');
}

binsInput.addEventListener('input', () => readControls('number'));
binsInput.addEventListener('change', () => readControls('number'));
binsRange.addEventListener('input', () => readControls('range'));
schemeSelect.addEventListener('change', () => readControls('other'));
viewSelect.addEventListener('change', () => readControls('other'));
$('reload').addEventListener('click', () => {
  $('banner').hidden = true;
  post({ type: 'reload' });
});
$('export').addEventListener('click', () => post({ type: 'exportRequested' }));

function render(): void {
  if (!model || !file) return;
  const started = performance.now();
  const result = model.view(settings);
  current = result;
  $('diagram').innerHTML = reliabilityDiagramSvg(result.bins, diagramOptions(result));
  $('histogram').innerHTML = confidenceHistogramSvg(
    result.histogram,
    result.meanHit,
    result.meanConfidence,
    histogramOptions(result),
  );
  if (intervalBins !== settings.bins) interval = undefined;
  renderMetrics(result);
  const ms = performance.now() - started;
  $('status').textContent = `Rendered in ${ms.toFixed(0)} ms`;
  vscode.setState({ uri: file.uri, settings, read });
  post({ type: 'rendered', view: { settings, report: result.report, viewEce: result.viewEce } });
  if (!interval) void runBootstrap();
}

function diagramOptions(result: ViewResult) {
  return {
    title: `Reliability diagram — ${result.description}`,
    xLabel: result.classIndex < 0 ? 'Confidence (max probability)' : `p(${result.className})`,
    yLabel: result.classIndex < 0 ? 'Accuracy' : `Frequency of ${result.className}`,
  };
}

function histogramOptions(result: ViewResult) {
  return {
    title: 'Confidence histogram',
    xLabel: result.classIndex < 0 ? 'Confidence' : `p(${result.className})`,
    yLabel: '% of samples',
    meanHitLabel: result.classIndex < 0 ? 'accuracy' : `frequency of ${result.className}`,
  };
}

function renderMetrics(result: ViewResult): void {
  const r = result.report;
  const fmt = (v: number) => v.toFixed(4);
  const eceText = interval
    ? `${fmt(r.ece)} ± ${fmt(interval.halfWidth)}`
    : `${fmt(r.ece)} <span class="muted">± …</span>`;
  const ciNote = interval
    ? `95% bootstrap CI ${fmt(interval.low)}–${fmt(interval.high)} (${interval.resamples} resamples)`
    : 'bootstrap interval being computed';
  const rows: Array<[string, string, string, string?]> = [
    ['ece', 'ECE', eceText, `${settings.bins} equal-width bins, top-label; ${ciNote}`],
    ['mce', 'MCE', fmt(r.mce), 'largest bin gap'],
    ['adaptive-ece', 'Adaptive ECE', fmt(r.adaptiveEce), `${settings.bins} equal-mass bins`],
    ['classwise-ece', 'Classwise ECE', fmt(r.classwiseEce), 'mean one-vs-rest ECE over classes'],
    ['brier', 'Brier', fmt(r.brier), 'Σₖ (pₖ − yₖ)², mean over rows'],
    ['nll', 'NLL', fmt(r.nll), '−log p(y), mean over rows'],
    ['accuracy', 'Accuracy', fmt(r.accuracy)],
    ['n', 'N', r.n.toLocaleString()],
  ];
  if (result.classIndex >= 0 || settings.scheme === 'equal-mass') {
    rows.unshift(['view-ece', 'Diagram ECE', fmt(result.viewEce), result.description]);
  }
  const values: Record<string, number> = {
    ece: r.ece,
    mce: r.mce,
    'adaptive-ece': r.adaptiveEce,
    'classwise-ece': r.classwiseEce,
    brier: r.brier,
    nll: r.nll,
    accuracy: r.accuracy,
    n: r.n,
    'view-ece': result.viewEce,
  };
  $('metrics').innerHTML =
    `<thead><tr><th scope="col">Metric</th><th scope="col">Value</th><th scope="col">Notes</th></tr></thead><tbody>` +
    rows
      .map(
        ([id, name, value, note]) =>
          `<tr><th scope="row">${name}</th><td id="metric-${id}" data-value="${values[id]}">${value}</td><td class="muted">${escape(note ?? '')}</td></tr>`,
      )
      .join('') +
    '</tbody>';
}

async function runBootstrap(): Promise<void> {
  const generation = ++bootstrapGeneration;
  if (!model) return;
  const bins = settings.bins;
  const steps = bootstrapEceSteps(model.top.confidence, model.top.hit, bins, 'equal-width', {}, 20);
  for (;;) {
    const step = steps.next();
    if (step.done) {
      interval = step.value;
      intervalBins = bins;
      break;
    }
    // Yield to the event loop between slices so the controls stay responsive.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (generation !== bootstrapGeneration) return;
  }
  if (current && current.report.bins.length === bins) renderMetrics(current);
}

async function exportView(theme: ExportTheme): Promise<void> {
  if (!current || !file) return;
  try {
    const figure = await exportFigure(current, theme, diagramOptions(current), histogramOptions(current));
    post({
      type: 'export',
      ...figure,
      metrics: {
        file: file.label,
        settings,
        report: current.report,
        diagram: { description: current.description, ece: current.viewEce, bins: current.bins },
        eceInterval: interval ?? null,
      },
    });
  } catch (error) {
    post({ type: 'exportFailed', message: error instanceof Error ? error.message : String(error) });
  }
}

post({ type: 'ready' });
