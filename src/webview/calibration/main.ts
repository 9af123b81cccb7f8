import type {
  CalibrationPanelState,
  CalibrationSettings,
  CalibrationWebviewToHost,
  ExportTheme,
  HostToCalibrationWebview,
  PredictionsReadOptions,
} from '../../extension/calibration/protocol';
import { MAX_FOLDS, MIN_FOLDS } from '../../extension/calibration/constants';
import { CalibrationModel, ViewResult } from './model';
import { exportFigure } from './exportFigure';
import { binsProblem } from './bins';
import { escape } from '../shared/charts';
import { preventFormSubmission } from '../shared/forms';
import { applyChartColours } from '../shared/palette';
import { Store } from './store';
import { applyJobMessage, ClassSortKey, initialState, PanelState, toggleSort } from './state';
import { diagramOptions, histogramOptions, Models, renderRegions } from './view';
import { pageMarkup } from './page';

const vscode = acquireVsCodeApi<CalibrationPanelState>();
applyChartColours();
// The saved state is not read back here: the host parsed it (the channel's schema) on restore and sends its settings with the file.
const store = new Store<PanelState>(initialState());
const models: Models = {};
let current: ViewResult | undefined;

const app = document.getElementById('app')!;
app.innerHTML = pageMarkup();
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const binsInput = $<HTMLInputElement>('bins');
const binsRange = $<HTMLInputElement>('bins-range');

function post(message: CalibrationWebviewToHost): void {
  vscode.postMessage(message);
}

window.addEventListener('message', (event: MessageEvent<HostToCalibrationWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'loading':
      store.update({ file: message.file, reading: true });
      break;
    case 'load': {
      models.main = new CalibrationModel(message.predictions);
      models.compared = undefined;
      const settings =
        message.settings.classIndex >= message.predictions.cols
          ? { ...message.settings, classIndex: -1 }
          : message.settings;
      store.update({
        phase: 'ready',
        reading: false,
        file: message.file,
        read: message.read,
        settings,
        changed: false,
        error: undefined,
        eceInterval: undefined,
        intervalBins: 0,
        smooth: undefined,
        recalibration: undefined,
        comparison: undefined,
        jobs: {},
      });
      showReadOptions(message.read);
      fillClassSelect(message.predictions.classNames);
      syncControls(settings);
      break;
    }
    case 'error':
      models.main = undefined;
      showReadOptions(message.read);
      store.update({ phase: 'error', reading: false, file: message.file, error: message.message, read: message.read });
      break;
    case 'fileChanged':
      store.update({ changed: true });
      break;
    case 'renderExport':
      void exportView(message.theme);
      break;
    case 'compared':
      models.compared = new CalibrationModel(message.result.b);
      store.update((s) => applyJobMessage(s, message));
      break;
    default:
      store.update((s) => applyJobMessage(s, message));
  }
});

function showReadOptions(options: PredictionsReadOptions): void {
  $<HTMLInputElement>('label-column').value = options.label ?? '';
  $<HTMLInputElement>('softmax').checked = options.softmax ?? false;
}

function fillClassSelect(names: string[]): void {
  $('view').innerHTML =
    `<option value="-1">All classes (top-label)</option>` +
    names.map((name, k) => `<option value="${k}">${escape(name)} vs rest</option>`).join('');
}

// Enter in any field applies it, never reloads the page.
preventFormSubmission((form) => {
  if (form.id === 'read-options') reread();
  else if (form.id === 'controls') readControls('number');
  else if (form.id === 'recal-form') recalibrate();
  else if (form.id === 'compare-form') compare(!store.state.comparison);
});

function reread(): void {
  const label = $<HTMLInputElement>('label-column').value.trim();
  post({ type: 'readOptions', read: { ...(label ? { label } : {}), softmax: $<HTMLInputElement>('softmax').checked } });
}

// The checkbox re-reads at once: the error for logits tells the user to tick it.
$('softmax').addEventListener('change', reread);

function syncControls(settings: CalibrationSettings): void {
  binsInput.value = binsRange.value = String(settings.bins);
  showBinsProblem(undefined);
  $<HTMLSelectElement>('scheme').value = settings.scheme;
  $<HTMLSelectElement>('view').value = String(settings.classIndex);
  $<HTMLSelectElement>('convention').value = settings.convention;
  $<HTMLInputElement>('smooth-curve').checked = settings.smoothCurve;
}

/** Applies the controls; a bin count out of range is refused next to the field, and the diagram keeps the last good one. */
function readControls(source: 'number' | 'range' | 'other'): void {
  const { settings } = store.state;
  const text = source === 'range' ? binsRange.value : binsInput.value;
  const problem = binsProblem(text, settings.bins);
  showBinsProblem(problem);
  const bins = problem ? settings.bins : Number(text);
  const convention = $<HTMLSelectElement>('convention').value;
  const next: CalibrationSettings = {
    bins,
    scheme: $<HTMLSelectElement>('scheme').value === 'equal-mass' ? 'equal-mass' : 'equal-width',
    classIndex: Number($<HTMLSelectElement>('view').value),
    convention: convention === 'torchmetrics' || convention === 'netcal' ? convention : 'guo',
    smoothCurve: $<HTMLInputElement>('smooth-curve').checked,
  };
  if (source === 'range') binsInput.value = String(bins);
  if (source === 'number' && !problem) binsRange.value = String(bins);
  if (JSON.stringify(next) === JSON.stringify(settings)) return;
  store.update({ settings: next });
  post({ type: 'settings', settings: next });
}

function showBinsProblem(problem: string | undefined): void {
  const error = $('bins-error');
  error.hidden = !problem;
  error.textContent = problem ?? '';
  binsInput.setAttribute('aria-invalid', problem ? 'true' : 'false');
}

function recalibrate(): void {
  const folds = Number($<HTMLInputElement>('folds').value);
  const ok = Number.isInteger(folds) && folds >= MIN_FOLDS && folds <= MAX_FOLDS;
  const error = $('folds-error');
  error.hidden = ok;
  error.textContent = ok ? '' : `Folds: allowed are ${MIN_FOLDS}–${MAX_FOLDS} (whole numbers)`;
  if (!ok) return;
  const method = $<HTMLSelectElement>('method').value;
  const m = method === 'histogram' || method === 'isotonic' ? method : 'temperature';
  store.update({ method: m, folds });
  post({ type: 'recalibrate', method: m, folds });
}

function compare(pick: boolean): void {
  const id = $<HTMLInputElement>('id-column').value.trim();
  store.update({ idColumn: id });
  post({ type: 'compare', pick, ...(id ? { id } : {}) });
}

binsInput.addEventListener('input', () => readControls('number'));
binsInput.addEventListener('change', () => readControls('number'));
binsRange.addEventListener('input', () => readControls('range'));
for (const id of ['scheme', 'view', 'convention', 'smooth-curve'])
  $(id).addEventListener('change', () => readControls('other'));
$('reload').addEventListener('click', () => {
  store.update({ changed: false });
  post({ type: 'reload' });
});
$('export').addEventListener('click', () => post({ type: 'exportRequested' }));
$('compare-pick').addEventListener('click', () => compare(true));
$('compare-again').addEventListener('click', () => compare(false));
$('framework').addEventListener('change', () => {
  const f = $<HTMLSelectElement>('framework').value;
  store.update({ framework: f === 'numpy' || f === 'jax' ? f : 'pytorch' });
});
$('export-calibrator').addEventListener('click', () =>
  post({ type: 'exportCalibrator', framework: store.state.framework }),
);
$('copy-snippet').addEventListener('click', () => post({ type: 'copySnippet', framework: store.state.framework }));
$('per-class').addEventListener('toggle', () => store.update({ classesOpen: $<HTMLDetailsElement>('per-class').open }));
// Buttons drawn by the render (Cancel, sortable headers, class rows) are handled here, once.
app.addEventListener('click', (event) => {
  const target = (event.target as HTMLElement).closest<HTMLElement>('[data-cancel],[data-sort],[data-class]');
  if (!target) return;
  const { cancel, sort, class: classIndex } = target.dataset;
  if (cancel === 'smooth' || cancel === 'recalibrate' || cancel === 'compare') post({ type: 'cancel', job: cancel });
  if (sort) store.update((s) => ({ classSort: toggleSort(s.classSort, sort as ClassSortKey) }));
  if (classIndex !== undefined) {
    $<HTMLSelectElement>('view').value = classIndex;
    readControls('other');
  }
});

const shown: Record<string, string> = {};

/** The one render: every region from the state, written only where its markup changed. */
function render(state: PanelState): void {
  const started = performance.now();
  const model = models.main;
  $('title').textContent = state.file ? `Calibration · ${state.file.label}` : 'Calibration';
  $('banner').hidden = !state.changed;
  $('error').hidden = state.phase !== 'error';
  $('error').textContent = state.error ?? '';
  $('content').hidden = state.phase !== 'ready' || !model;
  $('export-calibrator').toggleAttribute('disabled', !state.recalibration);
  $('copy-snippet').toggleAttribute('disabled', !state.recalibration);
  $('compare-again').toggleAttribute('disabled', !state.comparison);
  current = model && state.phase === 'ready' ? model.view(state.settings) : undefined;
  for (const [id, html] of Object.entries(renderRegions(state, models, current))) {
    if (shown[id] === html) continue;
    shown[id] = html;
    $(id).innerHTML = html;
  }
  if (state.file) vscode.setState({ uri: state.file.uri, settings: state.settings, read: state.read });
  if (!current) return;
  $('status').textContent = `Rendered in ${(performance.now() - started).toFixed(0)} ms`;
  post({ type: 'rendered', view: { settings: state.settings, report: current.report, viewEce: current.viewEce } });
}
store.subscribe(render);

async function exportView(theme: ExportTheme): Promise<void> {
  const state = store.state;
  if (!current || !state.file) return;
  try {
    const figure = await exportFigure(
      current,
      theme,
      diagramOptions(current, true, state, models),
      histogramOptions(current),
    );
    post({
      type: 'export',
      ...figure,
      metrics: {
        file: state.file.label,
        settings: state.settings,
        report: current.report,
        diagram: { description: current.description, ece: current.viewEce, bins: current.bins },
        eceInterval: state.intervalBins === state.settings.bins ? (state.eceInterval ?? null) : null,
        smoothEceInterval: state.smooth?.interval ?? null,
      },
    });
  } catch (error) {
    post({ type: 'exportFailed', message: error instanceof Error ? error.message : String(error) });
  }
}

post({ type: 'ready' });
