/** The training webview's state and how each message from the host changes it: pure, so it is unit-tested in Node. */
import type {
  DatasetView,
  HostToTrainingWebview,
  RunView,
  StudyPlan,
  StudyView,
  TrainingPanelState,
} from '../../extension/training/protocol';

export interface TrainingViewState {
  /** What the webview saves (and the host keeps): file, setup, runs, backend, study. */
  saved?: TrainingPanelState;
  fileLabel: string;
  summary: string;
  /** Why the file could not be used; the label field to retry with when the label was the problem. */
  datasetError?: { message: string; aboutLabel: boolean; label: string };
  dataset?: DatasetView;
  running: boolean;
  /** One experiment's run names. */
  planned: string[];
  study?: StudyPlan;
  /** The seed (and noise rate) being trained, in a study. */
  current?: { index: number; total: number; seed?: number; noise?: number };
  progress: number;
  status: string;
  /** The runs of the experiment, or of the seed being trained. */
  runs: RunView[];
  backend?: string;
  /** The finished study shown in the results. */
  studyResult?: StudyView;
  /** The seed whose reliability diagrams the study shows (undefined: the median one). */
  chosenSeed?: number;
}

export const INITIAL_VIEW: TrainingViewState = {
  fileLabel: '',
  summary: 'Loading the dataset…',
  running: false,
  planned: [],
  progress: 0,
  status: '',
  runs: [],
};

export const NEEDS_DATASET = 'Run needs a dataset that loads.';

type TrainEventMessage = Extract<HostToTrainingWebview, { type: 'event' }>['event'];

/** The state after a host message. Side effects (writing the form, marking errors, sending figures) are main.ts's. */
export function reduce(view: TrainingViewState, message: HostToTrainingWebview): TrainingViewState {
  switch (message.type) {
    case 'restore': {
      const state = message.state;
      return { ...view, saved: state, runs: state.runs ?? [], backend: state.backend, studyResult: state.study };
    }
    case 'datasetLoading':
      return { ...view, dataset: undefined, fileLabel: message.file.label, summary: 'Loading the dataset…' };
    case 'dataset': {
      // Another file: the last file's results do not belong to it.
      const otherFile = view.saved !== undefined && view.saved.uri !== message.dataset.file.uri;
      const runs = otherFile ? [] : view.runs;
      const studyResult = otherFile ? undefined : view.studyResult;
      return {
        ...view,
        dataset: message.dataset,
        datasetError: undefined,
        fileLabel: message.dataset.file.label,
        summary: datasetSummary(message.dataset),
        runs,
        studyResult,
        status: view.status === NEEDS_DATASET ? '' : view.status,
        saved: { uri: message.dataset.file.uri, setup: message.setup, runs, backend: view.backend, study: studyResult },
      };
    }
    case 'datasetError': {
      const setup = message.setup ?? view.saved?.setup;
      // Another label column can help only when the label was the problem (the message names it).
      const aboutLabel = /--label|the label column/.test(message.message);
      return {
        ...view,
        dataset: undefined,
        running: false,
        fileLabel: message.file.label,
        summary: `This file could not be used: choose another dataset${aboutLabel ? ', or another label column' : ''}.`,
        datasetError: { message: message.message, aboutLabel, label: setup?.label ?? '' },
        status: NEEDS_DATASET,
        saved: setup
          ? { ...view.saved, uri: message.file.uri, setup, runs: view.runs, backend: view.backend }
          : view.saved,
      };
    }
    case 'setupError':
      return { ...view, running: false };
    case 'started':
      return {
        ...view,
        planned: message.runs,
        study: message.study,
        current: undefined,
        runs: [],
        studyResult: undefined,
        chosenSeed: undefined,
        running: true,
        progress: 0,
      };
    case 'event':
      return onEvent(view, message.event);
    case 'studyDone':
      return { ...view, studyResult: message.study, runs: [] };
    case 'finished':
      return {
        ...view,
        running: false,
        status:
          message.status === 'done'
            ? view.studyResult
              ? `Finished: ${view.studyResult.runs.length} runs over ${view.studyResult.seeds.length} seeds.`
              : `Finished: ${view.runs.length} runs.`
            : message.status === 'cancelled'
              ? 'Stopped.'
              : `Failed: ${message.message ?? ''}`,
      };
    case 'exportImages':
      return view;
    case 'exported':
      return { ...view, status: `Exported to ${message.folder}` };
  }
}

function onEvent(view: TrainingViewState, event: TrainEventMessage): TrainingViewState {
  switch (event.type) {
    case 'backend':
      return { ...view, backend: event.backend };
    case 'runStart': {
      const current = { index: event.index, total: event.total, seed: event.seed, noise: event.noise };
      // In a study each seed is an experiment of its own: its runs replace the last seed's.
      const newSeed =
        view.current !== undefined && (view.current.seed !== event.seed || view.current.noise !== event.noise);
      const placeholder: RunView = {
        name: event.run,
        loss: 'ce',
        gamma: null,
        threshold: null,
        status: 'ok',
        epochs: 0,
        history: [],
        test: null,
      };
      return {
        ...view,
        current,
        runs: inPlanOrder([...(newSeed ? [] : view.runs), placeholder], view.planned),
        status: `Run ${event.index + 1} of ${event.total}: ${event.run}${seedText(current)}`,
        progress: event.index / Math.max(1, event.total),
      };
    }
    case 'epoch': {
      const runs = view.runs.map((r) =>
        r.name === event.run ? { ...r, history: [...r.history, event.record], epochs: event.record.epoch } : r,
      );
      const total = view.current?.total ?? view.planned.length;
      const index = view.current?.index ?? runs.length - 1;
      return {
        ...view,
        runs,
        progress: (index + event.record.epoch / event.epochs) / Math.max(1, total),
        status: `Run ${index + 1} of ${total}: ${event.run}${seedText(view.current)} — epoch ${event.record.epoch}/${event.epochs}`,
      };
    }
    case 'runEnd': {
      const { predictions: _omit, ...run } = event.run;
      const at = view.runs.findIndex((r) => r.name === run.name);
      const runs =
        at >= 0 ? view.runs.map((r, i) => (i === at ? run : r)) : inPlanOrder([...view.runs, run], view.planned);
      return { ...view, runs };
    }
  }
}

/**
 * The runs in the order of the plan (the report's order, which the run buttons index), not in the
 * order their workers happened to start them.
 */
function inPlanOrder(runs: RunView[], planned: readonly string[] | undefined): RunView[] {
  if (!planned) return runs;
  const rank = (r: RunView) => {
    const i = planned.indexOf(r.name);
    return i < 0 ? planned.length : i;
  };
  return [...runs].sort((a, b) => rank(a) - rank(b));
}

function seedText(current: TrainingViewState['current']): string {
  if (current?.seed === undefined) return '';
  return ` (seed ${current.seed}${current.noise === undefined ? '' : `, noise ${current.noise}`})`;
}

function datasetSummary(view: DatasetView): string {
  return (
    `${view.rows.toLocaleString()} rows · ${view.features} features · ${view.classNames.length} classes · ` +
    `split ${view.split.train}/${view.split.validation}/${view.split.test}` +
    (view.noise.rate > 0 ? ` · label noise ${view.noise.rate}: ${view.noise.flipped} training labels flipped` : '')
  );
}

/** What the webview saves: the saved part of the state with the runs and the study as they are now. */
export function savedState(view: TrainingViewState): TrainingPanelState | undefined {
  if (!view.saved) return undefined;
  return { ...view.saved, runs: view.runs, backend: view.backend, study: view.studyResult };
}
