import type { HostToLmWebview, LmPanelState, LmSetup, LmWebviewToHost } from '../../extension/lm/protocol';
import { preventFormSubmission } from '../shared/forms';
import { applyChartColours } from '../shared/palette';
import { Store } from '../shared/store';
import { readForm, showErrors, wirePresets, writeForm } from './form';
import { render, shellHtml } from './render';
import { INITIAL_VIEW, LmViewState, reduce, savedState } from './viewState';

// First of all: whatever fails below, Enter in a field must never submit the page away (it would go blank).
preventFormSubmission(() => applyForm());
const vscode = acquireVsCodeApi<LmPanelState>();
applyChartColours();

document.getElementById('app')!.innerHTML = shellHtml();
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
// The saved state is not read back here: the host parsed it on restore and sends it back ('restore').
const store = new Store<LmViewState>(INITIAL_VIEW, render);

function post(message: LmWebviewToHost): void {
  vscode.postMessage(message);
}

function saveState(): void {
  const state = savedState(store.state);
  if (!state) return;
  vscode.setState(state);
  post({ type: 'state', state });
}

function withSetup(setup: LmSetup): void {
  store.update((view) => ({ ...view, setup }));
}

wirePresets();

/** Enter in a field: check the form and keep its values, without starting a run; a new context checks the text again. */
function applyForm(): void {
  const setup = readForm();
  if (!setup) return;
  const contextChanged = setup.context !== store.state.setup.context;
  withSetup(setup);
  saveState();
  if (contextChanged && !store.state.running) post({ type: 'checkText', setup });
}

$('setup').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
    event.preventDefault();
    applyForm();
  }
});
$('run').addEventListener('click', () => {
  const view = store.state;
  if (view.running || !view.corpus) return;
  const setup = readForm();
  if (!setup) return;
  withSetup(setup);
  saveState();
  store.update((v) => ({ ...v, running: true, status: 'Starting the workers…' })); // no second Run meanwhile
  post({ type: 'run', setup });
});
$('stop').addEventListener('click', () => post({ type: 'stop' }));
$('choose-text').addEventListener('click', () => {
  if (!store.state.running) post({ type: 'chooseText' });
});
$('diagrams').addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest<HTMLButtonElement>('[data-open-run]');
  if (button) post({ type: 'openInCalibration', run: Number(button.dataset.openRun) });
});

window.addEventListener('message', (event: MessageEvent<HostToLmWebview>) => handle(event.data));

function handle(message: HostToLmWebview): void {
  store.update((view) => reduce(view, message));
  switch (message.type) {
    case 'restore':
      writeForm(message.state.setup);
      break;
    case 'textLoading':
      saveState();
      break;
    case 'setupError':
      showErrors([[message.field, message.message]]);
      break;
    case 'finished':
      saveState();
      break;
    default:
      break;
  }
}

writeForm({});
render(store.state);
post({ type: 'ready' });
