import * as path from 'path';
import * as vscode from 'vscode';
import type { EncodedDataset } from '../core/data/dataset';
import { resolveTrainConfig, TrainConfig, TrainConfigError } from '../core/train/config';
import type { ExperimentReport } from '../core/train/experiment';
import { planRuns } from '../core/train/plan';
import type { TrainEvent } from '../core/train/types';
import {
  HostToTrainingWebview,
  parseTrainingWebviewMessage,
  restoreTrainingPanelState,
  RunImage,
  TRAINING_VIEW_TYPE,
  TrainingPanelState,
  TrainingSetup,
} from './training/protocol';
import type { FileInfo } from './webviewProtocol';
import { pickDataset } from './pickDataset';
import { writeRunFolder } from './runFolder';
import { TrainingProgress } from './trainingProgress';
import { chooseRunFolder, openRunInCalibration } from './trainingRunFiles';
import { startTraining, TrainingJob } from './trainWorkerClient';
import { datasetKey, datasetView, defaultSetup, fileLabel, preview, titleFor } from './trainingSetup';
import type { TrainingPanelDeps, TrainingPanelInfo } from './trainingPanelTypes';
import { markTrainingStepDone } from './walkthrough';
import { webviewHtml, webviewOptions } from './webviewHtml';

export type { DatasetLoader, TrainingPanelDeps, TrainingPanelInfo } from './trainingPanelTypes';

export class TrainingPanels implements vscode.WebviewPanelSerializer {
  private readonly open = new Map<string, TrainingPanel>();

  constructor(private readonly deps: TrainingPanelDeps) {}

  show(uri: vscode.Uri): TrainingPanelInfo {
    const existing = this.open.get(uri.toString());
    if (existing) {
      existing.panel.reveal();
      return existing.info();
    }
    const panel = vscode.window.createWebviewPanel(TRAINING_VIEW_TYPE, titleFor(uri), vscode.ViewColumn.Active, {
      ...webviewOptions(this.deps.extensionUri),
      retainContextWhenHidden: true,
    });
    return this.track(panel, uri, defaultSetup()).info();
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- VS Code's WebviewPanelSerializer asks for a Promise
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = restoreTrainingPanelState(state);
    if (!saved) {
      panel.dispose();
      return;
    }
    this.deps.log.info(`Restoring the training panel of ${saved.uri}`);
    panel.webview.options = webviewOptions(this.deps.extensionUri);
    const setup = saved.setup ?? defaultSetup();
    this.track(panel, vscode.Uri.parse(saved.uri), setup, { ...saved, setup });
  }

  list(): TrainingPanelInfo[] {
    return [...this.open.values()].map((p) => p.info());
  }

  dispose(): void {
    for (const p of this.open.values()) p.panel.dispose();
  }

  private track(
    panel: vscode.WebviewPanel,
    uri: vscode.Uri,
    setup: TrainingSetup,
    saved?: TrainingPanelState,
  ): TrainingPanel {
    const training: TrainingPanel = new TrainingPanel(
      panel,
      uri,
      setup,
      this.deps,
      (next) => this.retarget(training, next),
      saved,
    );
    this.open.set(uri.toString(), training);
    panel.onDidDispose(() => {
      const key = training.uri.toString();
      if (this.open.get(key) === training) this.open.delete(key);
    });
    return training;
  }

  /** "Choose another dataset…": the panel takes the new file, unless another panel already shows it. */
  private retarget(training: TrainingPanel, next: vscode.Uri): boolean {
    const other = this.open.get(next.toString());
    if (other && other !== training) {
      other.panel.reveal();
      training.panel.dispose();
      return false;
    }
    if (this.open.get(training.uri.toString()) === training) this.open.delete(training.uri.toString());
    this.open.set(next.toString(), training);
    return true;
  }
}

class TrainingPanel {
  private dataset?: EncodedDataset;
  private error?: string;
  private datasetKey = '';
  private report?: ExperimentReport;
  private job?: TrainingJob;
  private lastJob?: TrainingJob;
  /** From Run until its training ends: a second Run or a dataset reload is refused meanwhile. */
  private starting = false;
  private loadGeneration = 0;
  private finishedWaiters: Array<(status: string) => void> = [];
  private imagesWaiter?: (images: RunImage[]) => void;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    public uri: vscode.Uri,
    private setup: TrainingSetup,
    private readonly deps: TrainingPanelDeps,
    /** Re-keys the panel under another file; false when another panel showed that file (this one is then closed). */
    private readonly retarget: (next: vscode.Uri) => boolean,
    /** What the webview last saved (parsed): given back to it when it starts again. */
    private saved?: TrainingPanelState,
  ) {
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'icon.svg');
    panel.webview.html = webviewHtml(panel.webview, deps.extensionUri, {
      title: titleFor(uri),
      script: 'dist/webview/training.js',
      styles: ['media/panel.css'],
    });
    this.disposables.push(panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)));
    panel.onDidDispose(() => {
      this.disposed = true;
      // Closing the panel stops its training: the worker is terminated.
      this.job?.cancel();
      vscode.Disposable.from(...this.disposables).dispose();
    });
  }

  info(): TrainingPanelInfo {
    return {
      uri: this.uri.toString(),
      panel: this.panel,
      dataset: this.dataset,
      report: this.report,
      error: this.error,
      running: this.job !== undefined,
      receive: (m) => this.receive(m),
      finished: () => new Promise((resolve) => this.finishedWaiters.push(resolve)),
      workerExited: () => this.lastJob?.exited ?? Promise.resolve(),
    };
  }

  private post(message: HostToTrainingWebview): void {
    if (this.disposed) return;
    this.panel.webview
      .postMessage(message)
      .then(undefined, (error: unknown) =>
        this.deps.log.warn(`Training panel: a message was not delivered: ${String(error)}`),
      );
  }

  async receive(message: unknown): Promise<void> {
    const parsed = parseTrainingWebviewMessage(message);
    if (!parsed.ok) {
      this.deps.log.warn(`Training panel: rejected a malformed message (${parsed.problem}): ${preview(message)}`);
      return;
    }
    const m = parsed.value;
    switch (m.type) {
      case 'ready':
        if (this.saved) this.post({ type: 'restore', state: this.saved });
        await this.loadDataset(this.setup);
        break;
      case 'reloadDataset':
        if (!this.job && !this.starting) await this.loadDataset(m.setup);
        break;
      case 'run':
        await this.run(m.setup);
        break;
      case 'stop':
        this.job?.cancel();
        break;
      case 'export':
        await this.export();
        break;
      case 'images':
        this.imagesWaiter?.(m.images);
        break;
      case 'openInCalibration':
        if (this.report) await openRunInCalibration(this.deps.storageUri, this.uri, this.report, m.run, this.deps.log);
        break;
      case 'chooseDataset':
        await this.chooseDataset();
        break;
      case 'insertLoss':
        await this.insertLoss(m.gamma, m.threshold);
        break;
      case 'state':
        this.saved = m.state;
        this.setup = m.state.setup;
        break;
      case 'log':
        this.deps.log[m.level](`Training webview: ${m.message}`);
        break;
    }
  }

  private fileInfo(): FileInfo {
    return { uri: this.uri.toString(), label: fileLabel(this.uri), size: 0 };
  }

  private async loadDataset(setup: TrainingSetup): Promise<EncodedDataset | undefined> {
    const key = datasetKey({ ...setup, label: setup.label ?? this.dataset?.schema.label });
    if (this.dataset && key === this.datasetKey) return this.dataset;
    this.post({ type: 'datasetLoading', file: this.fileInfo() });
    const generation = ++this.loadGeneration;
    try {
      const dataset = await this.deps.loadDataset(this.uri, setup, this.dataset);
      if (generation !== this.loadGeneration) return undefined; // a newer load replaced this one
      this.dataset = dataset;
      this.error = undefined;
      this.setup = { ...setup, label: dataset.schema.label };
      // Keyed by the label actually used, so "as inferred" and the same label named explicitly agree.
      this.datasetKey = datasetKey(this.setup);
      this.deps.log.info(
        `${fileLabel(this.uri)}: ${dataset.summary.rowsUsed} rows, ${dataset.features} features, ${dataset.classes} classes`,
      );
      this.post({ type: 'dataset', dataset: datasetView(dataset, this.fileInfo()), setup: this.setup });
      return dataset;
    } catch (error) {
      if (generation !== this.loadGeneration) return undefined;
      const message = error instanceof Error ? error.message : String(error);
      this.error = message;
      this.dataset = undefined;
      this.deps.log.warn(message);
      // The setup goes along, so that the form is filled in and usable for the next file.
      this.post({ type: 'datasetError', file: this.fileInfo(), message, setup: this.setup });
      return undefined;
    }
  }

  /** Another file for this panel, keeping the form's settings (but not the label and column choices of the last file). */
  private async chooseDataset(): Promise<void> {
    if (this.job || this.starting) return;
    const next = await pickDataset(this.deps.extensionUri);
    if (!next || this.disposed || next.toString() === this.uri.toString()) return;
    if (!this.retarget(next)) return;
    this.deps.log.info(`Training panel: ${fileLabel(this.uri)} → ${fileLabel(next)}`);
    this.uri = next;
    this.panel.title = titleFor(next);
    this.dataset = undefined;
    this.datasetKey = '';
    this.report = undefined;
    this.setup = { ...this.setup, label: undefined, ignored: undefined };
    await this.loadDataset(this.setup);
  }

  private async run(setup: TrainingSetup): Promise<void> {
    if (this.job || this.starting) return;
    this.starting = true;
    try {
      await this.startRun(setup);
    } finally {
      this.starting = false;
    }
  }

  private async startRun(setup: TrainingSetup): Promise<void> {
    let config: TrainConfig;
    try {
      config = resolveTrainConfig(setup.config);
    } catch (error) {
      if (error instanceof TrainConfigError) {
        this.deps.log.warn(`Training panel: refused the setup: ${error.message}`);
        this.post({ type: 'setupError', field: error.field, message: error.message });
        return;
      }
      throw error;
    }
    const dataset = await this.loadDataset(setup);
    if (!dataset) return;
    this.setup = { ...setup, label: dataset.schema.label };
    const distDir = path.join(this.deps.extensionUri.fsPath, 'dist');
    const progress = new TrainingProgress(this.uri);
    const onEvent = (event: TrainEvent) => {
      progress.onEvent(event);
      if (event.type === 'runEnd') {
        const { predictions: _predictions, ...view } = event.run;
        this.post({ type: 'event', event: { type: 'runEnd', run: { ...view, predictions: null } } });
        return;
      }
      this.post({ type: 'event', event });
    };
    this.deps.log.info(`Training on ${fileLabel(this.uri)}: ${JSON.stringify(config)}`);
    const job = startTraining(distDir, dataset, config, onEvent);
    this.job = job;
    this.lastJob = job;
    progress.start(job.outcome, () => job.cancel());
    this.post({ type: 'started', runs: planRuns(config).map((r) => r.name), epochs: config.epochs });
    const outcome = await job.outcome;
    progress.dispose();
    this.job = undefined;
    if (outcome.status === 'done') {
      this.report = outcome.report;
      this.deps.log.info(
        `Training finished on ${outcome.report.backend}: ${outcome.report.runs.map((r) => `${r.name} ECE ${r.test?.ece.toFixed(4) ?? r.status}`).join('; ')}`,
      );
      this.post({ type: 'finished', status: 'done' });
      void markTrainingStepDone(this.deps.log);
    } else if (outcome.status === 'cancelled') {
      this.deps.log.info('Training stopped by the user; the worker was terminated.');
      this.post({ type: 'finished', status: 'cancelled' });
    } else {
      this.deps.log.error(`Training failed: ${outcome.message}`);
      this.post({ type: 'finished', status: 'failed', message: outcome.message });
      void vscode.window.showErrorMessage(`γ-CE training failed: ${outcome.message}`);
    }
    for (const resolve of this.finishedWaiters.splice(0)) resolve(outcome.status);
  }

  private async export(): Promise<void> {
    const report = this.report;
    if (!report) {
      void vscode.window.showInformationMessage('Run a training first; there is nothing to export yet.');
      return;
    }
    const chosen = await chooseRunFolder(this.uri);
    if (!chosen) return;
    const images = await this.requestImages();
    try {
      await writeRunFolder(chosen, report, images);
      const shown = vscode.workspace.asRelativePath(chosen);
      this.deps.log.info(`Exported the run to ${shown}`);
      this.post({ type: 'exported', folder: shown });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.log.warn(`Export refused: ${message}`);
      void vscode.window.showErrorMessage(message);
    }
  }

  private requestImages(): Promise<RunImage[]> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve([]), 15_000);
      this.imagesWaiter = (images) => {
        clearTimeout(timer);
        this.imagesWaiter = undefined;
        resolve(images);
      };
      this.post({ type: 'exportImages' });
    });
  }

  private async insertLoss(gamma: number, threshold: number | null): Promise<void> {
    const commands = await vscode.commands.getCommands(true);
    if (!commands.includes('gammaCe.insertLossFunction')) {
      void vscode.window.showInformationMessage(
        `γ = ${gamma}${threshold === null ? '' : `, b = ${threshold}`}: the insert command is not available.`,
      );
      return;
    }
    // The panel's closed-form γ-CE or TaiLr with its b; the command asks for the framework.
    const argument = threshold === null ? { form: 'closed', gamma } : { form: 'tailr', gamma, threshold };
    await vscode.commands.executeCommand('gammaCe.insertLossFunction', argument);
  }
}
