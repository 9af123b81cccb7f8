import * as path from 'path';
import * as vscode from 'vscode';
import {
  CALIBRATION_VIEW_TYPE,
  CalibrationSettings,
  DEFAULT_CALIBRATION_SETTINGS,
  ExportRequest,
  HostToCalibrationWebview,
  parseCalibrationWebviewMessage,
  PredictionsReadOptions,
  RenderedView,
  restoreCalibrationPanelState,
} from './calibration/protocol';
import type { FileInfo } from './webviewProtocol';
import { confirmWithModal, notifyExported, pickExportTheme, writeExportFiles } from './exportFiles';
import { parsePredictionsOffThread, PredictionsFileProblem } from './parsePredictions';
import { webviewHtml, webviewOptions } from './webviewHtml';

/** What tests and the log can see of an open panel. */
export interface CalibrationPanelInfo {
  uri: string;
  panel: vscode.WebviewPanel;
  rendered?: RenderedView;
  error?: string;
  /** The files of the last export (URIs), once written. */
  lastExport?: string[];
  /** Feeds a message to the host side as if the webview had sent it. */
  receive(message: unknown): void;
}

/** Opens, revives and tracks the calibration panels, one per file. */
export class CalibrationPanels implements vscode.WebviewPanelSerializer {
  private readonly open = new Map<string, CalibrationPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  show(uri: vscode.Uri): CalibrationPanel {
    const existing = this.open.get(uri.toString());
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      CALIBRATION_VIEW_TYPE,
      titleFor(uri),
      vscode.ViewColumn.Active,
      // Kept while hidden, so switching tabs neither re-reads the file nor loses the "changed" banner.
      { ...webviewOptions(this.extensionUri), retainContextWhenHidden: true },
    );
    return this.track(panel, uri, DEFAULT_CALIBRATION_SETTINGS);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- VS Code's WebviewPanelSerializer asks for a Promise
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = restoreCalibrationPanelState(state);
    if (!saved) {
      this.log.warn('A calibration panel came back without a saved file; closing it.');
      panel.dispose();
      return;
    }
    this.log.info(`Restoring the calibration panel of ${saved.uri}`);
    panel.webview.options = webviewOptions(this.extensionUri);
    this.track(panel, vscode.Uri.parse(saved.uri), saved.settings, saved.read);
  }

  list(): CalibrationPanelInfo[] {
    return [...this.open.values()].map((p) => p.info());
  }

  dispose(): void {
    for (const p of this.open.values()) p.panel.dispose();
  }

  private track(
    panel: vscode.WebviewPanel,
    uri: vscode.Uri,
    settings: CalibrationSettings,
    read: PredictionsReadOptions = {},
  ): CalibrationPanel {
    const key = uri.toString();
    const calibration = new CalibrationPanel(panel, uri, settings, read, this.extensionUri, this.log);
    this.open.set(key, calibration);
    panel.onDidDispose(() => {
      if (this.open.get(key) === calibration) this.open.delete(key);
    });
    return calibration;
  }
}

export class CalibrationPanel {
  private rendered?: RenderedView;
  private error?: string;
  private lastExport?: string[];
  private loadGeneration = 0;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly uri: vscode.Uri,
    private settings: CalibrationSettings,
    private read: PredictionsReadOptions,
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.svg');
    panel.webview.html = webviewHtml(panel.webview, extensionUri, {
      title: titleFor(uri),
      script: 'dist/webview/calibration.js',
      styles: ['media/panel.css'],
    });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)),
      this.watch(),
    );
    panel.onDidDispose(() => {
      this.disposed = true;
      vscode.Disposable.from(...this.disposables).dispose();
    });
  }

  info(): CalibrationPanelInfo {
    return {
      uri: this.uri.toString(),
      panel: this.panel,
      rendered: this.rendered,
      error: this.error,
      lastExport: this.lastExport,
      receive: (m) => this.onMessage(m),
    };
  }

  private post(message: HostToCalibrationWebview): void {
    if (this.disposed) return;
    this.panel.webview
      .postMessage(message)
      .then(undefined, (error: unknown) =>
        this.log.warn(`Calibration panel: a message was not delivered: ${String(error)}`),
      );
  }

  private onMessage(message: unknown): void {
    const parsed = parseCalibrationWebviewMessage(message);
    if (!parsed.ok) {
      this.log.warn(`Calibration panel: ignored a malformed message (${parsed.problem}): ${preview(message)}`);
      return;
    }
    const handled = parsed.value;
    switch (handled.type) {
      case 'ready':
        void this.load();
        break;
      case 'reload':
        void this.load();
        break;
      case 'readOptions':
        this.read = handled.read;
        this.rendered = undefined;
        this.log.info(
          `${this.fileLabel()}: reading with label column '${handled.read.label ?? 'label'}'${handled.read.softmax ? ', softmax' : ''}`,
        );
        void this.load();
        break;
      case 'settings':
        this.settings = handled.settings;
        break;
      case 'rendered':
        this.rendered = handled.view;
        this.log.info(
          `${this.fileLabel()}: ECE ${handled.view.report.ece.toFixed(4)} over ${handled.view.report.n} rows ` +
            `(${handled.view.settings.bins} ${handled.view.settings.scheme} bins)`,
        );
        break;
      case 'exportRequested':
        void this.chooseExportTheme();
        break;
      case 'export':
        void this.export(handled);
        break;
      case 'exportFailed':
        this.log.error(`Calibration export failed in the webview: ${handled.message}`);
        void vscode.window.showErrorMessage(`Could not export the diagram: ${handled.message}`);
        break;
      case 'log':
        this.log[handled.level](`Calibration webview: ${handled.message}`);
        break;
    }
  }

  private async load(): Promise<void> {
    const generation = ++this.loadGeneration;
    const file: FileInfo = { uri: this.uri.toString(), label: this.fileLabel(), size: 0 };
    this.post({ type: 'loading', file });
    try {
      const stat = await vscode.workspace.fs.stat(this.uri);
      file.size = stat.size;
      const bytes = await vscode.workspace.fs.readFile(this.uri);
      const predictions = await parsePredictionsOffThread(path.join(this.extensionUri.fsPath, 'dist'), {
        bytes,
        file: file.label,
        label: this.read.label,
        softmax: this.read.softmax,
      });
      if (generation !== this.loadGeneration) return;
      this.error = undefined;
      this.log.info(`${file.label}: read ${predictions.rows} rows × ${predictions.cols} classes`);
      this.post({ type: 'load', file, predictions, settings: this.settings, read: this.read });
    } catch (error) {
      if (generation !== this.loadGeneration) return;
      this.error = describeLoadError(error, file.label);
      this.log.warn(this.error);
      this.post({ type: 'error', file, message: this.error, read: this.read });
    }
  }

  private watch(): vscode.Disposable {
    const folder = vscode.Uri.joinPath(this.uri, '..');
    const name = this.uri.path.split('/').pop() ?? '';
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, name));
    const changed = () => this.post({ type: 'fileChanged' });
    return vscode.Disposable.from(
      watcher,
      watcher.onDidChange(changed),
      watcher.onDidCreate(changed),
      watcher.onDidDelete(changed),
    );
  }

  private async chooseExportTheme(): Promise<void> {
    const theme = await pickExportTheme('Export the reliability diagram and metrics');
    if (theme) this.post({ type: 'renderExport', theme });
  }

  private async export(request: ExportRequest): Promise<void> {
    const base =
      this.uri.path
        .split('/')
        .pop()
        ?.replace(/\.[^.]+$/, '') ?? 'calibration';
    const chosen = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(this.uri, '..', `${base}.reliability.svg`),
      filters: { 'SVG image (a PNG and a metrics JSON are written beside it)': ['svg'] },
      title: 'Export the reliability diagram and metrics',
    });
    if (!chosen) return;
    try {
      const written = await writeExportFiles(chosen, request, confirmWithModal);
      if (!written) return;
      this.log.info(`Exported ${written.map((u) => vscode.workspace.asRelativePath(u)).join(', ')}`);
      this.lastExport = written.map((u) => u.toString());
      void notifyExported(written);
    } catch (error) {
      const message = `Could not export: ${error instanceof Error ? error.message : String(error)}`;
      this.log.error(message);
      void vscode.window.showErrorMessage(message);
    }
  }

  private fileLabel(): string {
    return vscode.workspace.asRelativePath(this.uri, false);
  }
}

function titleFor(uri: vscode.Uri): string {
  return `Calibration: ${uri.path.split('/').pop()}`;
}

function describeLoadError(error: unknown, label: string): string {
  if (error instanceof PredictionsFileProblem) return error.message;
  if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
    return `${label} no longer exists; it was moved or deleted.`;
  }
  return `Could not read ${label}: ${error instanceof Error ? error.message : String(error)}`;
}

function preview(message: unknown): string {
  try {
    return JSON.stringify(message)?.slice(0, 200) ?? String(message);
  } catch {
    return String(message);
  }
}
