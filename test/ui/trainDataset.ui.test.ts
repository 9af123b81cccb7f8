import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { browser, pickFromQuickPick, REPO, webviewWith, Session, startSession } from './workbench';

const OUT = path.join(REPO, 'test-output', 'ui-datasets');
const WORKSPACE = path.join(OUT, 'workspace');

/** Runs against the packaged .vsix: the dataset worker bundle and media/datasets must be in it. */
describe('Train with γ-CE in code-server + Chromium (installed .vsix)', function () {
  let session: Session;
  let page: Page;

  before(async function () {
    session = await startSession('ui-datasets', { prepare: (ws) => fs.cpSync(path.join(REPO, 'test', 'fixtures', 'datasets'), path.join(ws, 'datasets'), { recursive: true }) });
    page = session.page;
  });

  after(async () => session?.close());

  const toast = (text: string) => page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();

  it('palette → "γ-CE: Train with γ-CE" → a bundled sample → the dataset summary in the panel', async () => {
    await browser.runCommand(page, 'γ-CE: Train with γ-CE', { timeout: 60_000 });
    await pickFromQuickPick(page, 'Iris');
    await webviewWith(page, '#summary', '150 rows · 4 features · 3 classes · split 105/24/21');
    await browser.screenshot(page, path.join(OUT, 'train-iris.png'));
  });

  it('a workspace file with a problem → one error naming file, row and line', async () => {
    await browser.runCommand(page, 'γ-CE: Train with γ-CE');
    await pickFromQuickPick(page, 'unclosed-quote.csv');
    const error = await webviewWith(page, '#error', 'unclosed-quote.csv');
    assert.strictEqual(await error.textContent(), 'datasets/bad/unclosed-quote.csv, row 2 (line 3): a quoted field is never closed');
    await browser.screenshot(page, path.join(OUT, 'train-error.png'));
  });

  it('a large file shows a progress notification, then the dataset in the panel', async () => {
    const lines = ['a,b,c,d,e,f,label'];
    for (let i = 0; i < 400_000; i++) lines.push(`${i % 101},${(i * 7) % 103},${(i * 13) % 107},${i % 11}.5,${i % 17}.25,${(i * 3) % 19},k${i % 4}`);
    fs.writeFileSync(path.join(WORKSPACE, 'datasets', 'large.csv'), `${lines.join('\n')}\n`);
    await browser.runCommand(page, 'γ-CE: Train with γ-CE');
    await pickFromQuickPick(page, 'large.csv');
    await toast('Loading datasets/large.csv').waitFor({ timeout: 60_000 });
    await webviewWith(page, '#summary', '400,000 rows · 6 features · 4 classes', 120_000);
  });
});
