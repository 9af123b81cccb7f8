import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { clippedPlaceholders, textContrasts } from './trainingHelpers';
import {
  browser,
  pickFromQuickPick,
  REPO,
  webviewFrameWith,
  webviewWith,
  Session,
  startSession,
  runCommandAndPick,
} from './workbench';

const OUT = path.join(REPO, 'test-output', 'ui-datasets');
const WORKSPACE = path.join(OUT, 'workspace');

/** Runs against the packaged .vsix: the dataset worker bundle and media/datasets must be in it. */
describe('Train with γ-CE in code-server + Chromium (installed .vsix)', function () {
  let session: Session;
  let page: Page;

  before(async function () {
    session = await startSession('ui-datasets', {
      prepare: (ws) => {
        fs.cpSync(path.join(REPO, 'test', 'fixtures', 'datasets'), path.join(ws, 'datasets'), { recursive: true });
        // A model's output, which the training pick must not put first (nor focus).
        fs.cpSync(path.join(REPO, 'samples', 'predictions'), path.join(ws, 'predictions'), { recursive: true });
        // A label column of names, each different (issue 11): 'kind' holds the classes.
        const people = [
          'height,weight,kind,name',
          ...Array.from(
            { length: 60 },
            (_, i) => `${150 + (i % 17)},${50 + ((i * 7) % 23)},${['a', 'b', 'c'][i % 3]},person ${i}`,
          ),
        ];
        fs.writeFileSync(path.join(ws, 'datasets', 'people.csv'), `${people.join('\n')}\n`);
      },
    });
    page = session.page;
  });

  after(async () => session?.close());

  const toast = (text: string) => page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();

  /** The label of the quick pick's focused row (the one Enter would take). */
  const focusedRow = async () => {
    const row = page.locator('.quick-input-list .monaco-list-row.focused');
    await row.waitFor({ timeout: 30_000 });
    return (await row.locator('.label-name').first().textContent())?.trim() ?? '';
  };

  it('palette → "γ-CE: Train with γ-CE" → a bundled sample → the dataset summary in the panel', async () => {
    await browser.runCommand(page, 'γ-CE: Train with γ-CE', { timeout: 60_000 });
    // Datasets first: the focused row is one to train on, the predictions files come after the samples.
    assert.doesNotMatch(await focusedRow(), /predictions/);
    const labels = await page.locator('.quick-input-list .monaco-list-row .label-name').allTextContents();
    const firstPrediction = labels.findIndex((l) => l.includes('predictions'));
    assert.ok(
      firstPrediction === -1 || labels.findIndex((l) => l.includes('Iris')) < firstPrediction,
      labels.join(' | '),
    );
    await pickFromQuickPick(page, 'Iris');
    await webviewWith(page, '#summary', '150 rows · 4 features · 3 classes · split 105/24/21');
    await browser.screenshot(page, path.join(OUT, 'train-iris.png'));
  });

  it('a workspace file with a problem → one error naming file, row and line', async () => {
    await runCommandAndPick(page, 'γ-CE: Train with γ-CE', 'unclosed-quote.csv');
    const error = await webviewWith(page, '#error', 'unclosed-quote.csv');
    assert.strictEqual(
      await error.textContent(),
      'datasets/bad/unclosed-quote.csv, row 2 (line 3): a quoted field is never closed',
    );
    await browser.screenshot(page, path.join(OUT, 'train-error.png'));
  });

  it('after a bad file the form stays filled in and laid out; "Choose another dataset…" loads another and Run works', async () => {
    const frame = await webviewFrameWith(page, '#error', 'unclosed-quote.csv');
    assert.strictEqual(await frame.locator('#epochs').inputValue(), '50', 'the form keeps its values');
    assert.strictEqual(await frame.locator('#gamma').inputValue(), '0.1');
    const data = await frame.locator('#data-section').boundingBox();
    const setup = await frame.locator('#setup-section').boundingBox();
    assert.ok(
      data && setup && data.width > 200 && setup.x >= data.x + data.width,
      `data ${JSON.stringify(data)}, setup ${JSON.stringify(setup)}: side by side`,
    );
    assert.strictEqual(await frame.locator('#run').isDisabled(), true, 'Run needs a dataset');
    assert.strictEqual(await frame.locator('#status').textContent(), 'Run needs a dataset that loads.');
    assert.strictEqual(
      await frame.locator('#summary').textContent(),
      'This file could not be used: choose another dataset.',
    );
    assert.strictEqual(
      await frame.locator('#label-retry').count(),
      0,
      'a broken quote is not a matter of the label column',
    );
    await frame.locator('#choose-dataset').click();
    assert.doesNotMatch(await focusedRow(), /predictions/);
    await pickFromQuickPick(page, 'Wine');
    await frame.locator('#summary', { hasText: '178 rows · 13 features · 3 classes' }).waitFor({ timeout: 60_000 });
    assert.strictEqual(await frame.locator('#error').isHidden(), true);
    await page.locator('.tab', { hasText: 'Train with γ-CE: wine.csv' }).first().waitFor({ timeout: 10_000 });
    assert.strictEqual(
      await page.locator('.tab', { hasText: 'unclosed-quote.csv' }).count(),
      0,
      'the same panel, on the new file',
    );
    await frame.locator('#epochs').fill('20');
    await frame.locator('#run').click();
    await frame.locator('#status', { hasText: 'Finished: 2 runs.' }).waitFor({ timeout: 120_000 });
    await browser.screenshot(page, path.join(OUT, 'train-after-another-dataset.png'));
  });

  it('a label column of names is refused with the column and --label; the panel loads the file with another label', async () => {
    await runCommandAndPick(page, 'γ-CE: Train with γ-CE', 'people.csv');
    const frame = await webviewFrameWith(page, '#error', 'people.csv');
    assert.strictEqual(
      await frame.locator('#error').textContent(),
      "datasets/people.csv, column 'name': the label column has 60 distinct values in 60 rows (every row has its own value): it looks like identifiers or free text, not classes; " +
        'name the column that holds the classes with --label <column> (in the training panel: Label column)',
    );
    await browser.screenshot(page, path.join(OUT, 'train-label-refused.png'));
    assert.deepStrictEqual(await clippedPlaceholders(frame, '#data'), []);
    await frame.locator('#label-retry').fill('kind');
    await frame.locator('#label-retry').press('Enter');
    await frame.locator('#summary', { hasText: '60 rows · 2 features · 3 classes' }).waitFor({ timeout: 60_000 });
    assert.strictEqual(await frame.locator('#label-column').inputValue(), 'kind');
    // The warnings (here: the names column is ignored) are text to read: at least 4.5:1 in this light theme.
    assert.match((await frame.locator('.warnings').textContent()) ?? '', /column 'name' is ignored/);
    assert.deepStrictEqual(
      (await textContrasts(frame, '.warnings li')).filter((c) => c < 4.5),
      [],
    );
  });

  it('a large file shows a progress notification, then the dataset in the panel', async () => {
    const lines = ['a,b,c,d,e,f,label'];
    for (let i = 0; i < 400_000; i++)
      lines.push(`${i % 101},${(i * 7) % 103},${(i * 13) % 107},${i % 11}.5,${i % 17}.25,${(i * 3) % 19},k${i % 4}`);
    fs.writeFileSync(path.join(WORKSPACE, 'datasets', 'large.csv'), `${lines.join('\n')}\n`);
    await runCommandAndPick(page, 'γ-CE: Train with γ-CE', 'large.csv');
    await toast('Loading datasets/large.csv').waitFor({ timeout: 60_000 });
    await webviewWith(page, '#summary', '400,000 rows · 6 features · 4 classes', 120_000);
  });
});
