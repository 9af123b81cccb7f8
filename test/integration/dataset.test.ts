import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EncodedDataset, loadDataset } from '../../src/core/data/dataset';
import { MAX_DATASET_BYTES } from '../../src/core/data/limits';
import { EXTENSION_ID, api, bundled, waitFor, workspaceFile } from './extensionApi';
import { sendToTrainingPanel } from './trainingMessages';

const TRAIN = 'gammaCe.trainWithGammaCe';

describe('Train with γ-CE: datasets in a real VS Code', () => {
  it('registers the command, with the explorer menu entry for data files', async () => {
    await api();
    assert.ok((await vscode.commands.getCommands(true)).includes(TRAIN));
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const command = pkg.contributes.commands.find((c: { command: string }) => c.command === TRAIN);
    assert.deepStrictEqual([command.title, command.category], ['Train with γ-CE', 'γ-CE']);
    const menu = pkg.contributes.menus['explorer/context'].find((m: { command: string }) => m.command === TRAIN);
    assert.match(menu.when, /csv\|tsv\|json\|jsonl/);
  });

  it("loads a bundled sample through the command's path (workspace.fs, worker) to the shape the core gives", async () => {
    const uri = bundled('iris.csv');
    const dataset = await (await api()).loadDataset(uri);
    assert.strictEqual(dataset.schema.label, 'species');
    assert.deepStrictEqual(dataset.classNames, ['setosa', 'versicolor', 'virginica']);
    assert.deepStrictEqual([dataset.train.rows, dataset.validation.rows, dataset.test.rows], [105, 24, 21]);
    assert.strictEqual(dataset.features, 4);
    assert.strictEqual(dataset.train.x.length, 105 * 4);
    assert.ok(dataset.train.x instanceof Float32Array && dataset.train.y instanceof Int32Array);
    assert.deepStrictEqual(dataset, loadDataset(fs.readFileSync(uri.fsPath), 'iris.csv'));
  });

  it('runs the command on a workspace file (as the explorer menu does): the training panel loads it, and reloads it with a new seed and noise', async () => {
    const extension = await api();
    const uri = workspaceFile('datasets', 'good', 'mixed.csv');
    await vscode.commands.executeCommand(TRAIN, uri);
    const panel = await waitFor('the training panel', () =>
      extension.trainingPanels().find((p) => p.uri === uri.toString() && p.dataset),
    );
    const dataset = panel.dataset as EncodedDataset;
    assert.strictEqual(dataset.file, 'datasets/good/mixed.csv');
    assert.deepStrictEqual(dataset.featureNames, loadDataset(fs.readFileSync(uri.fsPath), 'x.csv').featureNames);
    await sendToTrainingPanel(panel, { type: 'reloadDataset', setup: { config: { seed: 3 }, noise: 0.2 } });
    const reloaded = extension.trainingPanels().find((p) => p.uri === uri.toString())!.dataset as EncodedDataset;
    assert.strictEqual(reloaded.seed, 3);
    assert.strictEqual(reloaded.noise.rate, 0.2);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("opens a bundled sample named by the walkthrough's link, with its presets (Digits, label noise 0.3, 5 seeds)", async () => {
    const extension = await api();
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const step = pkg.contributes.walkthroughs[0].steps.find((s: { id: string }) => s.id === 'train');
    const link = /\(command:gammaCe\.trainWithGammaCe\?([^)]+)\)/.exec(step.description as string);
    assert.ok(link, step.description);
    const args = JSON.parse(decodeURIComponent(link[1])) as unknown[];
    assert.deepStrictEqual(args, ['digits.csv', { noise: 0.3, seeds: 5 }]);
    await vscode.commands.executeCommand(TRAIN, ...args);
    const uri = bundled('digits.csv');
    const panel = await waitFor('the training panel of Digits', () =>
      extension.trainingPanels().find((p) => p.uri === uri.toString() && p.dataset),
    );
    assert.strictEqual(panel.setup.noise, 0.3);
    assert.strictEqual(panel.setup.config.seeds, 5);
    assert.strictEqual((panel.dataset as EncodedDataset).noise.rate, 0.3);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('rejects a bad file with the one message that names file, row and line; the command returns nothing', async () => {
    const extension = await api();
    const uri = workspaceFile('datasets', 'bad', 'unclosed-quote.csv');
    await assert.rejects(extension.loadDataset(uri), (error: Error) => {
      assert.strictEqual(
        error.message,
        'datasets/bad/unclosed-quote.csv, row 2 (line 3): a quoted field is never closed',
      );
      return true;
    });
    await vscode.commands.executeCommand(TRAIN, uri);
    const panel = await waitFor('the training panel', () =>
      extension.trainingPanels().find((p) => p.uri === uri.toString() && p.error),
    );
    assert.strictEqual(panel.error, 'datasets/bad/unclosed-quote.csv, row 2 (line 3): a quoted field is never closed');
    assert.strictEqual(panel.dataset, undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('refuses a file over 200 MB from its size, with a clear message', async () => {
    const extension = await api();
    const uri = workspaceFile('datasets', 'huge.csv');
    fs.writeFileSync(uri.fsPath, 'a,b,label\n');
    fs.truncateSync(uri.fsPath, MAX_DATASET_BYTES + 1024 * 1024); // sparse: no disk used
    try {
      await assert.rejects(
        extension.loadDataset(uri),
        /^Error: datasets\/huge\.csv: is 201\.0 MB; datasets over 200\.0 MB are not loaded$/,
      );
    } finally {
      fs.rmSync(uri.fsPath);
    }
  });

  it('offers the workspace data files (not node_modules, .git or files.exclude) with sizes, then the bundled samples', async () => {
    const items = await (await api()).datasetPickItems();
    const files = items.filter(
      (i) => i.uri && i.uri.scheme === 'file' && i.uri.fsPath.startsWith(workspaceFile().fsPath),
    );
    const labels = files.map((i) => i.label);
    assert.ok(labels.includes(path.join('datasets', 'good', 'mixed.csv')), labels.join('\n'));
    assert.ok(labels.includes(path.join('predictions', 'names.csv')));
    assert.ok(!labels.some((l) => l.includes('node_modules') || l.includes('generated')), labels.join('\n'));
    assert.match(files.find((i) => i.label.endsWith('mixed.csv'))!.description ?? '', /^\d+(\.\d)? (B|KB)$/);
    const samples = items.filter((i) => i.uri && !i.uri.fsPath.startsWith(workspaceFile().fsPath));
    assert.deepStrictEqual(
      samples.map((i) => i.description),
      ['iris.csv', 'wine.csv', 'breast_cancer.csv', 'digits.csv', 'blobs-noisy.csv'],
    );
    for (const sample of samples) assert.ok(fs.existsSync(sample.uri!.fsPath), sample.uri!.fsPath);
    assert.strictEqual(items[items.length - 1].label, '$(folder-opened) Browse…');
  });
});
