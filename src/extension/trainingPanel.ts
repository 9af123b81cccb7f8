import * as path from 'path';
import * as vscode from 'vscode';
import type { EncodedDataset } from '../core/data/dataset';
import { resolveTrainConfig, TrainConfig, TrainConfigError } from '../core/train/config';
import type { ExperimentReport } from '../core/train/experiment';
import { planRuns } from '../core/train/plan';
import { predictionsCsv } from '../core/reports/predictionsCsv';
import type { TrainEvent } from '../core/train/types';
import {
  DatasetView,
  HostToTrainingWebview,
  parseTrainingWebviewMessage,
  restoreTrainingPanelState,
  RunImage,
  TRAINING_VIEW_TYPE,
  TrainingPanelState,
  TrainingSetup,
} from './training/protocol';
import type { FileInfo } from './webviewProtocol';
import { slug } from '../core/train/slug';
import { writeRunFolder } from './runFolder';
import { startTraining, TrainingJob } from './trainWorkerClient';
import { webviewHtml, webviewOptions } from './webviewHtml';

/** Loads a dataset off the extension host's thread, with the setup's label, noise, seed and columns. */
export type DatasetLoader = (uri: vscode.Uri, setup: TrainingSetup, previous?: EncodedDataset) => Promise<EncodedDataset>;

export interface TrainingPanelDeps {
  extensionUri: vscode.Uri;
  storageUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  loadDataset: DatasetLoader;
}

/** What tests can see of an open training panel. */
export interface TrainingPanelInfo {
  uri: string;
  panel: vscode.WebviewPanel;
  dataset?: EncodedDataset;
  report?: ExperimentReport;
  /** The message shown when the dataset could not be loaded. */
  error?: string;
  running: boolean;
  /** Feeds a message to the host side as if the webview had sent it. */
  receive(message: unknown): Promise<void>;
  /** Settles when the current (or next) training finishes. */
  finished(): Promise<string>;
  /** Resolves when the last training's worker thread has exited. */
  workerExited(): Promise<void>;
}

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

  private track(panel: vscode.WebviewPanel, uri: vscode.Uri, setup: TrainingSetup, saved?: TrainingPanelState): TrainingPanel {
    const key = uri.toString();
    const training = new TrainingPanel(panel, uri, setup, this.deps, saved);
    this.open.set(key, training);
    panel.onDidDispose(() => {
      if (this.open.get(key) === training) this.open.delete(key);
    });
    return training;
  }
}

/** The form's starting values: the user's settings (gammaCe.training.*). */
export function defaultSetup(): TrainingSetup {
  const c = vscode.workspace.getConfiguration('gammaCe.training');
  const threshold = c.get<number | null>('threshold', null);
  return {
    config: {
      model: c.get('model', 'mlp'),
      hidden: c.get('hidden', [64]),
      gamma: c.get('gamma', 0.1),
      threshold: typeof threshold === 'number' ? threshold : null,
      schedule: c.get('schedule', 'constant'),
      baselines: c.get('baselines', []),
      epochs: c.get('epochs', 50),
      batchSize: c.get('batchSize', 32),
      learningRate: c.get('learningRate', 1e-3),
      seed: c.get('seed', 0),
      sweep: null,
    },
    noise: c.get('labelNoise', 0),
  };
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
    private readonly uri: vscode.Uri,
    private setup: TrainingSetup,
    private readonly deps: TrainingPanelDeps,
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
    this.panel.webview.postMessage(message).then(undefined, (error: unknown) => this.deps.log.warn(`Training panel: a message was not delivered: ${String(error)}`));
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
        await this.openInCalibration(m.run);
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
      this.deps.log.info(`${fileLabel(this.uri)}: ${dataset.summary.rowsUsed} rows, ${dataset.features} features, ${dataset.classes} classes`);
      this.post({ type: 'dataset', dataset: datasetView(dataset, this.fileInfo()), setup: this.setup });
      return dataset;
    } catch (error) {
      if (generation !== this.loadGeneration) return undefined;
      const message = error instanceof Error ? error.message : String(error);
      this.error = message;
      this.dataset = undefined;
      this.deps.log.warn(message);
      this.post({ type: 'datasetError', file: this.fileInfo(), message });
      return undefined;
    }
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
    let runIndex = 0;
    let runTotal = 1;
    let progressReport: ((fraction: number, text: string) => void) | undefined;
    const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
    status.command = { title: 'Show the training panel', command: 'gammaCe.revealTrainingPanel', arguments: [this.uri] };
    status.text = '$(loading~spin) γ-CE: starting…';
    status.show();
    const onEvent = (event: TrainEvent) => {
      if (event.type === 'runStart') {
        runIndex = event.index;
        runTotal = event.total;
      }
      if (event.type === 'epoch') {
        const text = `run ${runIndex + 1}/${runTotal}, epoch ${event.record.epoch}/${event.epochs}`;
        status.text = `$(loading~spin) γ-CE: ${text}`;
        progressReport?.((runIndex + event.record.epoch / event.epochs) / runTotal, `${event.run}: ${text}`);
      }
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
    this.post({ type: 'started', runs: planRuns(config).map((r) => r.name), epochs: config.epochs });
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Training with γ-CE on ${path.basename(this.uri.path)}`, cancellable: true },
      (progress, token) => {
        let reported = 0;
        progressReport = (fraction, message) => {
          progress.report({ increment: Math.max(0, (fraction - reported) * 100), message });
          reported = Math.max(reported, fraction);
        };
        token.onCancellationRequested(() => job.cancel());
        return job.outcome;
      },
    );
    const outcome = await job.outcome;
    status.dispose();
    this.job = undefined;
    if (outcome.status === 'done') {
      this.report = outcome.report;
      this.deps.log.info(`Training finished on ${outcome.report.backend}: ${outcome.report.runs.map((r) => `${r.name} ECE ${r.test?.ece.toFixed(4) ?? r.status}`).join('; ')}`);
      this.post({ type: 'finished', status: 'done' });
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
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.joinPath(this.uri, '..');
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const dataset = path.basename(this.uri.path).replace(/\.[^.]+$/, '');
    const chosen = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(folder, 'gamma-ce-runs', `${dataset}-${stamp}`),
      title: 'A new folder for the run (report.json, predictions, diagrams, report.md)',
      saveLabel: 'Create folder',
    });
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

  private async openInCalibration(index: number): Promise<void> {
    const run = this.report?.runs[index];
    if (!run?.predictions || !this.report) {
      this.deps.log.warn(`Training panel: no predictions for run ${index}`);
      return;
    }
    const name = `${path.basename(this.uri.path).replace(/\.[^.]+$/, '')}-${slug(run.name)}.csv`;
    const file = vscode.Uri.joinPath(this.deps.storageUri, 'predictions', name);
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
    await vscode.workspace.fs.writeFile(file, Buffer.from(predictionsCsv(this.report.dataset.classNames, run.predictions.probs, run.predictions.labels)));
    await vscode.commands.executeCommand('gammaCe.openCalibrationPanel', file);
  }

  private async insertLoss(gamma: number, threshold: number | null): Promise<void> {
    const commands = await vscode.commands.getCommands(true);
    if (!commands.includes('gammaCe.insertLossFunction')) {
      void vscode.window.showInformationMessage(`γ = ${gamma}${threshold === null ? '' : `, b = ${threshold}`}: the insert command is not available.`);
      return;
    }
    // The panel's closed-form γ-CE or TaiLr with its b; the command asks for the framework.
    const argument = threshold === null ? { form: 'closed', gamma } : { form: 'tailr', gamma, threshold };
    await vscode.commands.executeCommand('gammaCe.insertLossFunction', argument);
  }
}

function datasetKey(setup: TrainingSetup): string {
  return JSON.stringify([setup.label ?? null, [...(setup.ignored ?? [])].sort(), setup.noise, setup.config.seed ?? 0]);
}

export function datasetView(dataset: EncodedDataset, file: FileInfo): DatasetView {
  const rows = dataset.train.rows + dataset.validation.rows + dataset.test.rows;
  return {
    file,
    rows,
    features: dataset.features,
    classNames: dataset.classNames,
    classCounts: dataset.summary.classCounts,
    warnings: dataset.warnings,
    label: dataset.schema.label,
    columns: dataset.summary.columns.map((c) => ({ name: c.name, role: c.role, type: c.type, missing: c.missing, reason: c.reason })),
    split: { train: dataset.train.rows, validation: dataset.validation.rows, test: dataset.test.rows },
    noise: dataset.noise,
  };
}

function titleFor(uri: vscode.Uri): string {
  return `Train with γ-CE: ${path.basename(uri.path)}`;
}

function fileLabel(uri: vscode.Uri): string {
  return uri.scheme === 'file' && !vscode.workspace.getWorkspaceFolder(uri) ? path.basename(uri.path) : vscode.workspace.asRelativePath(uri, false);
}

function preview(message: unknown): string {
  try {
    return JSON.stringify(message)?.slice(0, 200) ?? String(message);
  } catch {
    return String(message);
  }
}
