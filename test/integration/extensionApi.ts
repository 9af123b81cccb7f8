// What the integration suites share: the extension under test, its API, files, polling.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { GammaCeApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'gamma-ce-lab.gamma-ce-lab';

export function workspaceFile(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

export function bundled(name: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'media', 'datasets', name);
}

export async function api(): Promise<GammaCeApi> {
  const extension = vscode.extensions.getExtension<GammaCeApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  return extension.activate();
}

export async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
