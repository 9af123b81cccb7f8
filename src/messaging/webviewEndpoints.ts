// Endpoints for VS Code webviews, typed by shape so that this file needs neither `vscode` nor the DOM.
import { IDisposable, toDisposable } from './disposable';
import type { Endpoint } from './endpoint';
import { ChannelClosedError } from './errors';

/** The parts of a vscode.WebviewPanel the host side needs. */
export interface WebviewPanelLike {
  readonly webview: {
    postMessage(message: unknown): PromiseLike<boolean>;
    onDidReceiveMessage(listener: (message: unknown) => unknown): IDisposable;
  };
  onDidDispose(listener: () => unknown): IDisposable;
}

/** The host's side of a webview panel: closing the panel closes the channel. */
export function webviewPanelEndpoint(panel: WebviewPanelLike, name = 'the panel'): Endpoint {
  return {
    // The webview transfers ArrayBuffers by itself; it takes no transfer list.
    postMessage: (message) => void panel.webview.postMessage(message),
    onMessage: (listener) => panel.webview.onDidReceiveMessage(listener),
    onClose: (listener) => panel.onDidDispose(() => listener(new ChannelClosedError(`${name} was closed`))),
  };
}

/** What acquireVsCodeApi() returns, as far as messaging goes. */
export interface VsCodeApiLike {
  postMessage(message: unknown): void;
}

/** The webview's window, as far as messaging goes. */
export interface MessageEventSource {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/** The webview's side: posts through the VS Code API, hears the host through the window. */
export function vsCodeApiEndpoint(api: VsCodeApiLike, source: MessageEventSource): Endpoint {
  return {
    postMessage: (message) => api.postMessage(message),
    onMessage: (listener) => {
      const handler = (event: { data: unknown }) => listener(event.data);
      source.addEventListener('message', handler);
      return toDisposable(() => source.removeEventListener('message', handler));
    },
  };
}
