import type {
  HostToTrainingWebview,
  TrainingPanelState,
  TrainingSetup,
  TrainingWebviewToHost,
} from '../../extension/training/protocol';
import { preventFormSubmission } from '../shared/forms';
import { applyChartColours } from '../shared/palette';
import { Store } from '../shared/store';
import { runImages } from './exportImages';
import { readForm, showErrors, wireFormControls, writeForm } from './form';
import { render } from './render';
import { shellHtml } from './shell';
import { INITIAL_VIEW, reduce, savedState, TrainingViewState } from './viewState';

// First of all: whatever fails below, Enter in a field must never submit the page away (it would go blank).
preventFormSubmission(() => applyForm());
const vscode = acquireVsCodeApi<TrainingPanelState>();
applyChartColours();

document.getElementById('app')!.innerHTML = shellHtml();
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
// The saved state is not read back here: the host parsed it on restore and sends it back ('restore').
const store = new Store<TrainingViewState>(INITIAL_VIEW, render);

function post(message: TrainingWebviewToHost): void {
  vscode.postMessage(message);
}

function saveState(): void {
  const state = savedState(store.state);
  if (!state) return;
  vscode.setState(state);
  post({ type: 'state', state });
}

function withSetup(setup: TrainingSetup): void {
  store.update((view) => (view.saved ? { ...view, saved: { ...view.saved, setup } } : view));
}

wireFormControls();

/** Enter in a field: check the form and keep its values (as Run would), without starting a run. */
function applyForm(): void {
  const saved = store.state.saved;
  const setup = saved && readForm(saved.setup);
  if (!setup) return;
  withSetup(setup);
  saveState();
}

$('setup').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
    event.preventDefault();
    applyForm();
  }
});
$('run').addEventListener('click', () => {
  const view = store.state;
  if (!view.saved || view.running || !view.dataset) return;
  const setup = readForm(view.saved.setup);
  if (!setup) return;
  withSetup(setup);
  saveState();
  store.update((v) => ({ ...v, running: true })); // until the host answers: no second Run in the meantime
  post({ type: 'run', setup });
});
$('choose-dataset').addEventListener('click', () => {
  if (!store.state.running) post({ type: 'chooseDataset' });
});
$('stop').addEventListener('click', () => post({ type: 'stop' }));
$('export').addEventListener('click', () => post({ type: 'export' }));
$('insert-loss').addEventListener('click', () => {
  const saved = store.state.saved;
  const setup = saved && readForm(saved.setup);
  if (setup) post({ type: 'insertLoss', gamma: setup.config.gamma ?? 0.1, threshold: setup.config.threshold ?? null });
});
for (const id of ['diagrams', 'study'])
  $(id).addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('[data-open-run]');
    if (button) post({ type: 'openInCalibration', run: Number(button.dataset.openRun) });
  });
$('study').addEventListener('change', (event) => {
  const target = event.target as HTMLElement;
  if (target instanceof HTMLSelectElement && target.id === 'study-seed')
    store.update((view) => ({ ...view, chosenSeed: Number(target.value) }));
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
  const saved = store.state.saved;
  if (!saved || store.state.running || !label) return;
  post({ type: 'reloadDataset', setup: { ...(readForm(saved.setup) ?? saved.setup), label, ignored: undefined } });
}

$('data').addEventListener('change', (event) => {
  const target = event.target as HTMLElement;
  const view = store.state;
  if (!view.saved || view.running || !view.dataset) return;
  if (!(target instanceof HTMLSelectElement || target instanceof HTMLInputElement)) return;
  let setup = view.saved.setup;
  if (target.id === 'label-column') setup = { ...setup, label: target.value, ignored: undefined };
  else if (target.dataset.column) {
    // The whole choice as shown: every unchecked column, the inferred ones included.
    const unchecked = [...document.querySelectorAll<HTMLInputElement>('#data input[data-column]')].filter(
      (box) => !box.checked && !box.disabled,
    );
    setup = { ...setup, ignored: unchecked.map((box) => box.dataset.column!) };
  } else return;
  withSetup(setup);
  post({ type: 'reloadDataset', setup: readForm(setup) ?? setup });
});

window.addEventListener('message', (event: MessageEvent<HostToTrainingWebview>) => handle(event.data));

function handle(message: HostToTrainingWebview): void {
  store.update((view) => reduce(view, message));
  switch (message.type) {
    case 'restore':
      writeForm(message.state.setup);
      break;
    case 'dataset':
      writeForm(message.setup);
      saveState();
      break;
    case 'datasetError':
      // The form stays as it was (or as the host's setup has it): only the data part changes.
      if (message.setup) writeForm(message.setup);
      break;
    case 'setupError':
      showErrors([[message.field, message.message]]);
      break;
    case 'finished':
      saveState();
      break;
    case 'event':
      if (message.event.type === 'runEnd') saveState();
      break;
    case 'exportImages':
      void runImages(store.state.runs).then((images) => post({ type: 'images', images }));
      break;
    default:
      break;
  }
}

render(store.state);
post({ type: 'ready' });
