// The insert command as a person uses it: palette, quick picks, a refused γ with its message next
// to the field, then the offer of an untitled file when no editor is open; and from the training
// panel's "Insert this loss in my code", into the Python file the user worked in (issue 11.4).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { browser, pickFromQuickPick, REPO, Session, startSession, runCommandAndPick } from './workbench';

const OUT = path.join(REPO, 'test-output', 'ui-insert');
const COMMAND = 'γ-CE: Insert Loss Function';

async function waitForTitle(page: Page, title: string): Promise<void> {
  await page
    .locator('.quick-input-widget .quick-input-title', { hasText: title })
    .waitFor({ state: 'visible', timeout: 30_000 });
}

/** Opens the palette and runs the command (until the extension's command is listed). */
async function runFromPalette(page: Page): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: COMMAND }).first();
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${COMMAND}`);
    try {
      await row.waitFor({ timeout: 3_000 });
      break;
    } catch (error) {
      if (attempt > 20) throw error;
    }
  }
  await page.keyboard.press('Enter');
}

describe('"γ-CE: Insert Loss Function" in code-server + Chromium', function () {
  let session: Session;
  let page: Page;

  before(async function () {
    session = await startSession('ui-insert', {
      settings: { 'workbench.startupEditor': 'none', 'gammaCe.training.epochs': 5 },
      prepare: (ws) =>
        fs.writeFileSync(path.join(ws, 'train.py'), 'import torch\n\n\n# the model and the training loop\n'),
    });
    page = session.page;
  });

  after(async () => session?.close());

  it('refuses γ = 1.5 next to the field, then inserts TaiLr for TensorFlow.js into a new untitled file', async () => {
    await runFromPalette(page);
    const input = page.locator('.quick-input-widget input');

    await waitForTitle(page, `${COMMAND}: framework`);
    await input.fill('TensorFlow.js');
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'TensorFlow.js' }).waitFor();
    await page.keyboard.press('Enter');

    await waitForTitle(page, `${COMMAND}: form`);
    await page.keyboard.press('ArrowDown');
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: /^TaiLr/ }).waitFor();
    await page.keyboard.press('Enter');

    await waitForTitle(page, `${COMMAND}: γ`);
    await input.fill('1.5');
    const message = page.locator('.quick-input-widget .quick-input-message');
    await message.filter({ hasText: 'γ must be at most 1 (1 gives 1 − p); got 1.5.' }).waitFor({ timeout: 10_000 });
    await browser.screenshot(page, path.join(OUT, 'gamma-refused.png'));
    await page.keyboard.press('Enter');
    await page.waitForTimeout(500);
    assert.ok(
      await page.locator('.quick-input-widget .quick-input-title', { hasText: `${COMMAND}: γ` }).isVisible(),
      'a refused γ is not accepted',
    );
    await input.fill('0.8');
    await message.filter({ hasNotText: 'must be' }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');

    await waitForTitle(page, `${COMMAND}: b`);
    await input.fill('0.2');
    await page.keyboard.press('Enter');

    const toast = page.locator('.notification-toast', {
      hasText: 'No editor is open. Open a new untitled TypeScript file with the TensorFlow.js loss?',
    });
    await toast.waitFor({ timeout: 30_000 });
    await toast.locator('.monaco-button', { hasText: 'Open Untitled File' }).click();

    const lines = page.locator('.editor-instance .view-lines');
    await lines.filter({ hasText: "import * as tf from '@tensorflow/tfjs';" }).waitFor({ timeout: 30_000 });
    await page.locator('.tab.active', { hasText: 'Untitled-1' }).waitFor();
    // Monaco draws only the visible lines: reveal the signature, below the JSDoc.
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 26; i++) await page.keyboard.press('ArrowDown');
    // The view's text runs its lines together; the signature spans several of them.
    const signature =
      /function tailrLoss\(\s*logits: tf\.Tensor2D,\s*labels: tf\.Tensor1D,\s*gamma = 0\.8,\s*threshold = 0\.2,\s*\): tf\.Scalar \{/;
    let shown = '';
    for (const started = Date.now(); Date.now() - started < 10_000; await page.waitForTimeout(200)) {
      shown = ((await lines.first().textContent()) ?? '').replace(/\u00a0/g, ' ');
      if (signature.test(shown)) break;
    }
    assert.match(shown, signature, 'the editor shows the signature with the chosen γ and b');
    await browser.screenshot(page, path.join(OUT, 'inserted-untitled.png'));
  });

  it('"Insert this loss in my code" in the training panel writes into the Python file used last, imports on top', async () => {
    // train.py in the editor, the cursor at its end; then the panel becomes the active editor.
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await pickFromQuickPick(page, 'train.py');
    await page.locator('.tab.active', { hasText: 'train.py' }).waitFor({ timeout: 30_000 });
    await page.locator('.editor-instance .view-lines', { hasText: 'the training loop' }).click();
    await page.keyboard.press('Control+End');
    await runCommandAndPick(page, 'γ-CE: Train with γ-CE', 'Iris', 60_000);
    const frame = browser.webviewFrame(page);
    await frame.locator('#summary', { hasText: '150 rows' }).waitFor({ timeout: 60_000 });
    await frame.locator('#run').click();
    await frame.locator('#status', { hasText: /^Finished/ }).waitFor({ timeout: 120_000 });
    await frame.locator('#insert-loss').click();

    // Only the framework is asked (the panel gives the form and γ), Python first: train.py is Python.
    await waitForTitle(page, `${COMMAND}: framework`);
    await page
      .locator('.quick-input-list .monaco-list-row.focused', { hasText: 'PyTorch' })
      .waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');

    await page.locator('.tab.active', { hasText: 'train.py' }).waitFor({ timeout: 30_000 });
    assert.strictEqual(await page.locator('.notification-toast', { hasText: 'No editor' }).count(), 0);
    await browser.screenshot(page, path.join(OUT, 'inserted-from-panel.png'));
    await page.keyboard.press('Control+S');
    const file = path.join(session.workspace, 'train.py');
    let text = '';
    for (const started = Date.now(); Date.now() - started < 20_000; await page.waitForTimeout(250)) {
      text = fs.readFileSync(file, 'utf8');
      if (text.includes('def gamma_ce_loss(')) break;
    }
    assert.match(
      text,
      /^import torch\nimport math\nimport torch\.nn\.functional as F\n\n\n# the model and the training loop\ndef gamma_ce_loss\(logits, labels, gamma=0\.1\):\n/,
    );
  });
});
