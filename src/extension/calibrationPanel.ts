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
import { createPanel, PanelBinding, revivePanel } from './panelBinding';
import { PanelRegistry } from './panelRegistry';

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
        // Kept while hidden, so switching tabs neither re-reads the file nor loses the "changed" banner.
        const panel = createPanel(CALIBRATION_VIEW_TYPE, titleFor(uri), this.extensionUri);
        return new CalibrationPanel(panel, uri, DEFAULT_CALIBRATION_SETTINGS, {}, this.extensionUri, this.log);
      })
      .info();
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- VS Code's WebviewPanelSerializer asks for a Promise
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const restore = (saved: unknown) => {
      const restored = restoreCalibrationPanelState(saved);
      if (!restored) this.log.warn('A calibration panel came back without a saved file; closing it.');
      return restored;
    };
    revivePanel(panel, state, restore, this.extensionUri, (saved) => {
      this.log.info(`Restoring the calibration panel of ${saved.uri}`);
      const uri = vscode.Uri.parse(saved.uri);
      const calibration = new CalibrationPanel(panel, uri, saved.settings, saved.read, this.extensionUri, this.log);
      return this.registry.register(uri.toString(), calibration);
    });
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
class CalibrationPanel extends PanelBinding<HostToCalibrationWebview> {
  readonly controller: CalibrationController;

  constructor(
    panel: vscode.WebviewPanel,
    private readonly uri: vscode.Uri,
    settings: CalibrationSettings,
    read: PredictionsReadOptions,
    private readonly extensionUri: vscode.Uri,
    private readonly output: vscode.LogOutputChannel,
  ) {
    const page = {
      title: titleFor(uri),
      script: 'dist/webview/calibration.js',
      styles: ['media/panel.css', 'media/calibration.css'],
    };
    super(panel, extensionUri, page, output, 'Calibration panel');
    this.controller = new CalibrationController(this.ports(), uri.toString(), settings, read);
    // Closing the panel stops its jobs (their workers are terminated) and the file watcher.
    this.bind(this.controller);
    const watcher = this.watch();
    panel.onDidDispose(() => {
      watcher.dispose();
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
      log: this.output,
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
