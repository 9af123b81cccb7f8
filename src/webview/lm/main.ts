import type { HostToLmWebview, LmPanelState, LmSetup, LmWebviewToHost } from '../../extension/lm/protocol';
import { byId } from '../shared/dom';
import { showErrors } from '../shared/forms';
import { bootPanel, onOpenRun } from '../shared/panelBoot';
import { readForm, wirePresets, writeForm } from './form';
import { render, shellHtml } from './render';
import * as viewState from './viewState';
import type { LmViewState } from './viewState';

const panel = bootPanel<LmViewState, LmPanelState, LmWebviewToHost, HostToLmWebview>(viewState, {
  shellHtml,
  render,
  applyForm,
  onMessage: handle,
});
const { store, post, saveState } = panel;

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

byId('run').addEventListener('click', () => {
  const view = store.state;
  if (view.running || !view.corpus) return;
  const setup = readForm();
  if (!setup) return;
  withSetup(setup);
  saveState();
  store.update((v) => ({ ...v, running: true, status: 'Starting the workers…' })); // no second Run meanwhile
  post({ type: 'run', setup });
});
byId('stop').addEventListener('click', () => post({ type: 'stop' }));
byId('choose-text').addEventListener('click', () => {
  if (!store.state.running) post({ type: 'chooseText' });
});
onOpenRun(['diagrams'], (run) => post({ type: 'openInCalibration', run }));

function handle(message: HostToLmWebview): void {
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
panel.ready();
