import * as vscode from 'vscode';
import type { DataFileError } from '../core/data/dataFileError';
import type { EncodedDataset } from '../core/data/dataset';
import { checkDatasetSize } from '../core/data/limits';
import type { DatasetWorkerOptions } from '../worker/protocol';
import { isBundledDataset } from './bundledDatasets';
import { DatasetFileProblem, DatasetLoadCancelled, loadDatasetOffThread } from './loadDatasetOffThread';

/** Loads that finish sooner show no progress notification at all (no flash for small files). */
const PROGRESS_DELAY_MS = 400;
/** A progress notification stays this long at least; a message that follows at once may not be shown as a toast. */
const PROGRESS_MIN_MS = 800;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Loads a dataset the way "Train with γ-CE" does: size checked with stat before anything is read,
 * bytes read through workspace.fs (remote and virtual workspaces work), parsed and encoded in a
 * worker, with a cancellable progress notification once it takes a moment. Rejects with
 * DatasetFileProblem (the file), DatasetLoadCancelled, or a FileSystemError.
 */
export class DatasetLoader {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async load(uri: vscode.Uri, options: DatasetWorkerOptions = {}): Promise<EncodedDataset> {
    const label = this.fileLabel(uri);
    const { size } = await vscode.workspace.fs.stat(uri);
    try {
      checkDatasetSize(size, label, options.maxBytes);
    } catch (error) {
      throw new DatasetFileProblem((error as DataFileError).message);
    }
    const abort = new AbortController();
    let fraction = 0;
    let report: ((fraction: number) => void) | undefined;
    const started = Date.now();
    const loading = (async () => {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (abort.signal.aborted) throw new DatasetLoadCancelled();
      return loadDatasetOffThread(this.distDir(), bytes, label, options, {
        signal: abort.signal,
        onProgress: (f) => {
          fraction = f;
          report?.(f);
        },
      });
    })();
    const settled = loading.then(
      () => true,
      () => true,
    );
    const quick = await Promise.race([settled, sleep(PROGRESS_DELAY_MS).then(() => false)]);
    if (!quick) {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Loading ${label}`, cancellable: true },
        async (progress, token) => {
          const cancelled = token.onCancellationRequested(() => abort.abort());
          let shown = 0;
          report = (f) => {
            const percent = Math.floor(f * 100);
            if (percent > shown) progress.report({ increment: percent - shown, message: `${percent} %` });
            shown = Math.max(shown, percent);
          };
          report(fraction);
          await Promise.all([settled, sleep(PROGRESS_MIN_MS)]);
          cancelled.dispose();
        },
      );
    }
    const dataset = await loading;
    this.log.info(`${label}: read ${size} bytes and encoded in ${Date.now() - started} ms`);
    return dataset;
  }

  fileLabel(uri: vscode.Uri): string {
    if (isBundledDataset(this.extensionUri, uri)) return uri.path.split('/').pop() ?? uri.path;
    return vscode.workspace.asRelativePath(uri, false);
  }

  private distDir(): string {
    return vscode.Uri.joinPath(this.extensionUri, 'dist').fsPath;
  }
}
