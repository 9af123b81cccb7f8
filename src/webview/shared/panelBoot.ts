/**
 * How the training and language-model webviews start and talk to their host: Enter never submits
 * the page away, the chart colours are read, the shell drawn and one store renders it; a host
 * message goes through the reducer, then to the page; the state is kept in the webview and with the
 * host (which parses it on restore and sends it back: it is never read back here).
 */
import { byId } from './dom';
import { preventFormSubmission } from './forms';
import { applyChartColours } from './palette';
import { Store } from './store';

/** What acquireVsCodeApi() gives, as far as a panel uses it. */
export interface PanelApi<Saved> {
  postMessage(message: unknown): void;
  setState(state: Saved): void;
}

export interface PanelPage<View, Saved, FromHost> {
  reduce(view: View, message: FromHost): View;
  /** What of the view a reload keeps; undefined while there is nothing to keep. */
  savedState(view: View): Saved | undefined;
  /** What a host message does beyond the reducer (called once the store has it). */
  onMessage(message: FromHost): void;
}

export interface PanelChannel<ToHost, FromHost> {
  post: (message: ToHost) => void;
  /** Keeps the state for a reload, in the webview and with the host. */
  saveState: () => void;
  receive: (message: FromHost) => void;
}

/** The page's side of its channel to the host (no DOM: unit-tested). */
export function panelChannel<View, Saved, ToHost, FromHost>(
  api: PanelApi<Saved>,
  store: Store<View>,
  page: PanelPage<View, Saved, FromHost>,
): PanelChannel<ToHost, FromHost> {
  const post = (message: ToHost | { type: 'state'; state: Saved }) => api.postMessage(message);
  return {
    post,
    saveState: () => {
      const state = page.savedState(store.state);
      if (!state) return;
      api.setState(state);
      post({ type: 'state', state });
    },
    receive: (message) => {
      store.update((view) => page.reduce(view, message));
      page.onMessage(message);
    },
  };
}

/** A page's view module: its first state, reducer and what of it a reload keeps. */
export interface PanelView<View, Saved, FromHost> {
  INITIAL_VIEW: View;
  reduce: (view: View, message: FromHost) => View;
  savedState: (view: View) => Saved | undefined;
}

export interface PanelControls<View, FromHost> {
  /** The page's markup, drawn into #app once. */
  shellHtml: () => string;
  render: (view: View) => void;
  /** Enter in a field of #setup (or a form's submit): check the form and keep its values, without a run. */
  applyForm: () => void;
  /** What a host message does beyond the reducer (called once the store has it). */
  onMessage: (message: FromHost) => void;
}

export interface Panel<View, ToHost, FromHost> extends PanelChannel<ToHost, FromHost> {
  readonly store: Store<View>;
  /** Draws the first state and tells the host that the page is listening. */
  ready(): void;
}

/** Starts a panel's page; its own controls are wired after this, then `ready()`. */
export function bootPanel<View, Saved, ToHost, FromHost>(
  view: PanelView<View, Saved, FromHost>,
  page: PanelControls<View, FromHost>,
): Panel<View, ToHost, FromHost> {
  // First of all: whatever fails below, Enter in a field must never submit the page away (it would go blank).
  preventFormSubmission(() => page.applyForm());
  const api = acquireVsCodeApi<Saved>();
  applyChartColours();
  byId('app').innerHTML = page.shellHtml();
  const store = new Store<View>(view.INITIAL_VIEW, page.render);
  const channel = panelChannel<View, Saved, ToHost, FromHost>(api, store, {
    reduce: view.reduce,
    savedState: view.savedState,
    onMessage: page.onMessage,
  });
  byId('setup').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
      event.preventDefault();
      page.applyForm();
    }
  });
  window.addEventListener('message', (event: MessageEvent<FromHost>) => channel.receive(event.data));
  return {
    ...channel,
    store,
    ready: () => {
      page.render(store.state);
      api.postMessage({ type: 'ready' });
    },
  };
}

/** A click on a `data-open-run` button in one of these regions opens that run (in the calibration panel). */
export function onOpenRun(regions: string[], open: (run: number) => void): void {
  for (const id of regions)
    byId(id).addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>('[data-open-run]');
      if (button) open(Number(button.dataset.openRun));
    });
}
