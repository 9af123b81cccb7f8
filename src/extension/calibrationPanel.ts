import * as path from 'path';
import * as vscode from 'vscode';
import { CalibrationController } from './calibration/controller';
import { CalibrationPorts, FileProblem } from './calibration/ports';
import {
  CALIBRATION_VIEW_TYPE,
  CalibrationSettings,
  DEFAULT_CALIBRATION_SETTINGS,
  HostToCalibrationWebview,
  PredictionsReadOptions,
  RenderedView,
  restoreCalibrationPanelState,
} from './calibration/protocol';
import { pickComparisonFile, saveCalibratorFiles, saveFigureFiles } from './calibrationPanelFiles';
import { calibrationWorker } from './calibration/worker';
import { pickExportTheme } from './exportFiles';
import { PanelRegistry } from './panelRegistry';
import { webviewHtml, webviewOptions } from './webviewHtml';

/** What tests and the log can see of an open panel. */
export interface CalibrationPanelInfo {
  uri: string;
  panel: vscode.WebviewPanel;
  rendered?: RenderedView;
  error?: string;
  /** The files of the last export (URIs), once written. */
  lastExport?: string[];
  controller: CalibrationController;
  /** Feeds a message to the host side as if the webview had sent it (the integration tests). */
  receive(message: unknown): void;
}

/** Opens, revives and tracks the calibration panels, one per file. */
export class CalibrationPanels implements vscode.WebviewPanelSerializer {
  private readonly registry = new PanelRegistry<CalibrationPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  show(uri: vscode.Uri): CalibrationPanelInfo {
    return this.registry
      .show(uri.toString(), () => {
        const panel = vscode.window.createWebviewPanel(CALIBRATION_VIEW_TYPE, titleFor(uri), vscode.ViewColumn.Active, {
          // Kept while hidden, so switching tabs neither re-reads the file nor loses the "changed" banner.
          ...webviewOptions(this.extensionUri),
          retainContextWhenHidden: true,
        });
        return new CalibrationPanel(panel, uri, DEFAULT_CALIBRATION_SETTINGS, {}, this.extensionUri, this.log);
      })
      .info();
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
    const uri = vscode.Uri.parse(saved.uri);
    const calibration = new CalibrationPanel(panel, uri, saved.settings, saved.read, this.extensionUri, this.log);
    if (!this.registry.register(uri.toString(), calibration)) panel.dispose();
  }

  list(): CalibrationPanelInfo[] {
    return this.registry.values().map((p) => p.info());
  }

  /** Hands a message to the panel of `uri` as if its webview had sent it: for the tests only (see extension.ts). */
  send(uri: string, message: unknown): Promise<void> {
    const panel = this.registry.get(uri);
    if (!panel) return Promise.reject(new Error(`no calibration panel is open for ${uri}`));
    return panel.controller.receive(message);
  }

  dispose(): void {
    this.registry.dispose();
  }
}

/** Binds a CalibrationController to a webview panel: messages, the file watcher, dialogs, the data worker. */
class CalibrationPanel {
  readonly controller: CalibrationController;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly uri: vscode.Uri,
    settings: CalibrationSettings,
    read: PredictionsReadOptions,
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.svg');
    panel.webview.html = webviewHtml(panel.webview, extensionUri, {
      title: titleFor(uri),
      script: 'dist/webview/calibration.js',
      styles: ['media/panel.css', 'media/calibration.css'],
    });
    this.controller = new CalibrationController(this.ports(), uri.toString(), settings, read);
    const disposables = [
      panel.webview.onDidReceiveMessage((message: unknown) => void this.controller.receive(message)),
      this.watch(),
    ];
    panel.onDidDispose(() => {
      // Closing the panel stops its jobs: their workers are terminated.
      this.controller.dispose();
      vscode.Disposable.from(...disposables).dispose();
    });
  }

  info(): CalibrationPanelInfo {
    const { rendered, error, lastExport } = this.controller.state;
    return {
      uri: this.uri.toString(),
      panel: this.panel,
      rendered,
      error,
      lastExport,
      controller: this.controller,
      receive: (m) => void this.controller.receive(m),
    };
  }

  private ports(): CalibrationPorts {
    const label = (uri: string) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri), false);
    return {
      post: (message) => this.post(message),
      log: this.log,
      label,
      readFile: (uri) => readFile(vscode.Uri.parse(uri), label(uri)),
      worker: calibrationWorker(path.join(this.extensionUri.fsPath, 'dist')),
      pickExportTheme: () => pickExportTheme('Export the reliability diagram and metrics'),
      saveFigure: (uri, request) => saveFigureFiles(vscode.Uri.parse(uri), request),
      saveCalibrator: (uri, files) => saveCalibratorFiles(vscode.Uri.parse(uri), files),
      pickComparisonFile: async () => (await pickComparisonFile())?.toString(),
      copyToClipboard: (text) => Promise.resolve(vscode.env.clipboard.writeText(text)),
      showError: (message) => void vscode.window.showErrorMessage(message),
      showInfo: (message) => void vscode.window.showInformationMessage(message),
    };
  }

  private post(message: HostToCalibrationWebview): void {
    this.panel.webview
      .postMessage(message)
      .then(undefined, (error: unknown) =>
        this.log.warn(`Calibration panel: a message was not delivered: ${String(error)}`),
      );
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
}

async function readFile(uri: vscode.Uri, label: string): Promise<Uint8Array> {
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
      throw new FileProblem(`${label} no longer exists; it was moved or deleted.`);
    }
    throw new FileProblem(`Could not read ${label}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function titleFor(uri: vscode.Uri): string {
  return `Calibration: ${uri.path.split('/').pop()}`;
}
