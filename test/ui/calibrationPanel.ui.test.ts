import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import type { FrameLocator, Page } from 'playwright-core';
import { GAP_COLOURS, ThemeKind } from '../../src/webview/shared/palette';
import {
  browser,
  chooseTheme,
  frameShowing,
  pickFromQuickPick,
  REPO,
  Session,
  startSession,
  webviewWith,
  runCommandAndPick,
} from './workbench';

const OUT = path.join(REPO, 'test-output', 'ui');
const WORKSPACE = path.join(OUT, 'workspace');
// Theme picker rows (Preferences: Color Theme) and the kind the webview then reports.
const THEMES: Array<{ name: string; kind: ThemeKind; file: string }> = [
  { name: 'Light Modern', kind: 'light', file: 'light' },
  { name: 'Dark Modern', kind: 'dark', file: 'dark' },
  { name: 'Dark High Contrast', kind: 'high-contrast', file: 'high-contrast' },
  { name: 'Light High Contrast', kind: 'high-contrast-light', file: 'high-contrast-light' },
];

function cliEce(file: string): number {
  const out = execFileSync(process.execPath, [path.join(REPO, 'bin', 'gamma-ce.js'), 'calibrate', file, '--json'], {
    encoding: 'utf8',
  });
  return JSON.parse(out).ece as number;
}

/** Top-left pixel of a PNG (RGB): the first pixel of the first row is stored unfiltered whatever the row filter. */
function firstPixel(png: Buffer): [number, number, number] {
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  return [raw[1], raw[2], raw[3]];
}

/** Export… → the theme pick → the save dialog → the notification; returns the toast. */
async function exportThrough(
  page: Page,
  frame: FrameLocator,
  theme: 'Light' | 'As the panel looks now',
  target: string,
) {
  await frame.locator('#export').click();
  await pickFromQuickPick(page, theme);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 30_000 });
  // The dialog fills in its default (<name>.reliability.svg) once it has listed the folder.
  await page.waitForFunction(() =>
    (document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value.endsWith(
      '.reliability.svg',
    ),
  );
  await input.fill(target);
  await page.waitForFunction(
    (t) => (document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value === t,
    target,
  );
  await page.locator('.quick-input-widget .monaco-button', { hasText: 'OK' }).click();
  const toast = page
    .locator('.notifications-toasts .notification-toast', { hasText: `Exported ${path.basename(target)}` })
    .first();
  await toast.waitFor({ timeout: 30_000 });
  return toast;
}

interface Geometry {
  width: number;
  plot: DOMRectLike;
  legend: DOMRectLike[];
}
type DOMRectLike = { x: number; y: number; width: number; height: number };

/** What the browser really drew (fonts measured): the plot rectangle and each legend key and text. */
async function chartGeometry(frame: FrameLocator, selector: string): Promise<Geometry> {
  return frame.locator(selector).evaluate((svg) => {
    const box = (el: Element) => {
      const b = (el as SVGGraphicsElement).getBBox();
      return { x: b.x, y: b.y, width: b.width, height: b.height };
    };
    return {
      width: (svg as SVGSVGElement).viewBox.baseVal.width,
      plot: box(svg.querySelector('rect.axis')!),
      legend: [...svg.querySelectorAll('.chart-legend > :not(.legend-box)')].map(box),
    };
  });
}

function assertLegendClear(g: Geometry, what: string): void {
  const overlaps = (a: DOMRectLike, b: DOMRectLike) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  assert.ok(g.legend.length >= 4, `${what}: a legend`);
  for (const part of g.legend) {
    assert.ok(
      !overlaps(part, g.plot),
      `${what}: legend part ${JSON.stringify(part)} covers the plot ${JSON.stringify(g.plot)}`,
    );
    assert.ok(
      part.x >= 0 && part.x + part.width <= g.width,
      `${what}: legend part ${JSON.stringify(part)} leaves the figure (${g.width} wide)`,
    );
  }
  const texts = g.legend.filter((b) => b.height > 4);
  texts.forEach((a, i) =>
    texts
      .slice(i + 1)
      .forEach((b) => assert.ok(!overlaps(a, b), `${what}: legend parts overlap: ${JSON.stringify([a, b])}`)),
  );
}

function hexToRgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

/** The content frame of the webview whose #title shows `text` (panels keep their webviews while hidden). */
async function panelFrame(page: Page, title: string): Promise<FrameLocator> {
  await page.locator('.tab', { hasText: title }).first().click();
  // Only the visible editor's webview is the active one.
  return browser.webviewFrame(page, 0);
}

describe('calibration panel in code-server + Chromium', function () {
  let session: Session;
  let page: Page;

  before(async function () {
    session = await startSession('ui', {
      settings: { 'workbench.colorTheme': 'Default Light Modern' },
      prepare: (ws) => {
        fs.cpSync(path.join(REPO, 'test', 'fixtures', 'predictions'), path.join(ws, 'predictions'), {
          recursive: true,
        });
        fs.cpSync(path.join(REPO, 'samples', 'predictions'), path.join(ws, 'samples'), { recursive: true });
      },
    });
    page = session.page;
  });

  after(async () => session?.close());

  it('palette → "γ-CE: Open Calibration Panel" → a file shows the diagram and the CLI\'s ECE', async () => {
    await runCommandAndPick(page, 'γ-CE: Open Calibration Panel', 'names.csv', 60_000);
    const frame = await panelFrame(page, 'Calibration: names.csv');
    const ece = frame.locator('#metric-ece');
    await ece.waitFor({ timeout: 60_000 });
    assert.strictEqual(
      Number(await ece.getAttribute('data-value')),
      cliEce(path.join(WORKSPACE, 'predictions', 'names.csv')),
    );
    assert.match((await ece.textContent()) ?? '', /^0\.3000/);
    await frame.locator('svg.reliability-diagram g.bin').first().waitFor();
    assert.ok((await frame.locator('svg.reliability-diagram g.bin').count()) >= 3, 'the diagram has bars');
    await frame.locator('svg.confidence-histogram').waitFor();
    // The bootstrap interval arrives after the first render.
    await frame.locator('#metric-ece', { hasText: '±' }).filter({ hasNotText: '…' }).waitFor({ timeout: 60_000 });
    await browser.screenshot(page, path.join(OUT, 'calibration-panel.png'));
  });

  it('Enter in Bins applies the count and keeps the panel (no reload); a count out of range is refused next to the field', async () => {
    const frame = await panelFrame(page, 'Calibration: names.csv');
    await frame.locator('#bins').fill('8');
    await frame.locator('#bins').press('Enter');
    // A form submission would navigate the webview's frame to itself a moment later and leave it blank.
    await page.waitForTimeout(1500);
    await frame.locator('svg.reliability-diagram g.bin').first().waitFor({ timeout: 5_000 });
    await frame.locator('#metrics', { hasText: '8 equal-width bins, top-label' }).waitFor({ timeout: 5_000 });
    assert.match(
      (await frame.locator('svg.reliability-diagram').getAttribute('aria-label')) ?? '',
      /8 equal-width bins/,
    );
    assert.strictEqual(await frame.locator('#bins').inputValue(), '8');

    await frame.locator('#bins').fill('3');
    await frame.locator('#bins').press('Enter');
    await page.waitForTimeout(1500);
    const error = frame.locator('#bins-error');
    await error.waitFor({ state: 'visible', timeout: 5_000 });
    assert.strictEqual(await error.textContent(), '3 bins: allowed are 5–50 (whole numbers); the diagram keeps 8');
    assert.strictEqual(await frame.locator('#bins').getAttribute('aria-invalid'), 'true');
    assert.strictEqual(await frame.locator('#bins').inputValue(), '3', 'the typed value is not silently replaced');
    await frame.locator('#metrics', { hasText: '8 equal-width bins, top-label' }).waitFor({ timeout: 5_000 });
    await browser.screenshot(page, path.join(OUT, 'calibration-bins-refused.png'));

    // Enter in the label column field re-reads the file, and the panel stays.
    await frame.locator('#label-column').fill('label');
    await frame.locator('#label-column').press('Enter');
    await page.waitForTimeout(1500);
    await frame.locator('svg.reliability-diagram g.bin').first().waitFor({ timeout: 10_000 });
    assert.strictEqual(await frame.locator('#bins').inputValue(), '8', 'a re-read keeps the last good settings');
    assert.strictEqual(await frame.locator('#bins-error').isHidden(), true);
  });

  it('re-renders when a control changes', async () => {
    const frame = await panelFrame(page, 'Calibration: names.csv');
    await frame.locator('#bins').fill('5');
    await frame.locator('#metric-ece').waitFor();
    await frame.locator('text=5 equal-width bins, top-label').first().waitFor({ timeout: 10_000 });
    await frame.locator('#scheme').selectOption('equal-mass');
    await frame.locator('#metric-view-ece').waitFor({ timeout: 10_000 });
    await frame.locator('#view').selectOption({ label: 'dog vs rest' });
    await frame.locator('#metrics', { hasText: "class 'dog' vs rest, 5 equal-mass bins" }).waitFor({ timeout: 10_000 });
    assert.strictEqual(
      await frame.locator('svg.reliability-diagram text.title').textContent(),
      "Reliability diagram — class 'dog' vs rest, 5 equal-mass bins",
      'the whole title fits',
    );
  });

  it('exports a light figure (SVG, PNG) and the metrics (JSON), then says so in a notification with Reveal', async () => {
    const frame = await panelFrame(page, 'Calibration: names.csv');
    const target = path.join(WORKSPACE, 'predictions', 'names-export.svg');
    const toast = await exportThrough(page, frame, 'Light', target);
    const png = fs.readFileSync(path.join(WORKSPACE, 'predictions', 'names-export.png'));
    assert.deepStrictEqual(
      [...png.subarray(0, 8)],
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      'a PNG signature',
    );
    assert.ok(png.length > 5000, `a real image (${png.length} bytes)`);
    assert.deepStrictEqual(firstPixel(png), [255, 255, 255], 'a white background');
    const svg = fs.readFileSync(target, 'utf8');
    assert.match(
      svg,
      /^<svg[^>]*><rect width="\d+" height="\d+" fill="#ffffff"\/>.*class="chart reliability-diagram".*confidence-histogram/s,
    );
    assert.match(svg, /class="chart-legend"/);
    const metrics = JSON.parse(fs.readFileSync(path.join(WORKSPACE, 'predictions', 'names-export.json'), 'utf8'));
    assert.strictEqual(metrics.report.ece, cliEce(path.join(WORKSPACE, 'predictions', 'names.csv')));
    assert.match(
      (await toast.textContent()) ?? '',
      /Exported names-export\.svg, names-export\.png, names-export\.json to predictions/,
    );
    await toast.locator('.monaco-button', { hasText: 'Reveal' }).click();
    await page
      .locator('.explorer-folders-view .monaco-list-row.selected', { hasText: 'names-export.svg' })
      .waitFor({ timeout: 30_000 });
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
    await runCommandAndPick(page, 'γ-CE: Open Calibration Panel', 'non-numeric.csv');
    await page.locator('.tab', { hasText: 'Calibration: non-numeric.csv' }).first().waitFor({ timeout: 30_000 });
    // Panels keep their webviews while hidden: find the one showing this error.
    const error = await webviewWith(page, '#error', 'non-numeric.csv');
    assert.strictEqual(
      await error.textContent(),
      "predictions/non-numeric.csv, row 2 (line 3), column 'dog': 'abc' is not a number",
    );
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

  it('in light, dark and high-contrast themes: legends clear of the data, the two listed gap colours; screenshots', async () => {
    await runCommandAndPick(page, 'γ-CE: Open Calibration Panel', 'overconfident-digits.csv');
    const frame = await frameShowing(page, 'overconfident-digits.csv');
    await frame.locator('#metric-ece', { hasText: '±' }).filter({ hasNotText: '…' }).waitFor({ timeout: 60_000 });
    for (const theme of THEMES) {
      await chooseTheme(page, theme.name);
      await frame.locator(`body[data-vscode-theme-kind="vscode-${theme.kind}"]`).waitFor({ timeout: 30_000 });
      await page.waitForTimeout(500); // the theme's CSS variables reach the webview with its body class; let it paint
      for (const chart of ['svg.reliability-diagram', 'svg.confidence-histogram'])
        assertLegendClear(await chartGeometry(frame, chart), `${theme.name} ${chart}`);
      const fills = await frame.locator('svg.reliability-diagram').evaluate((svg) => {
        const fill = (selector: string) => [
          ...new Set([...svg.querySelectorAll(selector)].map((el) => getComputedStyle(el).fill)),
        ];
        return {
          over: fill('g.bin rect.gap-over'),
          under: fill('g.bin rect.gap-under'),
          legendOver: fill('.chart-legend rect.gap-over'),
          legendUnder: fill('.chart-legend rect.gap-under'),
        };
      });
      const expected = GAP_COLOURS[theme.kind];
      assert.deepStrictEqual(
        fills,
        {
          over: [hexToRgb(expected.over)],
          under: [hexToRgb(expected.under)],
          legendOver: [hexToRgb(expected.over)],
          legendUnder: [hexToRgb(expected.under)],
        },
        theme.name,
      );
      await page.mouse.move(1300, 900); // no tab tooltip over the panel
      await page.waitForTimeout(300);
      await page.locator('.part.editor').screenshot({ path: path.join(OUT, `calibration-panel-${theme.file}.png`) });
      if (theme.kind === 'dark') {
        // The export's other choice: as the panel looks now.
        const target = path.join(WORKSPACE, 'samples', 'digits-dark.svg');
        await exportThrough(page, frame, 'As the panel looks now', target);
        assert.notDeepStrictEqual(
          firstPixel(fs.readFileSync(target.replace(/svg$/, 'png'))),
          [255, 255, 255],
          'a dark background',
        );
        assert.doesNotMatch(fs.readFileSync(target, 'utf8'), /^<svg[^>]*><rect[^>]*fill="#ffffff"/);
        await page.locator('.statusbar').click({ position: { x: 400, y: 5 } });
        await browser.runCommand(page, 'Notifications: Clear All Notifications');
      }
    }
  });
});
