/**
 * The VS Code side the training and language-model panels share: a webview panel opened or revived
 * (options, icon, the page with its CSP and nonce), bound to its controller (messages both ways,
 * nothing posted once closed, closing disposes the controller and with it its job), and moved to
 * another file in its registry.
 */
import * as vscode from 'vscode';
import type { PanelRegistry, RegisteredPanel } from './panelRegistry';
import { WebviewPage, webviewHtml, webviewOptions } from './webviewHtml';

/** A new panel of `viewType` in the active column; its page keeps its state while hidden. */
export function createPanel(viewType: string, title: string, extensionUri: vscode.Uri): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(viewType, title, vscode.ViewColumn.Active, {
    ...webviewOptions(extensionUri),
    retainContextWhenHidden: true,
  });
}

/**
 * A panel VS Code hands back after a reload: its saved state parsed (a panel without a usable one
 * is closed), its options set again, then `revive`d; closed too when `revive` finds its key taken.
 */
export function revivePanel<S>(
  panel: vscode.WebviewPanel,
  state: unknown,
  restore: (state: unknown) => S | undefined,
  extensionUri: vscode.Uri,
  revive: (saved: S) => boolean,
): void {
  const saved = restore(state);
  if (!saved) {
    panel.dispose();
    return;
  }
  panel.webview.options = webviewOptions(extensionUri);
  if (!revive(saved)) panel.dispose();
}

/** What a panel's controller offers its binding. */
export interface BoundController {
  receive(message: unknown): Promise<void>;
  dispose(): void;
}

/** Binds a controller to a webview panel; the panel's own class adds the ports, title and dialogs. */
export abstract class PanelBinding<ToWebview> implements RegisteredPanel {
  protected disposed = false;

  protected constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    page: WebviewPage,
    private readonly log: vscode.LogOutputChannel,
    /** The panel in the log: 'Training panel'. */
    private readonly name: string,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.svg');
    panel.webview.html = webviewHtml(panel.webview, extensionUri, page);
  }

  /** Once the controller exists: the webview's messages go to it, and closing the panel stops its job. */
  protected bind(controller: BoundController): void {
    const listener = this.panel.webview.onDidReceiveMessage((m: unknown) => void controller.receive(m));
    this.panel.onDidDispose(() => {
      this.disposed = true;
      controller.dispose();
      listener.dispose();
    });
  }

  protected post(message: ToWebview): void {
    if (this.disposed) return;
    this.panel.webview
      .postMessage(message)
      .then(undefined, (error: unknown) =>
        this.log.warn(`${this.name}: a message was not delivered: ${String(error)}`),
      );
  }

  /**
   * This panel now shows `key` (another file): true when it moved in `registry`; false when another
   * panel holds `key` (that one is shown, this one closes) or the panel closed meanwhile.
   */
  protected moveTo<T extends RegisteredPanel>(
    this: T & PanelBinding<ToWebview>,
    registry: PanelRegistry<T>,
    key: string,
  ): boolean {
    if (this.disposed) return false;
    if (registry.register(key, this)) return true;
    registry.reveal(key);
    this.panel.dispose();
    return false;
  }
}
