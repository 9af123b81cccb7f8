// Typed access to the JavaScript harness (test/harness) that drives code-server and Chromium.
import * as path from 'path';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';

export const REPO = path.resolve(__dirname, '..', '..', '..');

export interface CodeServer {
  url: string;
  port: number;
  logFile: string;
  stop(): Promise<void>;
}

interface ServerOptions {
  workDir: string;
  extensionsDir?: string;
  userDataDir?: string;
  settings?: Record<string, unknown>;
}

interface CodeServerModule {
  startCodeServer(options: ServerOptions): Promise<CodeServer>;
  installExtension(vsix: string, options: ServerOptions): Promise<string>;
  workbenchUrl(server: CodeServer, options: { folder?: string }): string;
}

interface BrowserModule {
  launchBrowser(workDir: string): Promise<BrowserContext>;
  openWorkbench(page: Page, url: string): Promise<void>;
  runCommand(page: Page, title: string, options?: { timeout?: number }): Promise<void>;
  webviewFrame(page: Page, index?: number): FrameLocator;
  screenshot(page: Page, file: string): Promise<string>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const codeServer = require(path.join(REPO, 'test', 'harness', 'code-server.js')) as CodeServerModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const browser = require(path.join(REPO, 'test', 'harness', 'browser.js')) as BrowserModule;
