import * as vscode from 'vscode';
import type { EncodedDataset } from '../core/data/dataset';
import { datasetReport, formatDatasetReport } from '../core/data/describeDataset';
import type { DatasetWorkerOptions } from '../protocol';
import type { DatasetLoader } from './datasetLoader';
import { DatasetFileProblem, DatasetLoadCancelled } from './loadDatasetOffThread';
import { pickDataset } from './pickDataset';

export const TRAIN_COMMAND = 'gammaCe.trainWithGammaCe';

/**
 * "Train with γ-CE": for now, choose a dataset (unless the explorer passed one), load it, and
 * report the schema; the training panel builds on this. Returns the dataset, or undefined.
 */
export function registerTrainCommand(loader: DatasetLoader, extensionUri: vscode.Uri, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(TRAIN_COMMAND, async (uri?: unknown, options?: DatasetWorkerOptions) => {
    const target = uri instanceof vscode.Uri ? uri : await pickDataset(extensionUri);
    if (!target) return undefined;
    const label = loader.fileLabel(target);
    log.info(`Train with γ-CE: loading ${target.toString()}`);
    let dataset: EncodedDataset;
    try {
      dataset = await loader.load(target, options ?? {});
    } catch (error) {
      reportLoadError(error, label, log);
      return undefined;
    }
    log.info(`Dataset schema and summary:\n${formatDatasetReport(datasetReport(dataset))}`);
    const { train, validation, test } = dataset;
    const summary =
      `${label}: ${train.rows + validation.rows + test.rows} rows → ${dataset.features} features, ${dataset.classes} classes ` +
      `(train ${train.rows}, validation ${validation.rows}, test ${test.rows})` +
      (dataset.warnings.length ? `; ${dataset.warnings.length} warning(s)` : '');
    void vscode.window.showInformationMessage(summary, 'Show Schema').then((choice) => {
      if (choice) log.show(true);
    });
    return dataset;
  });
}

function reportLoadError(error: unknown, label: string, log: vscode.LogOutputChannel): void {
  if (error instanceof DatasetLoadCancelled) {
    log.info(`Loading ${label} was cancelled`);
    return;
  }
  let message: string;
  if (error instanceof DatasetFileProblem) message = error.message;
  else if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') message = `${label} does not exist.`;
  else message = `Could not load ${label}: ${error instanceof Error ? error.message : String(error)}`;
  log.warn(message);
  void vscode.window.showErrorMessage(message);
}
