import * as vscode from 'vscode';
import type { EncodedDataset } from '../core/data/dataset';
import type { DatasetWorkerOptions } from '../worker/protocol';
import { CALIBRATION_VIEW_TYPE } from './calibration/protocol';
import { TRAINING_VIEW_TYPE } from './training/protocol';
import { CalibrationPanelInfo, CalibrationPanels } from './calibrationPanel';
import { insertLossFunction, RecentTextEditor } from './insertLossFunction';
import { pickDataFile } from './pickDataFile';
import { datasetPickItems } from './pickDataset';
import { DatasetLoader } from './datasetLoader';
import { registerExportTorchProject } from './exportTorchProject';
import { registerTrainCommand, trainingDatasetLoader } from './trainCommand';
import { TrainingPanelInfo, TrainingPanels } from './trainingPanel';
import { LM_VIEW_TYPE } from './lm/protocol';
import { LmPanelInfo, LmPanels, registerLmCommand } from './lmPanel';

/** Registered only when the extension runs under tests (ExtensionMode.Test). */
export const TEST_SEND_TO_TRAINING_PANEL = 'gammaCe.test.sendToTrainingPanel';
export const TEST_SEND_TO_CALIBRATION_PANEL = 'gammaCe.test.sendToCalibrationPanel';

/** What activate() returns: read by the integration tests, harmless for anyone else. */
export interface GammaCeApi {
  calibrationPanels(): CalibrationPanelInfo[];
  /** What "Train with γ-CE" does with the file it was given: stat, read, worker, progress. */
  loadDataset(uri: vscode.Uri, options?: DatasetWorkerOptions): Promise<EncodedDataset>;
  /** The rows of the dataset quick pick (workspace files, bundled samples, Browse…). */
  datasetPickItems(): Promise<Array<{ label: string; description?: string; uri?: vscode.Uri }>>;
  trainingPanels(): TrainingPanelInfo[];
  lmPanels(): LmPanelInfo[];
}

export function activate(context: vscode.ExtensionContext): GammaCeApi {
  const log = vscode.window.createOutputChannel('γ-CE Lab', { log: true });
  const panels = new CalibrationPanels(context.extensionUri, log);
  const datasets = new DatasetLoader(context.extensionUri, log);
  const recentEditor = new RecentTextEditor();
  const training = new TrainingPanels({
    extensionUri: context.extensionUri,
    storageUri: context.globalStorageUri,
    log,
    loadDataset: trainingDatasetLoader(datasets),
  });
  const lmDeps = { extensionUri: context.extensionUri, storageUri: context.globalStorageUri, log };
  const lm = new LmPanels(lmDeps);
  context.subscriptions.push(
    log,
    lm,
    vscode.window.registerWebviewPanelSerializer(LM_VIEW_TYPE, lm),
    ...registerLmCommand(lmDeps, lm),
    recentEditor,
    panels,
    training,
    vscode.window.registerWebviewPanelSerializer(CALIBRATION_VIEW_TYPE, panels),
    vscode.window.registerWebviewPanelSerializer(TRAINING_VIEW_TYPE, training),
    vscode.commands.registerCommand('gammaCe.revealTrainingPanel', (uri?: unknown) => {
      if (uri instanceof vscode.Uri) training.show(uri);
    }),
    vscode.commands.registerCommand('gammaCe.showLog', () => log.show()),
    vscode.commands.registerCommand('gammaCe.insertLossFunction', (arg?: unknown) =>
      insertLossFunction(arg, log, recentEditor),
    ),
    vscode.commands.registerCommand('gammaCe.openCalibrationPanel', async (uri?: unknown) => {
      const target =
        uri instanceof vscode.Uri ? uri : await pickDataFile('Open a predictions file in the calibration panel');
      if (!target) return undefined;
      log.info(`Opening the calibration panel for ${target.toString()}`);
      panels.show(target);
      return target;
    }),
    registerTrainCommand(context.extensionUri, log, (uri, overrides) => training.show(uri, overrides)),
    registerExportTorchProject({ extensionUri: context.extensionUri, log, datasets }),
  );
  // The tests' way into a panel's host side (as if its webview had sent the message); not part of the API.
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    context.subscriptions.push(
      vscode.commands.registerCommand(TEST_SEND_TO_TRAINING_PANEL, (uri: string, message: unknown) =>
        training.send(uri, message),
      ),
      vscode.commands.registerCommand(TEST_SEND_TO_CALIBRATION_PANEL, (uri: string, message: unknown) =>
        panels.send(uri, message),
      ),
    );
  }
  log.info(`γ-CE Lab ${(context.extension.packageJSON as { version: string }).version} activated`);
  return {
    calibrationPanels: () => panels.list(),
    loadDataset: (uri, options) => datasets.load(uri, options),
    datasetPickItems: () => datasetPickItems(context.extensionUri),
    trainingPanels: () => training.list(),
    lmPanels: () => lm.list(),
  };
}

export function deactivate(): void {}
