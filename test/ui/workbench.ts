// Typed access to the JavaScript harness (test/harness) that drives code-server and Chromium.
import * as fs from 'fs';
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

/**
 * Runs a palette command that opens a quick pick, and accepts the first row that shows `text` in it.
 * Just after the palette closes the workbench may hand focus back to a webview, which closes the new
 * quick pick (seen in a fresh-clone CI run: the pick's input stayed hidden): the command then runs again,
 * up to three times.
 */
export async function runCommandAndPick(page: Page, command: string, text: string, timeout = 60_000): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  for (let attempt = 1; ; attempt++) {
    await browser.runCommand(page, command, { timeout });
    try {
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(text);
      await row.waitFor({ timeout: 20_000 });
    } catch (error) {
      if (attempt >= 3) throw error;
      continue;
    }
    await page.keyboard.press('Enter');
    return;
  }
}

/** Types into the open quick pick and accepts the first row that shows the text. */
export async function pickFromQuickPick(page: Page, text: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 30_000 });
  await input.fill(text);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  await row.waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
}

/** The first webview content frame in which `selector` (with `hasText`, if given) is present. */
export async function webviewFrameWith(
  page: Page,
  selector: string,
  hasText?: string,
  timeoutMs = 60_000,
): Promise<FrameLocator> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frames = await page.locator('iframe.webview').count();
    for (let i = 0; i < frames; i++) {
      const frame = browser.webviewFrame(page, i);
      if ((await frame.locator(selector, hasText ? { hasText } : {}).count()) > 0) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows ${selector}${hasText ? ` with '${hasText}'` : ''}`);
    await page.waitForTimeout(250);
  }
}

/**
 * The webview whose page title shows `text` (a file's name). Panels keep their webviews while hidden,
 * so the first frame is not always the one in front.
 */
export async function frameShowing(page: Page, text: string, timeoutMs = 60_000): Promise<FrameLocator> {
  return webviewFrameWith(page, '#title', text, timeoutMs);
}

/** The first element `selector` (with `hasText`, if given) in any webview content frame. */
export async function webviewWith(page: Page, selector: string, hasText?: string, timeoutMs = 60_000) {
  const frame = await webviewFrameWith(page, selector, hasText, timeoutMs);
  return frame.locator(selector, hasText ? { hasText } : {}).first();
}

/**
 * Runs a palette command that opens a second quick pick (runCommand waits for the palette to close,
 * so it does not fit) and clicks the row whose label is exactly `row` in it.
 */
export async function runCommandThenPick(page: Page, command: string, placeholder: string, row: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await page.locator('.statusbar').click({ position: { x: 400, y: 5 } }); // focus out of the webview, which keeps F1
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${command}`);
  const exact = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const commandRow = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exact(command) }) })
    .first();
  await commandRow.click({ timeout: 10_000 });
  await page.locator(`.quick-input-widget input[placeholder^="${placeholder}"]`).waitFor({ timeout: 10_000 });
  await input.fill(row);
  const target = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exact(row) }) })
    .first();
  await target.waitFor({ timeout: 10_000 });
  await target.click();
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Preferences: Color Theme → the theme's row. */
export async function chooseTheme(page: Page, name: string): Promise<void> {
  await runCommandThenPick(page, 'Preferences: Color Theme', 'Select Color Theme', name);
}

export interface Session {
  server: CodeServer;
  context: BrowserContext;
  page: Page;
  workspace: string;
  close(): Promise<void>;
}

const VSIX = path.join(REPO, 'dist', 'gamma-ce-lab.vsix');

/**
 * A fresh test-output/<name>/ with a workspace (filled by `prepare`), the packaged .vsix installed
 * into a private code-server, and Chromium showing the workbench on that workspace.
 */
export async function startSession(
  name: string,
  options: { settings?: Record<string, unknown>; prepare?: (workspace: string) => void } = {},
): Promise<Session> {
  const out = path.join(REPO, 'test-output', name);
  const workspace = path.join(out, 'workspace');
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(workspace, { recursive: true });
  options.prepare?.(workspace);
  if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: run npm run package`);
  const dirs = {
    workDir: path.join(out, 'server'),
    settings: { 'git.openRepositoryInParentFolders': 'never', ...options.settings },
  };
  await codeServer.installExtension(VSIX, dirs);
  const server = await codeServer.startCodeServer(dirs);
  const context = await browser.launchBrowser(path.join(out, 'browser'));
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 1400, height: 1000 });
  await browser.openWorkbench(page, codeServer.workbenchUrl(server, { folder: workspace }));
  return {
    server,
    context,
    page,
    workspace,
    close: async () => {
      await context.close();
      await server.stop();
    },
  };
}
