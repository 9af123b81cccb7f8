/**
 * The training panel's host side without VS Code: what each message from the webview does, as a
 * small state machine. idle → loading (a dataset) → idle; idle → running (from Run until its job
 * ends, the dataset load included) → idle. A newer load supersedes an older one (load generation);
 * the dataset is reloaded only when its key (label, columns, noise, seed) changes.
 */
import type { EncodedDataset } from '../../core/data/dataset';
import { resolveTrainConfig, TrainConfig, TrainConfigError } from '../../core/train/config';
import type { ExperimentReport } from '../../core/train/experiment';
import { planRuns } from '../../core/train/plan';
import { isSeedStudy, SeedStudyReport } from '../../core/train/studyPlan';
import type { TrainEvent } from '../../core/train/types';
import { JobPanelController } from '../jobPanelController';
import type { ExperimentOutcome, Job, StudyOutcome, TrainingPorts, TrainingResult } from './ports';
import {
  HostToTrainingWebview,
  parseTrainingWebviewMessage,
  RunImage,
  TrainingPanelState,
  TrainingSetup,
  TrainingWebviewToHost,
} from './protocol';
import { datasetKey, datasetView } from './datasetView';
import { studyView } from './studyProtocol';

export type Phase = 'idle' | 'loading' | 'running';

/** How long Export waits for the webview's figures before writing the folder without them. */
export const IMAGES_TIMEOUT_MS = 15_000;

export class TrainingController extends JobPanelController<HostToTrainingWebview, TrainingWebviewToHost> {
  private phase: Phase = 'idle';
  private dataset?: EncodedDataset;
  private key = '';
  private error?: string;
  private result?: TrainingResult;
  private loadGeneration = 0;
  private imagesWaiter?: (images: RunImage[]) => void;

  constructor(
    private readonly ports: TrainingPorts,
    private setup: TrainingSetup,
    /** What the webview last saved (parsed): given back to it when it starts again. */
    private saved?: TrainingPanelState,
  ) {
    super(ports, parseTrainingWebviewMessage, {
      panel: 'Training panel',
      training: 'Training',
      stopped: 'the worker was terminated',
    });
  }

  get state(): {
    phase: Phase;
    dataset?: EncodedDataset;
    error?: string;
    report?: ExperimentReport;
    study?: SeedStudyReport;
    setup: TrainingSetup;
  } {
    const r = this.result;
    return {
      phase: this.phase,
      dataset: this.dataset,
      error: this.error,
      report: r?.kind === 'experiment' ? r.report : undefined,
      study: r?.kind === 'study' ? r.study : undefined,
      setup: this.setup,
    };
  }

  protected async handle(m: TrainingWebviewToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        if (this.saved) this.post({ type: 'restore', state: this.saved });
        await this.loadDataset(this.setup);
        return;
      case 'reloadDataset':
        if (this.phase !== 'running') await this.loadDataset(m.setup);
        return;
      case 'run':
        return this.run(m.setup);
      case 'stop':
        return this.stop();
      case 'export':
        return this.export();
      case 'images':
        return this.imagesWaiter?.(m.images);
      case 'openInCalibration':
        if (this.result) await this.ports.openInCalibration(this.result, m.run);
        return;
      case 'chooseDataset':
        return this.chooseDataset();
      case 'insertLoss':
        return this.ports.insertLoss(m.gamma, m.threshold);
      case 'state':
        this.saved = m.state;
        this.setup = m.state.setup;
        return;
      case 'log':
        this.ports.log[m.level](`Training webview: ${m.message}`);
        return;
    }
  }

  private async loadDataset(setup: TrainingSetup): Promise<EncodedDataset | undefined> {
    const key = datasetKey({ ...setup, label: setup.label ?? this.dataset?.schema.label });
    if (this.dataset && key === this.key) return this.dataset;
    const file = this.ports.file();
    this.post({ type: 'datasetLoading', file });
    const generation = ++this.loadGeneration;
    const running = this.phase === 'running';
    if (!running) this.phase = 'loading';
    try {
      const dataset = await this.ports.loadDataset(setup, this.dataset);
      if (generation !== this.loadGeneration) return undefined; // a newer load replaced this one
      this.dataset = dataset;
      this.error = undefined;
      this.setup = { ...setup, label: dataset.schema.label };
      // Keyed by the label actually used, so "as inferred" and the same label named explicitly agree.
      this.key = datasetKey(this.setup);
      this.ports.log.info(
        `${file.label}: ${dataset.summary.rowsUsed} rows, ${dataset.features} features, ${dataset.classes} classes`,
      );
      this.post({ type: 'dataset', dataset: datasetView(dataset, file), setup: this.setup });
      return dataset;
    } catch (error) {
      if (generation !== this.loadGeneration) return undefined;
      const message = error instanceof Error ? error.message : String(error);
      this.error = message;
      this.dataset = undefined;
      this.ports.log.warn(message);
      // The setup goes along, so that the form is filled in and usable for the next file.
      this.post({ type: 'datasetError', file, message, setup: this.setup });
      return undefined;
    } finally {
      if (!running && generation === this.loadGeneration) this.phase = 'idle';
    }
  }

  /** Another file for this panel, keeping the form's settings (but not the label and column choices of the last file). */
  private async chooseDataset(): Promise<void> {
    if (this.phase === 'running') return;
    if (!(await this.ports.chooseDataset()) || this.disposed) return;
    this.dataset = undefined;
    this.key = '';
    this.result = undefined;
    this.setup = { ...this.setup, label: undefined, ignored: undefined };
    await this.loadDataset(this.setup);
  }

  private async run(setup: TrainingSetup): Promise<void> {
    if (this.phase === 'running') return;
    let config: TrainConfig;
    try {
      config = resolveTrainConfig(setup.config);
    } catch (error) {
      if (!(error instanceof TrainConfigError)) throw error;
      this.ports.log.warn(`Training panel: refused the setup: ${error.message}`);
      this.post({ type: 'setupError', field: error.field, message: error.message });
      return;
    }
    this.phase = 'running';
    try {
      const dataset = await this.loadDataset(setup);
      if (!dataset || this.disposed) return;
      this.setup = { ...setup, label: dataset.schema.label };
      await this.train(dataset, config);
    } finally {
      this.phase = 'idle';
    }
  }

  private async train(dataset: EncodedDataset, config: TrainConfig): Promise<void> {
    const progress = this.ports.progress();
    const onEvent = (event: TrainEvent) => {
      progress.onEvent(event);
      if (event.type === 'runEnd') {
        const { predictions: _predictions, ...view } = event.run;
        this.post({ type: 'event', event: { type: 'runEnd', run: { ...view, predictions: null } } });
      } else {
        this.post({ type: 'event', event });
      }
    };
    const study = isSeedStudy(config);
    this.ports.log.info(
      `Training on ${this.ports.file().label}${study ? ' (seed study)' : ''}: ${JSON.stringify(config)}`,
    );
    const runs = planRuns(config).map((r) => r.name);
    const job: Job<ExperimentOutcome | StudyOutcome> = study
      ? this.ports.startStudy(dataset, this.setup, config, onEvent)
      : this.ports.startExperiment(dataset, config, onEvent);
    const seeds = Array.from({ length: config.seeds }, (_, i) => config.seed + i);
    const noiseSweep = config.noiseSweep;
    const outcome = await this.runJob(job, progress, () =>
      this.post({
        type: 'started',
        runs,
        epochs: config.epochs,
        ...(study
          ? { study: { seeds, noiseSweep, total: runs.length * seeds.length * (noiseSweep?.length ?? 1) } }
          : {}),
      }),
    );
    if (outcome.status === 'done') {
      if ('study' in outcome) {
        this.result = { kind: 'study', study: outcome.study };
        this.post({ type: 'studyDone', study: studyView(outcome.study) });
      } else {
        this.result = { kind: 'experiment', report: outcome.report };
      }
      this.ports.log.info(`Training finished: ${summaryLine(this.result)}`);
    }
    this.ended(outcome);
    if (outcome.status === 'done') this.ports.trainingDone();
  }

  private async export(): Promise<void> {
    const result = this.result;
    if (!result) {
      this.ports.showInfo('Run a training first; there is nothing to export yet.');
      return;
    }
    const folder = await this.ports.exportResult(result, () => this.requestImages());
    if (folder !== undefined) {
      this.ports.log.info(`Exported the run to ${folder}`);
      this.post({ type: 'exported', folder });
    }
  }

  /** The webview's figures of the runs; none after IMAGES_TIMEOUT_MS without an answer. */
  private requestImages(): Promise<RunImage[]> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => answer([]), IMAGES_TIMEOUT_MS);
      const answer = (images: RunImage[]) => {
        clearTimeout(timer);
        this.imagesWaiter = undefined;
        resolve(images);
      };
      this.imagesWaiter = answer;
      this.post({ type: 'exportImages' });
    });
  }
}

function summaryLine(result: TrainingResult): string {
  if (result.kind === 'study') {
    return `${result.study.runs.length} runs over ${result.study.seeds.length} seeds on ${result.study.backend}`;
  }
  const { report } = result;
  return `on ${report.backend}: ${report.runs.map((r) => `${r.name} ECE ${r.test?.ece.toFixed(4) ?? r.status}`).join('; ')}`;
}
