import * as path from 'path';
import * as vscode from 'vscode';
import { createPanel, PanelBinding, revivePanel } from './panelBinding';
import { PanelRegistry } from './panelRegistry';
import { pickDataset } from './pickDataset';
import { TrainingController } from './training/controller';
import type { TrainingPorts } from './training/ports';
import {
  HostToTrainingWebview,
  restoreTrainingPanelState,
  TRAINING_VIEW_TYPE,
  TrainingPanelState,
  TrainingSetup,
} from './training/protocol';
import { insertLossFromPanel, openRunInCalibration } from './trainingPanelHandoffs';
import { startPanelStudy } from './trainingPanelStudy';
import type { TrainingPanelDeps, TrainingPanelInfo } from './trainingPanelTypes';
import { TrainingProgress } from './trainingProgress';
import { exportTrainingResult } from './trainingRunFiles';
import { defaultSetup, fileLabel, SetupOverrides, titleFor } from './trainingSetup';
import { startTraining } from './trainWorkerClient';
import { markTrainingStepDone } from './walkthrough';

export type { DatasetLoader, TrainingPanelDeps, TrainingPanelInfo } from './trainingPanelTypes';

/** Opens, revives and tracks the training panels, one per file. */
export class TrainingPanels implements vscode.WebviewPanelSerializer {
  private readonly registry = new PanelRegistry<TrainingPanel>();

  constructor(private readonly deps: TrainingPanelDeps) {}

  /** The panel of `uri` (a new one starts from the settings and `overrides`; an open one is only shown). */
  show(uri: vscode.Uri, overrides?: SetupOverrides): TrainingPanelInfo {
    return this.registry
      .show(uri.toString(), () => {
        const panel = createPanel(TRAINING_VIEW_TYPE, titleFor(uri), this.deps.extensionUri);
        return new TrainingPanel(panel, uri, defaultSetup(overrides), this.deps, this.registry);
      })
      .info();
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- VS Code's WebviewPanelSerializer asks for a Promise
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    revivePanel(panel, state, restoreTrainingPanelState, this.deps.extensionUri, (saved) => {
      this.deps.log.info(`Restoring the training panel of ${saved.uri}`);
      const setup = saved.setup ?? defaultSetup();
      const uri = vscode.Uri.parse(saved.uri);
      return this.registry.register(
        saved.uri,
        new TrainingPanel(panel, uri, setup, this.deps, this.registry, { ...saved, setup }),
      );
    });
  }

  list(): TrainingPanelInfo[] {
    return this.registry.values().map((p) => p.info());
  }

  /** Hands a message to the panel of `uri` as if its webview had sent it: for the tests only (see extension.ts). */
  send(uri: string, message: unknown): Promise<void> {
    const panel = this.registry.get(uri);
    if (!panel) return Promise.reject(new Error(`no training panel is open for ${uri}`));
    return panel.controller.receive(message);
  }

  dispose(): void {
    this.registry.dispose();
  }
}

/** Binds a TrainingController to a webview panel: messages, title, progress, dialogs, commands. */
class TrainingPanel extends PanelBinding<HostToTrainingWebview> {
  readonly controller: TrainingController;

  constructor(
    panel: vscode.WebviewPanel,
    private uri: vscode.Uri,
    setup: TrainingSetup,
    private readonly deps: TrainingPanelDeps,
    private readonly registry: PanelRegistry<TrainingPanel>,
    saved?: TrainingPanelState,
  ) {
    const page = { title: titleFor(uri), script: 'dist/webview/training.js', styles: ['media/panel.css'] };
    super(panel, deps.extensionUri, page, deps.log, 'Training panel');
    this.controller = new TrainingController(this.ports(), setup, saved);
    this.bind(this.controller);
  }

  info(): TrainingPanelInfo {
    const { phase, dataset, error, report, study, setup } = this.controller.state;
    return {
      uri: this.uri.toString(),
      panel: this.panel,
      setup,
      dataset,
      report,
      study,
      error,
      running: phase === 'running',
      finished: () => this.controller.finished(),
      workerExited: () => this.controller.workerExited(),
    };
  }

  private ports(): TrainingPorts {
    const { deps } = this;
    const distDir = path.join(deps.extensionUri.fsPath, 'dist');
    return {
      post: (message) => this.post(message),
      log: deps.log,
      file: () => ({ uri: this.uri.toString(), label: fileLabel(this.uri), size: 0 }),
      loadDataset: (setup, previous) => deps.loadDataset(this.uri, setup, previous),
      startExperiment: (dataset, config, onEvent) => startTraining(distDir, dataset, config, onEvent),
      startStudy: (dataset, setup, config, onEvent) =>
        startPanelStudy(distDir, this.uri, fileLabel(this.uri), dataset, setup, config, onEvent),
      progress: () => new TrainingProgress(this.uri),
      exportResult: (result, images) => exportTrainingResult(this.uri, result, images, deps.log),
      openInCalibration: (result, index) => openRunInCalibration(deps.storageUri, this.uri, result, index, deps.log),
      chooseDataset: () => this.chooseDataset(),
      insertLoss: insertLossFromPanel,
      showError: (message) => void vscode.window.showErrorMessage(message),
      showInfo: (message) => void vscode.window.showInformationMessage(message),
      trainingDone: () => void markTrainingStepDone(deps.log),
    };
  }

  /** "Choose another dataset…": the panel takes the new file, unless another panel already shows it (then that one is shown and this one closes). */
  private async chooseDataset(): Promise<boolean> {
    const next = await pickDataset(this.deps.extensionUri);
    if (!next || next.toString() === this.uri.toString() || !this.moveTo(this.registry, next.toString())) return false;
    this.deps.log.info(`Training panel: ${fileLabel(this.uri)} → ${fileLabel(next)}`);
    this.uri = next;
    this.panel.title = titleFor(next);
    return true;
  }
}
