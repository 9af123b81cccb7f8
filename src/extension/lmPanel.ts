import * as path from 'path';
import * as vscode from 'vscode';
import { formatBytes } from '../core/data/limits';
import { decodeTextFile, TextFile } from '../core/lm/text';
import { slug } from '../core/train/slug';
import { LmController, TextReadError } from './lm/controller';
import type { LmPorts } from './lm/ports';
import { HostToLmWebview, LM_VIEW_TYPE, LmPanelState, LmSetup, restoreLmPanelState } from './lm/protocol';
import { LmProgress } from './lmProgress';
import { startLmTraining } from './lmWorkerClient';
import { createPanel, PanelBinding, revivePanel } from './panelBinding';
import { PanelRegistry } from './panelRegistry';
import { pickText } from './pickText';
import { fileLabel } from './trainingSetup';

export const REVEAL_LM_PANEL = 'gammaCe.revealLanguageModelPanel';

/** Read at most this much of each file: a character model this small learns nothing more from more. */
export const MAX_TEXT_BYTES = 20 * 1024 * 1024;

export interface LmPanelDeps {
  extensionUri: vscode.Uri;
  storageUri: vscode.Uri;
  log: vscode.LogOutputChannel;
}

/** What tests can see of an open language-model panel. */
export interface LmPanelInfo {
  sources: string[];
  panel: vscode.WebviewPanel;
  error?: string;
  running: boolean;
  finished(): Promise<string>;
  workerExited(): Promise<void>;
}

const keyOf = (uris: readonly vscode.Uri[]) => uris.map((u) => u.toString()).join('\n');

function titleFor(uris: readonly vscode.Uri[]): string {
  const more = uris.length > 1 ? ` + ${uris.length - 1}` : '';
  return `Language model: ${path.basename(uris[0].path)}${more}`;
}

/** Opens, revives and tracks the language-model panels, one per choice of files. */
export class LmPanels implements vscode.WebviewPanelSerializer {
  private readonly registry = new PanelRegistry<LmPanel>();

  constructor(private readonly deps: LmPanelDeps) {}

  show(uris: vscode.Uri[]): LmPanelInfo {
    return this.registry
      .show(keyOf(uris), () => {
        const panel = createPanel(LM_VIEW_TYPE, titleFor(uris), this.deps.extensionUri);
        return new LmPanel(panel, uris, {}, this.deps, this.registry);
      })
      .info();
  }

  /** Shows the panel of `key` (a status bar item's click). */
  reveal(key: string): void {
    this.registry.reveal(key);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- VS Code's WebviewPanelSerializer asks for a Promise
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    revivePanel(panel, state, restoreLmPanelState, this.deps.extensionUri, (saved) => {
      this.deps.log.info(`Restoring the language-model panel of ${saved.sources.join(', ')}`);
      const uris = saved.sources.map((s) => vscode.Uri.parse(s));
      return this.registry.register(
        keyOf(uris),
        new LmPanel(panel, uris, saved.setup, this.deps, this.registry, saved),
      );
    });
  }

  list(): LmPanelInfo[] {
    return this.registry.values().map((p) => p.info());
  }

  dispose(): void {
    this.registry.dispose();
  }
}

/** Binds an LmController to a webview panel: messages, title, progress, dialogs, commands. */
class LmPanel extends PanelBinding<HostToLmWebview> {
  readonly controller: LmController;

  constructor(
    panel: vscode.WebviewPanel,
    private uris: vscode.Uri[],
    setup: LmSetup,
    private readonly deps: LmPanelDeps,
    private readonly registry: PanelRegistry<LmPanel>,
    saved?: LmPanelState,
  ) {
    const page = { title: titleFor(uris), script: 'dist/webview/lm.js', styles: ['media/panel.css', 'media/lm.css'] };
    super(panel, deps.extensionUri, page, deps.log, 'Language-model panel');
    this.controller = new LmController(this.ports(), setup, saved);
    this.bind(this.controller);
  }

  info(): LmPanelInfo {
    const { phase, error } = this.controller.state;
    return {
      sources: this.uris.map((u) => u.toString()),
      panel: this.panel,
      error,
      running: phase === 'running',
      finished: () => this.controller.finished(),
      workerExited: () => this.controller.workerExited(),
    };
  }

  private ports(): LmPorts {
    const { deps } = this;
    const distDir = path.join(deps.extensionUri.fsPath, 'dist');
    return {
      post: (message) => this.post(message),
      log: deps.log,
      sources: () => this.uris.map((u) => u.toString()),
      fileLabels: () => this.uris.map(fileLabel),
      readText: () => Promise.all(this.uris.map((uri) => readTextFile(uri))),
      startRuns: (files, config, onPoint) => startLmTraining(distDir, files, config, onPoint),
      progress: (steps) =>
        new LmProgress(steps, `Training language models on ${this.uris.map(fileLabel).join(', ')}`, {
          title: 'Show the language-model panel',
          command: REVEAL_LM_PANEL,
          arguments: [keyOf(this.uris)],
        }),
      openInCalibration: (runName, csv) => this.openInCalibration(runName, csv),
      chooseText: () => this.chooseText(),
      showError: (message) => void vscode.window.showErrorMessage(message),
    };
  }

  /** The run's predictions go into the extension's storage, never among the user's files. */
  private async openInCalibration(runName: string, csv: string): Promise<void> {
    const base = path.basename(this.uris[0].path).replace(/\.[^.]+$/, '');
    const file = vscode.Uri.joinPath(this.deps.storageUri, 'lm-predictions', `${base}-${slug(runName)}.csv`);
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
    await vscode.workspace.fs.writeFile(file, Buffer.from(csv));
    this.deps.log.info(`Language-model panel: ${runName}'s next-character predictions in ${file.fsPath}`);
    await vscode.commands.executeCommand('gammaCe.openCalibrationPanel', file);
  }

  private async chooseText(): Promise<boolean> {
    const next = await pickText(this.deps.extensionUri, 'Train a language model: choose the text');
    if (!next || keyOf(next) === keyOf(this.uris) || !this.moveTo(this.registry, keyOf(next))) return false;
    this.uris = next;
    this.panel.title = titleFor(next);
    return true;
  }
}

async function readTextFile(uri: vscode.Uri): Promise<TextFile> {
  const label = fileLabel(uri);
  let bytes: Uint8Array;
  try {
    const { size } = await vscode.workspace.fs.stat(uri);
    if (size > MAX_TEXT_BYTES)
      throw new TextReadError(
        `${label} is ${formatBytes(size)}; at most ${formatBytes(MAX_TEXT_BYTES)} of text per file are read`,
      );
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    if (error instanceof TextReadError) throw error;
    throw new TextReadError(`cannot read ${label}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return decodeTextFile(label, bytes);
}

/** "Train a Language Model…": the explorer's selection (one or many files), else a pick. */
export function registerLmCommand(deps: LmPanelDeps, panels: LmPanels): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('gammaCe.trainLanguageModel', async (uri?: unknown, selected?: unknown) => {
      const many = Array.isArray(selected) ? selected.filter((u): u is vscode.Uri => u instanceof vscode.Uri) : [];
      const uris = many.length
        ? many
        : uri instanceof vscode.Uri
          ? [uri]
          : await pickText(deps.extensionUri, 'Train a language model: choose the text');
      if (!uris?.length) return undefined;
      deps.log.info(`Train a Language Model: ${uris.map((u) => u.toString()).join(', ')}`);
      return panels.show(uris);
    }),
    vscode.commands.registerCommand(REVEAL_LM_PANEL, (key?: unknown) => {
      if (typeof key === 'string') panels.reveal(key);
    }),
  ];
}
