import type { LmReference } from '../../core/lm/experiment';
import type { LmHistoryPoint } from '../../core/lm/run';
import type { CorpusView, HostToLmWebview, LmPanelState, LmRunView, LmSetup } from '../../extension/lm/protocol';

/** Everything the page shows, in one value: reduce() gives the next from a host message, pure. */
export interface LmViewState {
  sources: string[];
  setup: LmSetup;
  files: string[];
  corpus?: CorpusView;
  textError?: string;
  running: boolean;
  status: string;
  steps: number;
  /** The runs in training (names) and their held-out points as they come. */
  names: string[];
  live: LmHistoryPoint[][];
  runs: LmRunView[];
  reference?: LmReference;
  backend?: string;
  /** The results came from the saved state: the host no longer holds their predictions. */
  restored: boolean;
}

export const INITIAL_VIEW: LmViewState = {
  sources: [],
  setup: {},
  files: [],
  running: false,
  status: '',
  steps: 0,
  names: [],
  live: [],
  runs: [],
  restored: false,
};

export function reduce(view: LmViewState, m: HostToLmWebview): LmViewState {
  switch (m.type) {
    case 'restore': {
      const runs = m.state.runs ?? [];
      return {
        ...view,
        sources: m.state.sources,
        setup: m.state.setup,
        runs,
        names: runs.map((r) => r.name),
        live: runs.map((r) => r.history),
        reference: m.state.reference,
        restored: runs.length > 0,
      };
    }
    case 'textLoading':
      return { ...view, sources: m.sources, files: m.files, status: view.running ? view.status : 'Reading the text…' };
    case 'text':
      return { ...view, corpus: m.corpus, textError: undefined, status: view.running ? view.status : '' };
    case 'textError':
      return { ...view, corpus: undefined, textError: m.message, running: false, status: '' };
    case 'setupError':
      return { ...view, running: false, status: '' };
    case 'started':
      return {
        ...view,
        running: true,
        names: m.runs,
        steps: m.steps,
        live: m.runs.map(() => []),
        runs: [],
        reference: undefined,
        restored: false,
        status: `Training ${m.runs.join(' and ')} in parallel…`,
      };
    case 'point': {
      const live = view.live.map((points, i) => (i === m.run ? [...points, m.point] : points));
      const at = live.map((p, i) => `${view.names[i]} step ${p[p.length - 1]?.step ?? 0}/${view.steps}`);
      return { ...view, live, status: `Training… ${at.join(', ')}` };
    }
    case 'results':
      return { ...view, runs: m.runs, reference: m.reference, backend: m.backend, live: m.runs.map((r) => r.history) };
    case 'finished':
      return {
        ...view,
        running: false,
        status:
          m.status === 'done'
            ? 'Done.'
            : m.status === 'cancelled'
              ? 'Stopped: the workers were terminated.'
              : `Failed: ${m.message ?? ''}`,
      };
  }
}

/** Fraction of the training done: the slower run's steps. */
export function progressOf(view: LmViewState): number {
  if (!view.steps || !view.live.length) return 0;
  return Math.min(...view.live.map((p) => p[p.length - 1]?.step ?? 0)) / view.steps;
}

/** What the webview persists (and the host parses on restore). */
export function savedState(view: LmViewState): LmPanelState | undefined {
  if (!view.sources.length) return undefined;
  return {
    sources: view.sources,
    setup: view.setup,
    ...(view.runs.length ? { runs: view.runs } : {}),
    ...(view.reference ? { reference: view.reference } : {}),
  };
}
