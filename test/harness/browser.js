'use strict';
// Debian's Chromium driven by playwright-core (never `npx playwright install`: no browser downloads).
const fs = require('fs');
const path = require('path');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function loadPlaywright() {
  // The project (or the current directory's project) has playwright-core as a devDependency.
  const paths = [process.cwd(), __dirname];
  try {
    return require(require.resolve('playwright-core', { paths }));
  } catch {
    throw new Error('playwright-core not found: PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm i -D playwright-core');
  }
}

/**
 * Chromium with a fresh profile in workDir/chromium-profile (launch() refuses --user-data-dir).
 * launchOptions go to launchPersistentContext (e.g. viewport, handleSIGINT).
 * @returns {Promise<import('playwright-core').BrowserContext>} close it with context.close()
 */
async function launchBrowser(workDir, launchOptions = {}) {
  const profile = path.join(path.resolve(workDir), 'chromium-profile');
  fs.rmSync(profile, { recursive: true, force: true });
  fs.mkdirSync(profile, { recursive: true });
  const { chromium } = loadPlaywright();
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    ...launchOptions,
  });
}

/** Loads the workbench and waits until it is laid out. */
async function openWorkbench(page, url, { timeout = 60000 } = {}) {
  await page.goto(url, { timeout });
  await page.locator('.monaco-workbench').waitFor({ timeout });
  await page.locator('.statusbar').waitFor({ timeout });
}

/**
 * Runs a command by its palette title (e.g. 'Demo: Hello'). An extension's commands appear in the
 * palette only seconds after the extension host starts, so reopen the palette until the row is there.
 */
async function runCommand(page, title, { timeout = 30000 } = {}) {
  const deadline = Date.now() + timeout;
  const input = page.locator('.quick-input-widget input');
  const exact = new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const label = page.locator('.label-name', { hasText: exact }); // not "Title and more"
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: label }).first();
  for (;;) {
    // Out of any webview first: when the palette closes, VS Code hands focus back to where it was, and
    // a webview takes it asynchronously, which can close a quick pick the command has opened meanwhile.
    await page.locator('.statusbar').click({ position: { x: 400, y: 5 } });
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ timeout: 3000 });
    } catch {
      if (Date.now() > deadline) throw new Error(`command "${title}" not in the palette after ${timeout} ms`);
      continue;
    }
    if (await row.evaluate((el) => el.classList.contains('focused'))) await page.keyboard.press('Enter');
    else await row.click();
    await input.waitFor({ state: 'hidden', timeout: 10000 });
    return;
  }
}

/** The content frame of a webview: the workbench's iframe.webview holds iframe#active-frame. */
function webviewFrame(page, index = 0) {
  return page.frameLocator('iframe.webview').nth(index).frameLocator('iframe#active-frame');
}

async function screenshot(page, file) {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  await page.screenshot({ path: file });
  return path.resolve(file);
}

module.exports = { launchBrowser, openWorkbench, runCommand, webviewFrame, screenshot, CHROMIUM_ARGS };
