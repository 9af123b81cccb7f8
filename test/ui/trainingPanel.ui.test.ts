import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator, Page } from 'playwright-core';
import { browser, REPO, webviewWith, Session, startSession } from './workbench';

const OUT = path.join(REPO, 'test-output', 'ui-training');

async function pick(page: Page, text: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 30_000 });
  await input.fill(text);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
}

describe('training panel in code-server + Chromium', function () {
  let session: Session;
  let page: Page;
  let frame: FrameLocator;

  before(async function () {
    session = await startSession('ui-training', {
      settings: { 'gammaCe.training.epochs': 30, 'gammaCe.training.learningRate': 0.01, 'workbench.colorTheme': 'Default Dark Modern' },
      prepare: (ws) => fs.writeFileSync(path.join(ws, 'README.md'), 'a workspace for the UI test\n'),
    });
    page = session.page;
  });

  after(async () => session?.close());

  it('palette → "γ-CE: Train with γ-CE" → Iris shows the dataset and the setup from the settings', async () => {
    await browser.runCommand(page, 'γ-CE: Train with γ-CE', { timeout: 60_000 });
    await pick(page, 'Iris');
    frame = browser.webviewFrame(page);
    await frame.locator('#summary', { hasText: '150 rows' }).waitFor({ timeout: 60_000 });
    assert.strictEqual(await frame.locator('#epochs').inputValue(), '30');
    assert.match((await frame.locator('#data').textContent()) ?? '', /setosa/);
  });

  it('refuses an invalid value next to its field', async () => {
    await frame.locator('#gamma').fill('1.5');
    await frame.locator('#run').click();
    assert.strictEqual(await frame.locator('#gamma-error').textContent(), 'γ must be in [0, 1]');
    await frame.locator('#gamma').fill('0.1');
  });

  it('Run trains CE and γ-CE side by side: curves, both reliability diagrams, the metrics table', async () => {
    await frame.locator('#run').click();
    await frame.locator('#status', { hasText: 'Finished: 2 runs.' }).waitFor({ timeout: 120_000 });
    assert.strictEqual(await frame.locator('.run-card svg.reliability-diagram').count(), 2);
    assert.strictEqual(await frame.locator('table.runs tbody tr').count(), 2);
    assert.match((await frame.locator('table.runs').textContent()) ?? '', /γ-CE \(γ=0\.1\)/);
    assert.strictEqual(await frame.locator('#curves svg.line-chart').count(), 3);
    const accuracy = Number(await frame.locator('table.runs tbody tr').first().locator('[data-metric="accuracy"]').getAttribute('data-value'));
    assert.ok(accuracy >= 0.85, `CE test accuracy ${accuracy}`);
    await browser.screenshot(page, path.join(OUT, 'training-panel.png'));
    await frame.locator('#results-section').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await browser.screenshot(page, path.join(OUT, 'training-results.png'));
  });

  it('exports a run folder through the save dialog: report, predictions, diagrams, report.md', async () => {
    await frame.locator('#export').click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForFunction(() => /gamma-ce-runs\/iris-\d{8}-\d{6}$/.test((document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value ?? ''));
    const folder = await input.inputValue();
    await page.locator('.quick-input-widget .monaco-button', { hasText: /^(Create folder|OK)$/ }).first().click();
    // The dialog asks first whether to create the missing gamma-ce-runs folder.
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'does not exist' }).waitFor({ timeout: 30_000 });
    await page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).first().click();
    await frame.locator('#status', { hasText: 'Exported to' }).waitFor({ timeout: 60_000 });
    const files = fs.readdirSync(folder).sort();
    assert.deepStrictEqual(files, [
      'diagram-ce.png', 'diagram-ce.svg', 'diagram-gamma-ce-gamma-0.1.png', 'diagram-gamma-ce-gamma-0.1.svg',
      'predictions-ce.csv', 'predictions-gamma-ce-gamma-0.1.csv', 'report.json', 'report.md',
    ]);
    const png = fs.readFileSync(path.join(folder, 'diagram-ce.png'));
    assert.deepStrictEqual([...png.subarray(1, 4)].map((b) => String.fromCharCode(b)).join(''), 'PNG');
    assert.match(fs.readFileSync(path.join(folder, 'report.md'), 'utf8'), /!\[CE\]\(diagram-ce\.png\)/);
  });

  it('changes γ and re-runs; Stop ends a long run', async () => {
    await frame.locator('button[data-preset="2"]').click();
    assert.strictEqual(await frame.locator('#gamma').inputValue(), '0.8');
    assert.strictEqual(await frame.locator('#threshold').inputValue(), '0.2');
    await frame.locator('#epochs').fill('5000');
    await frame.locator('#run').click();
    await frame.locator('#status', { hasText: 'epoch' }).waitFor({ timeout: 60_000 });
    await frame.locator('#stop').click();
    await frame.locator('#status', { hasText: 'Stopped.' }).waitFor({ timeout: 10_000 });
    await frame.locator('#epochs').fill('30');
    await frame.locator('#run').click();
    await frame.locator('#status', { hasText: 'Finished: 2 runs.' }).waitFor({ timeout: 120_000 });
    assert.match((await frame.locator('table.runs').textContent()) ?? '', /TaiLr \(γ=0\.8, b=0\.2\)/);
    await browser.screenshot(page, path.join(OUT, 'training-panel-tailr.png'));
  });

  it('opens a run\'s test predictions in the calibration panel', async () => {
    const ece = Number(await frame.locator('table.runs tbody tr').first().locator('[data-metric="ece"]').getAttribute('data-value'));
    await frame.locator('[data-open-run="0"]').click();
    await page.locator('.tab', { hasText: 'Calibration: iris-ce.csv' }).first().waitFor({ timeout: 30_000 });
    // The training panel keeps its webview alive while hidden: find the frame that shows the metrics.
    const shown = await webviewWith(page, '#metric-ece');
    assert.strictEqual(Number(await shown.getAttribute('data-value')), ece);
  });

  it('comes back after a reload of the window with its setup and last results', async () => {
    await page.locator('.tab', { hasText: 'Train with γ-CE: iris.csv' }).first().click();
    // Reload as VS Code does (its lifecycle saves the webviews' state), not a bare page reload.
    const reloaded = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 60_000 });
    await page.locator('.statusbar').click({ position: { x: 400, y: 5 } }); // focus out of the webview, which keeps F1
    await browser.runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.tab', { hasText: 'Train with γ-CE: iris.csv' }).first().click();
    frame = browser.webviewFrame(page);
    await frame.locator('table.runs tbody tr').first().waitFor({ timeout: 60_000 });
    assert.match((await frame.locator('table.runs').textContent()) ?? '', /TaiLr \(γ=0\.8, b=0\.2\)/);
    assert.strictEqual(await frame.locator('#gamma').inputValue(), '0.8');
    await frame.locator('#summary', { hasText: '150 rows' }).waitFor({ timeout: 60_000 });
  });
});
