import * as vscode from 'vscode';
import { DataFileError } from '../core/data/dataFileError';
import type { EncodedDataset } from '../core/data/dataset';
import { datasetReport, formatDatasetReport } from '../core/data/describeDataset';
import { checkDatasetSize } from '../core/data/limits';
import type { DatasetWorkerOptions } from '../protocol';
import { isBundledDataset } from './bundledDatasets';
import { DatasetFileProblem, DatasetLoadCancelled, loadDatasetOffThread } from './loadDatasetOffThread';
import { pickDataset } from './pickDataset';

export const TRAIN_COMMAND = 'gammaCe.trainWithGammaCe';

/**
 * Loads a dataset the way "Train with γ-CE" does: size checked with stat before anything is read,
 * bytes read through workspace.fs (remote and virtual workspaces work), parsed and encoded in a
 * worker, under a cancellable progress notification. Rejects with DatasetFileProblem (the file),
 * DatasetLoadCancelled, or a FileSystemError.
 */
export class DatasetLoader {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async load(uri: vscode.Uri, options: DatasetWorkerOptions = {}): Promise<EncodedDataset> {
    const label = this.fileLabel(uri);
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Loading ${label}`, cancellable: true },
      async (progress, token) => {
        const { size } = await vscode.workspace.fs.stat(uri);
        try {
          checkDatasetSize(size, label, options.maxBytes);
        } catch (error) {
          throw new DatasetFileProblem((error as DataFileError).message);
        }
        const bytes = await vscode.workspace.fs.readFile(uri);
        if (token.isCancellationRequested) throw new DatasetLoadCancelled();
        const abort = new AbortController();
        const cancelled = token.onCancellationRequested(() => abort.abort());
        let shown = 0;
        try {
          const started = Date.now();
          const dataset = await loadDatasetOffThread(this.distDir(), bytes, label, options, {
            signal: abort.signal,
            onProgress: (fraction) => {
              const percent = Math.floor(fraction * 100);
              if (percent > shown) progress.report({ increment: percent - shown, message: `${percent} %` });
              shown = Math.max(shown, percent);
            },
          });
          this.log.info(`${label}: read ${size} bytes and encoded in ${Date.now() - started} ms`);
          return dataset;
        } finally {
          cancelled.dispose();
        }
      },
    );
  }

  fileLabel(uri: vscode.Uri): string {
    if (isBundledDataset(this.extensionUri, uri)) return uri.path.split('/').pop() ?? uri.path;
    return vscode.workspace.asRelativePath(uri, false);
  }

  private distDir(): string {
    return vscode.Uri.joinPath(this.extensionUri, 'dist').fsPath;
  }
}

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
