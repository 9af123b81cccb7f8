import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator, Page } from 'playwright-core';
import { browser, frameShowing, pickFromQuickPick, REPO, Session, startSession, runCommandAndPick } from './workbench';

const OUT = path.join(REPO, 'test-output', 'ui');

async function openPanel(page: Page, file: string): Promise<FrameLocator> {
  await runCommandAndPick(page, 'γ-CE: Open Calibration Panel', file, 60_000);
  await page
    .locator('.tab', { hasText: `Calibration: ${file}` })
    .first()
    .click();
  const frame = await frameShowing(page, file);
  await frame.locator('#metric-ece').waitFor({ timeout: 60_000 });
  return frame;
}

describe('calibration panel jobs (smooth ECE, conventions, recalibration, comparison) in code-server', function () {
  let session: Session;
  let page: Page;

  before(async function () {
    session = await startSession('ui-jobs', {
      settings: { 'workbench.colorTheme': 'Default Light Modern' },
      prepare: (ws) => {
        fs.cpSync(path.join(REPO, 'samples', 'predictions'), path.join(ws, 'samples'), { recursive: true });
        fs.copyFileSync(
          path.join(REPO, 'samples', 'predictions', 'underconfident-iris.csv'),
          path.join(ws, 'samples', 'iris-copy.csv'),
        );
        for (const name of ['list-zstd.parquet', 'preds.npz'])
          fs.copyFileSync(path.join(REPO, 'test', 'fixtures', 'formats', name), path.join(ws, 'samples', name));
      },
    });
    page = session.page;
  });

  after(async () => session?.close());

  it('smooth ECE with its interval, the smoothed curve over the bins, and a convention that says what differs', async () => {
    const frame = await openPanel(page, 'overconfident-digits.csv');
    await frame
      .locator('#metric-smooth-ece', { hasText: '±' })
      .filter({ hasNotText: '…' })
      .waitFor({ timeout: 120_000 });
    await frame.locator('svg.reliability-diagram .smooth-curve').first().waitFor({ timeout: 10_000 });
    await frame.locator('#smooth-curve').uncheck();
    await frame.locator('svg.reliability-diagram:not(:has(.smooth-curve))').waitFor({ timeout: 10_000 });
    await frame.locator('#smooth-curve').check();
    await frame.locator('#convention').selectOption('torchmetrics');
    await frame.locator('#metric-convention-ece').waitFor({ timeout: 10_000 });
    assert.match((await frame.locator('#convention-note').textContent()) ?? '', /^torchmetrics 1\.9: float32/);
    await browser.screenshot(page, path.join(OUT, 'calibration-smooth-convention.png'));
  });

  it('Recalibrate…: Enter in Folds runs the cross-validation and shows before/after side by side; the panel stays', async () => {
    const frame = browser.webviewFrame(page, 0);
    await frame.locator('#recalibrate > summary').click();
    await frame.locator('#method').selectOption('temperature');
    await frame.locator('#folds').fill('1');
    await frame.locator('#folds').press('Enter');
    await frame.locator('#folds-error', { hasText: 'Folds: allowed are 2–20' }).waitFor({ timeout: 5_000 });
    await frame.locator('#folds').fill('3');
    await frame.locator('#folds').press('Enter');
    await page.waitForTimeout(1500);
    await frame.locator('#recal-result svg.reliability-diagram').nth(1).waitFor({ timeout: 120_000 });
    const before = Number(await frame.locator('#metric-ece').getAttribute('data-value'));
    const after = Number(await frame.locator('#recal-after-ece').getAttribute('data-value'));
    assert.ok(after < before, `temperature scaling lowers this overconfident model's ECE (${before} → ${after})`);
    assert.strictEqual(await frame.locator('#export-calibrator').isDisabled(), false);
    await frame.locator('#recalibrate').screenshot({ path: path.join(OUT, 'calibration-recalibrate.png') });
  });

  it('per class: sorts by a column and shows the clicked class one-vs-rest', async () => {
    const frame = browser.webviewFrame(page, 0);
    await frame.locator('#per-class > summary').click();
    await frame.locator('#classes button[data-sort="ece"]').click();
    await frame.locator('#classes th[aria-sort="descending"]').waitFor({ timeout: 5_000 });
    await frame.locator('#classes button[data-class="3"]').click();
    await frame.locator('svg.reliability-diagram[aria-label*="digit_3"]').first().waitFor({ timeout: 10_000 });
    await browser.screenshot(page, path.join(OUT, 'calibration-per-class.png'));
  });

  it('Compare with…: a copy of the file differs by exactly 0; files whose labels disagree get one message', async () => {
    const frame = await openPanel(page, 'underconfident-iris.csv');
    await frame.locator('#compare > summary').click();
    await frame.locator('#compare-pick').click();
    await pickFromQuickPick(page, 'iris-copy.csv');
    await frame.locator('#diff-ece').waitFor({ timeout: 120_000 });
    assert.strictEqual(await frame.locator('#diff-ece').getAttribute('data-excludes-zero'), 'false');
    assert.match((await frame.locator('#diff-ece').textContent()) ?? '', /^\+0\.0000$/);
    await frame.locator('svg.reliability-diagram .compare-overlay').waitFor({ timeout: 10_000 });
    await browser.screenshot(page, path.join(OUT, 'calibration-compare.png'));
    await frame.locator('#compare-pick').click();
    await pickFromQuickPick(page, 'calibrated-digits.csv');
    await frame.locator('#compare-status [role="alert"]').waitFor({ timeout: 60_000 });
    assert.match((await frame.locator('#compare-status').textContent()) ?? '', /calibrated-digits\.csv/);
  });

  it('Compare with…: a Parquet file against the same predictions as .npz differs by exactly 0', async () => {
    const frame = await openPanel(page, 'list-zstd.parquet');
    await frame.locator('#compare > summary').click();
    await frame.locator('#compare-pick').click();
    await pickFromQuickPick(page, 'preds.npz');
    await frame.locator('#diff-ece').waitFor({ timeout: 120_000 });
    assert.match((await frame.locator('#diff-ece').textContent()) ?? '', /^\+0\.0000$/);
    assert.match((await frame.locator('#compare').textContent()) ?? '', /position/);
    await browser.screenshot(page, path.join(OUT, 'calibration-compare-parquet.png'));
  });
});
