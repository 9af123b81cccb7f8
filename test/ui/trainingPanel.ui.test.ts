import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator, Page } from 'playwright-core';
import { clippedPlaceholders, textContrasts } from './trainingHelpers';
import {
  browser,
  chooseTheme,
  REPO,
  runCommandThenPick,
  webviewWith,
  Session,
  startSession,
  runCommandAndPick,
} from './workbench';

const OUT = path.join(REPO, 'test-output', 'ui-training');
// Theme picker rows (Preferences: Color Theme) and the kind the webview then reports.
const THEMES = [
  { name: 'Light Modern', kind: 'light', file: 'light' },
  { name: 'Dark Modern', kind: 'dark', file: 'dark' },
  { name: 'Dark High Contrast', kind: 'high-contrast', file: 'high-contrast' },
];

/** Every id in the webview's document that is there more than once. */
async function repeatedIds(frame: FrameLocator): Promise<string[]> {
  return frame.locator('body').evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });
}

describe('training panel in code-server + Chromium', function () {
  let session: Session;
  let page: Page;
  let frame: FrameLocator;

  before(async function () {
    session = await startSession('ui-training', {
      settings: {
        'gammaCe.training.epochs': 30,
        'gammaCe.training.learningRate': 0.01,
        'workbench.colorTheme': 'Default Dark Modern',
      },
      prepare: (ws) => fs.writeFileSync(path.join(ws, 'README.md'), 'a workspace for the UI test\n'),
    });
    page = session.page;
  });

  after(async () => session?.close());

  it('palette → "γ-CE: Train with γ-CE" → Iris shows the dataset and the setup from the settings', async () => {
    await runCommandAndPick(page, 'γ-CE: Train with γ-CE', 'Iris', 60_000);
    frame = browser.webviewFrame(page);
    await frame.locator('#summary', { hasText: '150 rows' }).waitFor({ timeout: 60_000 });
    assert.strictEqual(await frame.locator('#epochs').inputValue(), '30');
    assert.match((await frame.locator('#data').textContent()) ?? '', /setosa/);
  });

  it('refuses an invalid value next to its field', async () => {
    await frame.locator('#gamma').fill('1.5');
    await frame.locator('#run').click();
    assert.strictEqual(await frame.locator('#gamma-error').textContent(), 'gamma must be in [0, 1], got 1.5');
    await frame.locator('#gamma').fill('0.1');
  });

  it('Enter in any field applies the value (or shows why not) and never reloads the page or starts a run', async () => {
    await frame.locator('#title').evaluate((el) => el.setAttribute('data-marker', 'before-enter'));
    for (const [id, value] of [
      ['epochs', '31'],
      ['gamma', '0.2'],
      ['threshold', ''],
      ['sweep', ''],
      ['learningRate', '0.01'],
      ['hidden', '64'],
      ['noise', '0'],
      ['seed', '0'],
      ['batchSize', '32'],
      ['gceQ', '0.7'],
    ]) {
      await frame.locator(`#${id}`).fill(value);
      await frame.locator(`#${id}`).press('Enter');
    }
    await frame.locator('#gamma').fill('2');
    await frame.locator('#gamma').press('Enter');
    // A form submission would navigate the webview's frame to itself a moment later and leave it blank.
    await page.waitForTimeout(1500);
    assert.strictEqual(await frame.locator('#title').getAttribute('data-marker'), 'before-enter', 'the same page');
    assert.strictEqual(await frame.locator('#gamma-error').textContent(), 'gamma must be in [0, 1], got 2');
    assert.strictEqual(await frame.locator('#results-section').isHidden(), true, 'no run started');
    assert.strictEqual(await frame.locator('#epochs').inputValue(), '31');
    await frame.locator('#gamma').fill('0.1');
    await frame.locator('#gamma').press('Enter');
    await frame.locator('#gamma-error').waitFor({ state: 'hidden', timeout: 5_000 });
    await frame.locator('#epochs').fill('30');
  });

  it('shows every placeholder whole (Floor b, Sweep γ)', async () => {
    assert.deepStrictEqual(await clippedPlaceholders(frame, '#setup'), []);
  });

  it('Run trains CE and γ-CE side by side: curves, both reliability diagrams, the metrics table', async () => {
    await frame.locator('#run').click();
    await frame.locator('#status', { hasText: 'Finished: 2 runs.' }).waitFor({ timeout: 120_000 });
    assert.strictEqual(await frame.locator('.run-card svg.reliability-diagram').count(), 2);
    assert.strictEqual(await frame.locator('table.runs tbody tr').count(), 2);
    assert.match((await frame.locator('table.runs').textContent()) ?? '', /γ-CE \(γ=0\.1\)/);
    assert.strictEqual(
      await frame.locator('#shared-curves svg.line-chart').count(),
      3,
      'validation NLL, accuracy, ECE',
    );
    assert.strictEqual(
      await frame.locator('#curves .loss-multiple svg.line-chart').count(),
      2,
      "each run's training loss on its own axes",
    );
    assert.deepStrictEqual(await repeatedIds(frame), []);
    const accuracy = Number(
      await frame.locator('table.runs tbody tr').first().locator('[data-metric="accuracy"]').getAttribute('data-value'),
    );
    assert.ok(accuracy >= 0.85, `CE test accuracy ${accuracy}`);
    await browser.screenshot(page, path.join(OUT, 'training-panel.png'));
    await frame.locator('#results-section').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await browser.screenshot(page, path.join(OUT, 'training-results.png'));
  });

  it('exports a run folder through the save dialog: report, predictions, diagrams, report.md', async () => {
    await frame.locator('#export').click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForFunction(() =>
      /gamma-ce-runs\/iris-\d{8}-\d{6}$/.test(
        (document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value ?? '',
      ),
    );
    const folder = await input.inputValue();
    await page
      .locator('.quick-input-widget .monaco-button', { hasText: /^(Create folder|OK)$/ })
      .first()
      .click();
    // The dialog asks first whether to create the missing gamma-ce-runs folder.
    await page
      .locator('.quick-input-widget .quick-input-title', { hasText: 'does not exist' })
      .waitFor({ timeout: 30_000 });
    await page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).first().click();
    await frame.locator('#status', { hasText: 'Exported to' }).waitFor({ timeout: 60_000 });
    const files = fs.readdirSync(folder).sort();
    assert.deepStrictEqual(files, [
      'diagram-ce.png',
      'diagram-ce.svg',
      'diagram-gamma-ce-gamma-0.1.png',
      'diagram-gamma-ce-gamma-0.1.svg',
      'predictions-ce.csv',
      'predictions-gamma-ce-gamma-0.1.csv',
      'report.json',
      'report.md',
    ]);
    const png = fs.readFileSync(path.join(folder, 'diagram-ce.png'));
    assert.deepStrictEqual([...png.subarray(1, 4)].map((b) => String.fromCharCode(b)).join(''), 'PNG');
    assert.match(fs.readFileSync(path.join(folder, 'report.md'), 'utf8'), /!\[CE\]\(diagram-ce\.png\)/);
    // Light by default (as the calibration panel's export), sized by its charts: the diagram above the histogram.
    const svg = fs.readFileSync(path.join(folder, 'diagram-ce.svg'), 'utf8');
    assert.match(
      svg,
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="360" height="540" viewBox="0 0 360 540"><rect width="360" height="540" fill="#ffffff"\/>/,
    );
    assert.match(
      svg,
      /<svg x="0" y="0" [^>]*class="chart reliability-diagram"[^>]*height="320".*<svg x="0" y="320" [^>]*class="chart confidence-histogram"[^>]*height="220"/s,
    );
    assert.deepStrictEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [720, 1080], 'the PNG at twice the size');
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

  it("opens a run's test predictions in the calibration panel", async () => {
    const ece = Number(
      await frame.locator('table.runs tbody tr').first().locator('[data-metric="ece"]').getAttribute('data-value'),
    );
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

  it('a sweep with baselines says what it does with them, then shows Δ against γ = 0 and the chart against γ', async () => {
    await frame.locator('#threshold').fill('');
    await frame.locator('#epochs').fill('15');
    await frame.locator('#baseline-ls').check();
    await frame.locator('#baseline-ts').check();
    await frame.locator('#sweep').fill('0, 1e-4, 0.1, 0.5');
    const note = frame.locator('#sweep-note');
    await note.waitFor({ state: 'visible', timeout: 5_000 });
    assert.strictEqual(
      await note.textContent(),
      'A sweep trains one γ run per value: label smoothing is not trained in it (no γ to sweep). Temperature scaling is applied to each γ run (dashed in the charts).',
    );
    await frame.locator('#run').click();
    await frame.locator('#status', { hasText: 'Finished: 8 runs.' }).waitFor({ timeout: 180_000 });
    assert.deepStrictEqual(await repeatedIds(frame), []);
    assert.strictEqual(await frame.locator('#sweep-results svg.line-chart').count(), 2, 'accuracy and ECE against γ');
    assert.strictEqual(
      await frame.locator('#sweep-results svg.line-chart path.line').count(),
      4,
      'γ runs and their + TS, in each chart',
    );
    assert.match((await frame.locator('#sweep-results').textContent()) ?? '', /label smoothing is not trained/);
    // Iris has 21 test rows: the Δ are shown, uncoloured, and the caption says why.
    assert.match(
      (await frame.locator('table.runs caption').textContent()) ?? '',
      /Δ against γ-CE \(γ=0\), which is cross-entropy, not coloured: 21 test rows are too few/,
    );
    assert.strictEqual(await frame.locator('table.runs .delta').count(), 7 * 6);
    assert.strictEqual(await frame.locator('table.runs .delta.better, table.runs .delta.worse').count(), 0);
    const keys = await frame
      .locator('#legend .legend-item line')
      .evaluateAll((lines) =>
        lines.map((l) => `${l.getAttribute('class')} ${l.getAttribute('stroke-dasharray') ?? ''}`),
      );
    assert.strictEqual(new Set(keys).size, 8, keys.join('\n'));
    await frame.locator('#results-section').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await browser.screenshot(page, path.join(OUT, 'training-sweep.png'));
  });

  it('in light, dark and high-contrast themes: readable notes and warnings, a histogram with room; screenshots', async () => {
    await frame.locator('#sweep').fill('');
    await frame.locator('#baseline-ls').uncheck();
    await frame.locator('#epochs').fill('30');
    await frame.locator('#run').click();
    await frame.locator('#status', { hasText: 'Finished: 4 runs.' }).waitFor({ timeout: 180_000 });
    for (const theme of THEMES) {
      await chooseTheme(page, theme.name);
      await frame.locator(`body[data-vscode-theme-kind="vscode-${theme.kind}"]`).waitFor({ timeout: 30_000 });
      await page.waitForTimeout(500); // the theme's CSS variables reach the webview with its body class; let it paint
      for (const selector of [
        '.hint',
        '.note:not([hidden])',
        'table.runs caption',
        '.delta',
        '.field-error',
        '.muted',
        '.error',
        '.warnings',
        '.better',
        '.worse',
      ]) {
        const low = (await textContrasts(frame, selector)).filter((c) => c < 4.5);
        assert.deepStrictEqual(low, [], `${theme.name}: ${selector} text contrast`);
      }
      const plot = await frame
        .locator('.run-card svg.confidence-histogram rect.axis')
        .first()
        .evaluate((r) => (r as SVGGraphicsElement).getBBox().height);
      assert.ok(plot >= 120, `${theme.name}: the histogram's plot area is ${plot} px high`);
      await page.mouse.move(1300, 900); // no tooltip over the panel
      await frame.locator('body').evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(300);
      await page.locator('.part.editor').screenshot({ path: path.join(OUT, `training-panel-${theme.file}.png`) });
      await frame.locator('#results-section').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.waitForTimeout(300);
      await page.locator('.part.editor').screenshot({ path: path.join(OUT, `training-results-${theme.file}.png`) });
      await frame.locator('#diagrams').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.waitForTimeout(300);
      await page.locator('.part.editor').screenshot({ path: path.join(OUT, `training-diagrams-${theme.file}.png`) });
    }
  });

  it("trains γ-CE's peers for noisy labels (GCE with its q, SCE, MAE) beside CE and γ-CE; a bad q is refused next to it", async () => {
    await frame.locator('#baseline-ts').uncheck();
    for (const b of ['gce', 'sce', 'mae']) await frame.locator(`#baseline-${b}`).check();
    await frame.locator('#gceQ').fill('1.5');
    await frame.locator('#gceQ').press('Enter');
    await frame
      .locator('#gceQ-error', { hasText: 'gceQ (the q of GCE) must be in (0, 1], got 1.5' })
      .waitFor({ timeout: 5_000 });
    await frame.locator('#gceQ').fill('0.5');
    await frame.locator('#noise').fill('0.3');
    await frame.locator('#epochs').fill('20');
    await frame.locator('#run').click();
    await frame.locator('#status', { hasText: 'Finished: 5 runs.' }).waitFor({ timeout: 180_000 });
    const table = (await frame.locator('table.runs').textContent()) ?? '';
    for (const name of [/GCE \(q=0\.5\)/, /SCE \(α=0\.1, β=1, A=-4\)/, /MAE \(γ-CE, γ=1\)/]) assert.match(table, name);
    for (const b of ['gce', 'sce', 'mae']) await frame.locator(`#baseline-${b}`).uncheck();
    await frame.locator('#noise').fill('0');
  });

  it("checks the walkthrough's first step once a training has run", async () => {
    await runCommandThenPick(page, 'Welcome: Open Walkthrough...', 'Select a walkthrough', 'Get started with γ-CE Lab');
    await page.locator('.getting-started-step', { hasText: 'Train on a sample' }).first().waitFor({ timeout: 30_000 });
    await browser.screenshot(page, path.join(OUT, 'walkthrough.png'));
    await page
      .locator('.getting-started-step[aria-checked="true"]', { hasText: 'Train on a sample' })
      .first()
      .waitFor({ timeout: 10_000 });
  });
});
