import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator, Page } from 'playwright-core';
import { browser, pickFromQuickPick, REPO, Session, startSession, webviewWith } from './workbench';

const OUT = path.join(REPO, 'test-output', 'ui');
const WORKSPACE = path.join(OUT, 'workspace');

function cliEce(file: string): number {
  const out = execFileSync(process.execPath, [path.join(REPO, 'bin', 'gamma-ce.js'), 'calibrate', file, '--json'], { encoding: 'utf8' });
  return JSON.parse(out).ece as number;
}

async function panelFrame(page: Page, title: string): Promise<FrameLocator> {
  await page.locator('.tab', { hasText: title }).first().click();
  // Only the visible editor's webview is the active one.
  return browser.webviewFrame(page, 0);
}

describe('calibration panel in code-server + Chromium', function () {
  let session: Session;
  let page: Page;

  before(async function () {
    session = await startSession('ui', { prepare: (ws) => fs.cpSync(path.join(REPO, 'test', 'fixtures', 'predictions'), path.join(ws, 'predictions'), { recursive: true }) });
    page = session.page;
  });

  after(async () => session?.close());

  it('palette → "γ-CE: Open Calibration Panel" → a file shows the diagram and the CLI\'s ECE', async () => {
    await browser.runCommand(page, 'γ-CE: Open Calibration Panel', { timeout: 60_000 });
    await pickFromQuickPick(page, 'names.csv');
    const frame = await panelFrame(page, 'Calibration: names.csv');
    const ece = frame.locator('#metric-ece');
    await ece.waitFor({ timeout: 60_000 });
    assert.strictEqual(Number(await ece.getAttribute('data-value')), cliEce(path.join(WORKSPACE, 'predictions', 'names.csv')));
    assert.match((await ece.textContent()) ?? '', /^0\.3000/);
    await frame.locator('svg.reliability-diagram g.bin').first().waitFor();
    assert.ok((await frame.locator('svg.reliability-diagram g.bin').count()) >= 3, 'the diagram has bars');
    await frame.locator('svg.confidence-histogram').waitFor();
    // The bootstrap interval arrives after the first render.
    await frame.locator('#metric-ece', { hasText: '±' }).filter({ hasNotText: '…' }).waitFor({ timeout: 60_000 });
    await browser.screenshot(page, path.join(OUT, 'calibration-panel.png'));
  });

  it('re-renders when a control changes', async () => {
    const frame = await panelFrame(page, 'Calibration: names.csv');
    await frame.locator('#bins').fill('5');
    await frame.locator('#metric-ece').waitFor();
    await frame.locator('text=5 equal-width bins, top-label').first().waitFor({ timeout: 10_000 });
    await frame.locator('#scheme').selectOption('equal-mass');
    await frame.locator('#metric-view-ece').waitFor({ timeout: 10_000 });
    await frame.locator('#view').selectOption({ label: 'dog vs rest' });
    await frame.locator('text=class \'dog\' vs rest, 5 equal-mass bins').first().waitFor({ timeout: 10_000 });
  });

  it('exports the diagram as SVG and PNG and the metrics as JSON through the save dialog', async () => {
    const frame = await panelFrame(page, 'Calibration: names.csv');
    await frame.locator('#export').click();
    const target = path.join(WORKSPACE, 'predictions', 'names-export.svg');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    // The dialog fills in its default (names.reliability.svg) once it has listed the folder.
    await page.waitForFunction(() => (document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value.endsWith('names.reliability.svg'));
    await input.fill(target);
    await page.waitForFunction((t) => (document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value === t, target);
    await page.locator('.quick-input-widget .monaco-button', { hasText: 'OK' }).click();
    await frame.locator('#status', { hasText: 'Exported' }).waitFor({ timeout: 30_000 });
    const png = fs.readFileSync(path.join(WORKSPACE, 'predictions', 'names-export.png'));
    assert.deepStrictEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
    assert.ok(png.length > 5000, `a real image (${png.length} bytes)`);
    assert.match(fs.readFileSync(target, 'utf8'), /^<svg[^>]*>.*class="chart reliability-diagram".*confidence-histogram/s);
    const metrics = JSON.parse(fs.readFileSync(path.join(WORKSPACE, 'predictions', 'names-export.json'), 'utf8'));
    assert.strictEqual(metrics.report.ece, cliEce(path.join(WORKSPACE, 'predictions', 'names.csv')));
  });

  it('offers to reload when the file changes on disk', async () => {
    const file = path.join(WORKSPACE, 'predictions', 'names.csv');
    fs.appendFileSync(file, 'a6,0.6,0.3,0.1,cat\n');
    const frame = await panelFrame(page, 'Calibration: names.csv');
    await frame.locator('#banner').waitFor({ state: 'visible', timeout: 30_000 });
    await frame.locator('#reload').click();
    await frame.locator('#summary', { hasText: '6 rows' }).waitFor({ timeout: 30_000 });
  });

  it('shows one clear error for a bad file', async () => {
    await browser.runCommand(page, 'γ-CE: Open Calibration Panel');
    await pickFromQuickPick(page, 'non-numeric.csv');
    await page.locator('.tab', { hasText: 'Calibration: non-numeric.csv' }).first().waitFor({ timeout: 30_000 });
    // Panels keep their webviews while hidden: find the one showing this error.
    const error = await webviewWith(page, '#error', 'non-numeric.csv');
    assert.strictEqual(await error.textContent(), "predictions/non-numeric.csv, row 2 (line 3), column 'dog': 'abc' is not a number");
    await browser.screenshot(page, path.join(OUT, 'calibration-error.png'));
  });

  it('comes back after a reload of the window, with its file and settings', async () => {
    await page.locator('.tab', { hasText: 'Calibration: names.csv' }).first().click();
    // Reload as VS Code does (its lifecycle saves the webviews' state), not a bare page reload.
    const reloaded = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 60_000 });
    await page.locator('.statusbar').click({ position: { x: 400, y: 5 } }); // focus out of the webview, which keeps F1
    await browser.runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const frame = await panelFrame(page, 'Calibration: names.csv');
    await frame.locator('#metric-view-ece').waitFor({ timeout: 60_000 });
    assert.strictEqual(await frame.locator('#bins').inputValue(), '5');
    assert.strictEqual(await frame.locator('#scheme').inputValue(), 'equal-mass');
    await browser.screenshot(page, path.join(OUT, 'calibration-restored.png'));
  });
});
