import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator, Page } from 'playwright-core';
import { browser, REPO, Session, startSession, webviewWith } from './workbench';

const SCREENSHOT = path.join(REPO, 'docs', 'screenshots', 'lm-panel.png');

/** Types into the open quick pick and accepts the first row that shows the text (after runCommand's palette closed). */
async function pickRow(page: Page, text: string): Promise<void> {
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
}

describe('language-model panel in code-server + Chromium', function () {
  let session: Session;
  let page: Page;
  let frame: FrameLocator;

  before(async function () {
    session = await startSession('ui-lm', {
      settings: { 'workbench.colorTheme': 'Default Dark Modern' },
      prepare: (ws) => {
        fs.writeFileSync(path.join(ws, 'notes.md'), 'tiny\n');
        fs.writeFileSync(path.join(ws, 'empty.txt'), '');
      },
    });
    page = session.page;
  });

  after(async () => session?.close());

  it('palette → "γ-CE: Train a Language Model…" → the bundled sample shows its split', async () => {
    await browser.runCommand(page, 'γ-CE: Train a Language Model…', { timeout: 60_000 });
    await pickRow(page, 'GNU General Public License v3');
    const summary = await webviewWith(page, '#summary', 'characters', 90_000);
    frame = browser.webviewFrame(page);
    assert.match((await summary.textContent()) ?? '', /1 file, 35,\d{3} characters/);
    assert.match((await frame.locator('#text').textContent()) ?? '', /held out \(the last 10 % of each file\)/);
  });

  it('Enter in a field applies the value (or says why not) and never reloads the page or starts a run', async () => {
    await frame.locator('#title').evaluate((el) => el.setAttribute('data-marker', 'before-enter'));
    for (const [id, value] of [
      ['steps', '30'],
      ['context', '32'],
      ['layers', '1'],
      ['dim', '32'],
      ['batch', '8'],
      ['learningRate', '0.003'],
      ['temperature', '0.8'],
      ['topK', '0'],
      ['seed', '1'],
      ['threshold', '0.2'],
      ['gamma', 'x'],
    ]) {
      await frame.locator(`#${id}`).fill(value);
      await frame.locator(`#${id}`).press('Enter');
    }
    await page.waitForTimeout(1500); // a form submission would blank the frame a moment later
    assert.strictEqual(await frame.locator('#title').getAttribute('data-marker'), 'before-enter', 'the same page');
    assert.strictEqual(await frame.locator('#gamma-error').textContent(), "gamma must be a number, got 'x'");
    assert.strictEqual(await frame.locator('#results-section').isHidden(), true, 'no run started');
    await frame.locator('button[data-preset="0"]').click();
    assert.strictEqual(await frame.locator('#gamma').inputValue(), '1e-7');
    await frame.locator('#gamma').press('Enter');
    await frame.locator('#gamma-error').waitFor({ state: 'hidden', timeout: 5_000 });
    // The paper's γ = 1e-7 weights nearly every token 1 at this scale (TaiLr ≈ CE): a larger γ shows the difference.
    await frame.locator('#gamma').fill('0.5');
  });

  it('Run trains CE and TaiLr in parallel: curves, results, diagrams and samples', async () => {
    await frame.locator('#run').click();
    await frame.locator('#status', { hasText: 'Done.' }).waitFor({ timeout: 240_000 });
    assert.strictEqual(await frame.locator('.run-card svg.reliability-diagram').count(), 2);
    assert.strictEqual(await frame.locator('.run-card svg.confidence-histogram').count(), 2);
    assert.strictEqual(await frame.locator('table.lm-metrics tbody tr').count(), 3, 'CE, TaiLr, the unigram reference');
    assert.strictEqual(await frame.locator('#lm-curves svg.line-chart').count(), 3);
    assert.strictEqual(await frame.locator('table.samples tbody tr').count(), 3, 'three prompts');
    assert.strictEqual(await frame.locator('table.samples thead th').count(), 3, 'prompt, CE, TaiLr');
    assert.match((await frame.locator('table.lm-repetition').textContent()) ?? '', /held-out text \(reference\)/);
    const bits = await frame.locator('table.lm-metrics [data-metric="bitsPerChar"]').allTextContents();
    assert.strictEqual(bits.length, 2);
    for (const b of bits) assert.ok(Number(b) > 0 && Number(b) < 8, `bits/char ${b}`);
    await frame.locator('#steps').press('Enter');
    await page.waitForTimeout(500);
    assert.strictEqual(
      await frame.locator('#title').getAttribute('data-marker'),
      'before-enter',
      'still the same page',
    );
    await browser.screenshot(page, path.join(REPO, 'test-output', 'ui-lm', 'lm-panel-setup.png'));
    await frame.locator('#results-section').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await browser.screenshot(page, SCREENSHOT);
    await frame.locator('#calibration-heading').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await browser.screenshot(page, path.join(REPO, 'test-output', 'ui-lm', 'lm-panel-calibration.png'));
  });

  it('opens a run in the calibration panel (a file in the extension storage)', async () => {
    await frame.locator('[data-open-run="1"]').click();
    await page.locator('.tab', { hasText: 'gpl-3.0-tailr.csv' }).first().waitFor({ timeout: 60_000 });
    const ece = await webviewWith(page, '#metric-ece', undefined, 90_000);
    assert.ok(Number(await ece.getAttribute('data-value')) >= 0);
    assert.ok(!fs.readdirSync(session.workspace).some((f) => f.endsWith('.csv')), 'nothing written into the workspace');
  });

  it('comes back after a window reload with its setup and results (WebviewPanelSerializer)', async function () {
    this.timeout(420_000);
    await browser.runCommand(page, 'Developer: Reload Window', { timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The calibration panel is in front: a background tab's webview is revived only once it is shown.
    const tab = page.locator('.tab', { hasText: 'Language model: gpl-3.0.txt' }).first();
    await tab.waitFor({ timeout: 60_000 });
    // A click while the workbench is still restoring the front panel can be lost (seen twice in CI: VS Code
    // never asked the extension for the panel). Click until the panel shows; the last try closes the
    // calibration panel in front, which leaves this one the active editor.
    const showing = (timeout: number) =>
      webviewWith(page, '.run-card p.muted', 'Run again to open', timeout)
        .then(() => true)
        .catch(() => false);
    for (let attempt = 0; attempt < 4; attempt++) {
      if (attempt === 3) {
        const front = page.locator('.tab', { hasText: 'gpl-3.0-tailr.csv' }).first();
        await front.hover();
        await front.locator('.codicon-close').click({ timeout: 10_000 });
        await browser.screenshot(page, path.join(REPO, 'test-output', 'ui-lm', 'lm-panel-revival-retry.png'));
      }
      await tab.click();
      if (await showing(attempt === 3 ? 120_000 : 30_000)) break;
    }
    const note = await webviewWith(page, '.run-card p.muted', 'Run again to open', 120_000);
    assert.ok(await note.isVisible());
    const restored = await webviewWith(page, '#steps');
    assert.strictEqual(await restored.inputValue(), '30');
    const frames = await page.locator('iframe.webview').count();
    let cards = 0;
    for (let i = 0; i < frames; i++)
      cards += await browser.webviewFrame(page, i).locator('.run-card svg.reliability-diagram').count();
    assert.strictEqual(cards, 2);
  });
});
