import * as assert from 'assert';
import * as vscode from 'vscode';
import type { InsertedLoss } from '../../src/extension/insertLossFunction';
import { applyInserts, planInsertion } from '../../src/snippets/insertion';
import { renderSnippet } from '../../src/snippets/render';
import { snippetName } from '../../src/snippets/snippetFiles';
import type { CodeLanguage, Form, FrameworkId } from '../../src/snippets/types';
import { expandWithDefaults } from '../unit/snippetsExpand';

const EXTENSION_ID = 'gamma-ce-lab.gamma-ce-lab';

async function openEditor(language: string, content = ''): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  const editor = await vscode.window.showTextDocument(document);
  const end = document.positionAt(content.length);
  editor.selection = new vscode.Selection(end, end);
  return editor;
}

/** What a snippet with its defaults (imports first) becomes in this editor: tabs in the editor's indentation. */
function expectedSnippetText(
  editor: vscode.TextEditor,
  framework: FrameworkId,
  form: Form,
  language: CodeLanguage,
): string {
  const unit = editor.options.insertSpaces ? ' '.repeat(editor.options.tabSize as number) : '\t';
  const body = expandWithDefaults(renderSnippet({ framework, form, language }));
  return body.replace(/^\t+/gm, (tabs) => unit.repeat(tabs.length));
}

async function insertSnippetByName(langId: string, name: string): Promise<void> {
  await vscode.commands.executeCommand('editor.action.insertSnippet', { langId, name });
}

describe('snippets and "γ-CE: Insert Loss Function" in a real VS Code', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const contributed: Array<[string, FrameworkId, Form, CodeLanguage]> = [
    ['python', 'pytorch', 'closed', 'python'],
    ['python', 'keras', 'tailr', 'python'],
    ['python', 'jax', 'sequence', 'python'],
    ['python', 'numpy', 'closed', 'python'],
    ['typescript', 'tfjs', 'sequence', 'typescript'],
    ['typescriptreact', 'tfjs', 'closed', 'typescript'],
    ['javascript', 'tfjs', 'tailr', 'javascript'],
    ['javascriptreact', 'tfjs', 'closed', 'javascript'],
  ];
  for (const [languageId, framework, form, language] of contributed) {
    it(`contributes "${snippetName(framework, form)}" for ${languageId}, inserting the template's code`, async () => {
      const editor = await openEditor(languageId);
      await insertSnippetByName(languageId, snippetName(framework, form));
      assert.strictEqual(editor.document.getText(), expectedSnippetText(editor, framework, form, language));
    });
  }

  it('contributes no γ-CE snippet to other languages (plaintext, markdown; Python ones not to TypeScript)', async () => {
    for (const [languageId, name] of [
      ['plaintext', snippetName('pytorch', 'closed')],
      ['markdown', snippetName('tfjs', 'closed')],
      ['typescript', snippetName('pytorch', 'closed')],
      ['python', snippetName('tfjs', 'closed')],
    ]) {
      const editor = await openEditor(languageId);
      await insertSnippetByName(languageId, name);
      assert.strictEqual(editor.document.getText(), '', `${name} in ${languageId}`);
    }
  });

  it('registers gammaCe.insertLossFunction', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes('gammaCe.insertLossFunction'));
  });

  it('inserts the chosen loss with γ and b written in, and the imports once', async () => {
    const original = '"""Training script."""\nimport torch\n\n';
    const editor = await openEditor('python', original);
    const options = { framework: 'pytorch', form: 'tailr', gamma: 0.3, threshold: 0.2 } as const;
    const result = await vscode.commands.executeCommand<InsertedLoss>('gammaCe.insertLossFunction', options);
    assert.deepStrictEqual(result?.addedImports, ['import math', 'import torch.nn.functional as F']);
    const text = editor.document.getText();
    const plan = planInsertion({
      text: original,
      languageId: 'python',
      cursor: { line: 3, character: 0 },
      framework: 'pytorch',
      form: 'tailr',
      values: { gamma: 0.3, threshold: 0.2 },
      insertSpaces: editor.options.insertSpaces as boolean,
      tabSize: editor.options.tabSize as number,
    });
    assert.strictEqual(text, applyInserts(original, plan.inserts));
    assert.ok(
      text.startsWith(
        '"""Training script."""\nimport torch\nimport math\nimport torch.nn.functional as F\n\ndef tailr_loss(logits, labels, gamma=0.3, threshold=0.2):\n',
      ),
      text.slice(0, 200),
    );

    editor.selection = new vscode.Selection(
      editor.document.positionAt(text.length),
      editor.document.positionAt(text.length),
    );
    await editor.edit((e) => e.insert(editor.selection.active, '\n\n'));
    const again = await vscode.commands.executeCommand<InsertedLoss>('gammaCe.insertLossFunction', {
      ...options,
      form: 'closed',
      gamma: 1,
    });
    assert.deepStrictEqual(again?.addedImports, []);
    const after = editor.document.getText();
    assert.strictEqual(after.match(/^import /gm)?.length, 3);
    assert.match(after, /\ndef gamma_ce_loss\(logits, labels, gamma=1\.0\):\n/);
  });

  it("inserts TypeScript for TensorFlow.js with the tfjs import, in the editor's indentation", async () => {
    const editor = await openEditor('typescript', "import * as fs from 'fs';\n\n");
    editor.options = { insertSpaces: true, tabSize: 2 };
    await vscode.commands.executeCommand('gammaCe.insertLossFunction', {
      framework: 'tfjs',
      form: 'sequence',
      gamma: 1e-7,
      threshold: 0.2,
    });
    const text = editor.document.getText();
    assert.ok(
      text.startsWith("import * as fs from 'fs';\nimport * as tf from '@tensorflow/tfjs';\n\n/**\n"),
      text.slice(0, 120),
    );
    assert.match(
      text,
      /\nfunction tailrSequenceLoss\(\n {2}logits: tf\.Tensor3D,\n {2}labels: tf\.Tensor2D,\n {2}gamma = 1e-7,\n {2}threshold = 0\.2,\n {2}ignoreIndex = -100,\n\): tf\.Scalar \{\n/,
    );
  });

  it('refuses a bad argument (γ = 1.5) and leaves the document alone', async () => {
    const editor = await openEditor('python', 'x = 1\n');
    const result = await vscode.commands.executeCommand('gammaCe.insertLossFunction', {
      framework: 'pytorch',
      form: 'closed',
      gamma: 1.5,
    });
    assert.strictEqual(result, undefined);
    assert.strictEqual(editor.document.getText(), 'x = 1\n');
  });

  it('walks through the quick picks and input boxes: accepting the pre-selected answers inserts PyTorch γ-CE with γ = 0.1', async () => {
    const editor = await openEditor('python', '');
    const running = vscode.commands.executeCommand<InsertedLoss>('gammaCe.insertLossFunction');
    let done = false;
    void running.then(
      () => (done = true),
      () => (done = true),
    );
    const started = Date.now();
    while (!done && Date.now() - started < 30_000) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    const result = await running;
    assert.deepStrictEqual(
      { framework: result?.framework, form: result?.form, gamma: result?.gamma },
      { framework: 'pytorch', form: 'closed', gamma: 0.1 },
    );
    assert.match(
      editor.document.getText(),
      /^import math\nimport torch\nimport torch\.nn\.functional as F\n\n\ndef gamma_ce_loss\(logits, labels, gamma=0\.1\):/,
    );
  });
});
