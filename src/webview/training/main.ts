import type {
  HostToTrainingWebview,
  TrainingPanelState,
  TrainingSetup,
  TrainingWebviewToHost,
} from '../../extension/training/protocol';
import { byId } from '../shared/dom';
import { showErrors } from '../shared/forms';
import { bootPanel, onOpenRun } from '../shared/panelBoot';
import { runImages } from './exportImages';
import { readForm, wireFormControls, writeForm } from './form';
import { render } from './render';
import { shellHtml } from './shell';
import * as viewState from './viewState';
import type { TrainingViewState } from './viewState';

const panel = bootPanel<TrainingViewState, TrainingPanelState, TrainingWebviewToHost, HostToTrainingWebview>(
  viewState,
  { shellHtml, render, applyForm, onMessage: handle },
);
const { store, post, saveState } = panel;

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

byId('run').addEventListener('click', () => {
  const view = store.state;
  if (!view.saved || view.running || !view.dataset) return;
  const setup = readForm(view.saved.setup);
  if (!setup) return;
  withSetup(setup);
  saveState();
  store.update((v) => ({ ...v, running: true })); // until the host answers: no second Run in the meantime
  post({ type: 'run', setup });
});
byId('choose-dataset').addEventListener('click', () => {
  if (!store.state.running) post({ type: 'chooseDataset' });
});
byId('stop').addEventListener('click', () => post({ type: 'stop' }));
byId('export').addEventListener('click', () => post({ type: 'export' }));
byId('insert-loss').addEventListener('click', () => {
  const saved = store.state.saved;
  const setup = saved && readForm(saved.setup);
  if (setup) post({ type: 'insertLoss', gamma: setup.config.gamma ?? 0.1, threshold: setup.config.threshold ?? null });
});
onOpenRun(['diagrams', 'study'], (run) => post({ type: 'openInCalibration', run }));
byId('study').addEventListener('change', (event) => {
  const target = event.target as HTMLElement;
  if (target instanceof HTMLSelectElement && target.id === 'study-seed')
    store.update((view) => ({ ...view, chosenSeed: Number(target.value) }));
});
byId('data').addEventListener('click', (event) => {
  if ((event.target as HTMLElement).id === 'label-retry-load') retryWithLabel();
});
byId('data').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.target as HTMLElement).id === 'label-retry') {
    event.preventDefault();
    retryWithLabel();
  }
});

/** After a file was refused: load it again with the label column typed in the error's field. */
function retryWithLabel(): void {
  const label = (byId('label-retry') as HTMLInputElement | null)?.value.trim();
  const saved = store.state.saved;
  if (!saved || store.state.running || !label) return;
  post({ type: 'reloadDataset', setup: { ...(readForm(saved.setup) ?? saved.setup), label, ignored: undefined } });
}

byId('data').addEventListener('change', (event) => {
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

function handle(message: HostToTrainingWebview): void {
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

panel.ready();
