import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { browser, REPO, Session, startSession, runCommandAndPick } from './workbench';

const OUT = path.join(REPO, 'test-output', 'ui-large');
// GAMMA_CE_UI_LARGE_ROWS=5000000 tries the panel at the size of bench:calibrate (by hand: the interval takes minutes).
const ROWS = Number(process.env.GAMMA_CE_UI_LARGE_ROWS ?? 1_000_000);

/** `gamma-ce calibrate --json` of a file: the numbers the panel must show. */
function cliReport(file: string): { ece: number; n: number } {
  const out = execFileSync(process.execPath, [path.join(REPO, 'bin', 'gamma-ce.js'), 'calibrate', file, '--json'], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as { ece: number; n: number };
}

describe(`calibration panel with a ${ROWS.toLocaleString('en-US')}-row Parquet file in code-server + Chromium`, function () {
  let session: Session;
  let page: Page;
  let file = '';

  before(async function () {
    session = await startSession('ui-large', {
      prepare: (ws) => {
        // What DataFrame.to_parquet writes: a DOUBLE column per class and an INT64 label, 1 MiB pages.
        execFileSync(process.execPath, [
          path.join(REPO, 'scripts', 'generate-bench-predictions.js'),
          ws,
          String(ROWS),
          '10',
          '--parquet-only',
        ]);
        file = path.join(ws, 'preds.parquet');
      },
    });
    page = session.page;
  });

  after(async () => session?.close());

  it("shows the CLI's ECE over every row, answers its controls while it resamples, and finishes the interval", async function () {
    this.timeout(600_000);
    const want = cliReport(file);
    assert.strictEqual(want.n, ROWS);
    await runCommandAndPick(page, 'γ-CE: Open Calibration Panel', 'preds.parquet', 60_000);
    await page.locator('.tab', { hasText: 'Calibration: preds.parquet' }).first().click();
    const frame = browser.webviewFrame(page, 0);
    await frame.locator('text=Reading the file…').waitFor({ timeout: 60_000 });
    // The page's event loop, watched from the first render on (a figure for the log, not a check).
    await frame.locator('body').evaluate(() => {
      const w = window as unknown as { worst: number };
      w.worst = 0;
      let last = performance.now();
      setInterval(() => {
        const now = performance.now();
        if (document.querySelector('#metric-ece')) w.worst = Math.max(w.worst, now - last - 50);
        last = now;
      }, 50);
    });
    const ece = frame.locator('#metric-ece');
    await ece.waitFor({ timeout: 300_000 });
    assert.strictEqual(Number(await ece.getAttribute('data-value')), want.ece);
    assert.ok(((await frame.locator('#metric-n').textContent()) ?? '').includes(ROWS.toLocaleString('en-US')));
    // A control while the bootstrap runs: the diagram re-bins.
    await frame.locator('#bins').fill('10');
    await frame.locator('#bins').press('Enter');
    await frame.locator('svg.reliability-diagram', { hasText: '10 equal-width bins' }).waitFor({ timeout: 60_000 });
    await frame.locator('#metric-ece', { hasText: '±' }).filter({ hasNotText: '…' }).waitFor({ timeout: 500_000 });
    const worst = await frame.locator('body').evaluate(() => (window as unknown as { worst: number }).worst);
    console.log(`      largest event-loop gap of the page after its first render: ${Math.round(worst)} ms`);
    await browser.screenshot(page, path.join(OUT, 'calibration-large.png'));
  });
});
