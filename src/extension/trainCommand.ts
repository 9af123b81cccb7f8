import * as vscode from 'vscode';
import { DataFileError } from '../core/data/dataFileError';
import type { EncodedDataset } from '../core/data/dataset';
import { checkDatasetSize } from '../core/data/limits';
import type { DatasetWorkerOptions } from '../protocol';
import { isBundledDataset } from './bundledDatasets';
import { DatasetFileProblem, DatasetLoadCancelled, loadDatasetOffThread } from './loadDatasetOffThread';
import { pickDataset } from './pickDataset';
import type { DatasetLoader as TrainingDatasetLoader, TrainingPanelInfo } from './trainingPanel';

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
 * "Train with γ-CE": choose a dataset (unless the explorer passed one) and open the training panel
 * on it; the panel loads the dataset through the DatasetLoader and reports problems itself.
 */
export function registerTrainCommand(
  extensionUri: vscode.Uri,
  log: vscode.LogOutputChannel,
  open: (uri: vscode.Uri) => TrainingPanelInfo,
): vscode.Disposable {
  return vscode.commands.registerCommand(TRAIN_COMMAND, async (uri?: unknown) => {
    const target = uri instanceof vscode.Uri ? uri : await pickDataset(extensionUri);
    if (!target) return undefined;
    log.info(`Train with γ-CE: opening the training panel for ${target.toString()}`);
    return open(target);
  });
}

/** The panel's loader: the setup's label column, noise, seed and ignored columns, shown with progress. */
export function trainingDatasetLoader(loader: DatasetLoader): TrainingDatasetLoader {
  return async (uri, setup, previous) => {
    const options: DatasetWorkerOptions = { noise: setup.noise, seed: setup.config.seed ?? 0 };
    const sameLabel = previous && (setup.label === undefined || setup.label === previous.schema.label);
    if (sameLabel && previous) {
      const ignored = new Set(setup.ignored ?? []);
      options.schema = {
        ...previous.schema,
        columns: previous.schema.columns.map((c) =>
          c.role === 'label' || c.type === 'text' ? c : { ...c, role: ignored.has(c.name) ? 'ignored' : 'feature' },
        ),
      };
    } else if (setup.label !== undefined) {
      options.label = setup.label;
    }
    try {
      return await loader.load(uri, options);
    } catch (error) {
      throw new Error(describeLoadError(error, loader.fileLabel(uri)));
    }
  };
}

function describeLoadError(error: unknown, label: string): string {
  if (error instanceof DatasetLoadCancelled) return `Loading ${label} was cancelled.`;
  if (error instanceof DatasetFileProblem) return error.message;
  if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return `${label} does not exist.`;
  return `Could not load ${label}: ${error instanceof Error ? error.message : String(error)}`;
}
