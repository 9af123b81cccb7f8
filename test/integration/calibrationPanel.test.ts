import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { calibrationReport } from '../../src/core/calibration';
import { readPredictions } from '../../src/core/predictions';
import { writeExportFiles } from '../../src/extension/exportFiles';
import { predictionsPickItems } from '../../src/extension/pickDataFile';
import type { CalibrationPanelInfo } from '../../src/extension/calibrationPanel';
import { CALIBRATION_VIEW_TYPE } from '../../src/extension/calibration/protocol';
import { EXTENSION_ID, api, waitFor, workspaceFile } from './extensionApi';

async function openPanel(uri: vscode.Uri): Promise<CalibrationPanelInfo> {
  const extension = await api();
  await vscode.commands.executeCommand('gammaCe.openCalibrationPanel', uri);
  return waitFor(`the panel of ${uri.path}`, () =>
    extension.calibrationPanels().find((p) => p.uri === uri.toString() && (p.rendered || p.error)),
  );
}

describe('γ-CE Lab in a real VS Code', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('activates and registers its commands', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await extension.activate();
    assert.ok(extension.isActive);
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['gammaCe.openCalibrationPanel', 'gammaCe.showLog']) {
      assert.ok(commands.includes(command), `${command} is registered`);
    }
  });

  it('registers the calibration panel serializer (a second registration is refused)', async () => {
    await api();
    assert.throws(
      () =>
        vscode.window.registerWebviewPanelSerializer(CALIBRATION_VIEW_TYPE, {
          deserializeWebviewPanel: async () => undefined,
        }),
      /already registered/i,
    );
  });

  it('shows, for a predictions file, exactly the metrics the core computes', async () => {
    const uri = workspaceFile('predictions', 'names.csv');
    const info = await openPanel(uri);
    assert.strictEqual(info.error, undefined);
    const expected = readPredictions(fs.readFileSync(uri.fsPath), 'names.csv');
    assert.deepStrictEqual(info.rendered!.report, calibrationReport(expected.probs, expected.labels, { bins: 15 }));
    assert.strictEqual(info.rendered!.settings.bins, 15);
    assert.strictEqual(info.panel.viewType, CALIBRATION_VIEW_TYPE);
  });

  it('reads JSONL and TSV files the same way as the CLI does', async () => {
    for (const name of ['preds.jsonl', 'index.tsv']) {
      const uri = workspaceFile('predictions', name);
      const info = await openPanel(uri);
      if (name === 'index.tsv') {
        // index.tsv has its labels in column 'y', not 'label': the panel says so, and reads it with 'y' when told.
        assert.match(info.error ?? '', /has no label column 'label'/);
        info.receive({ type: 'readOptions', read: { label: 'y' } });
        const extension = await api();
        const reread = await waitFor('the re-read', () =>
          extension.calibrationPanels().find((p) => p.uri === uri.toString() && p.rendered),
        );
        const expected = readPredictions(fs.readFileSync(uri.fsPath), name, { label: 'y' });
        assert.deepStrictEqual(reread.rendered!.report, calibrationReport(expected.probs, expected.labels));
        continue;
      }
      const expected = readPredictions(fs.readFileSync(uri.fsPath), name);
      assert.strictEqual(info.rendered!.report.ece, calibrationReport(expected.probs, expected.labels).ece);
    }
  });

  it('reads logits with softmax when told (the checkbox the error message names)', async () => {
    const uri = workspaceFile('predictions', 'logits.csv');
    const info = await openPanel(uri);
    assert.match(info.error ?? '', /; if the columns hold logits, tick 'columns are logits \(apply softmax\)' above$/);
    assert.doesNotMatch(info.error ?? '', /--softmax/, 'the CLI flag means nothing in the panel');
    info.receive({ type: 'readOptions', read: { softmax: true } });
    const extension = await api();
    const reread = await waitFor('the re-read', () =>
      extension.calibrationPanels().find((p) => p.uri === uri.toString() && p.rendered),
    );
    const expected = readPredictions(fs.readFileSync(uri.fsPath), 'logits.csv', { softmax: true });
    assert.deepStrictEqual(reread.rendered!.report, calibrationReport(expected.probs, expected.labels));
  });

  it('shows one clear error, naming row and column, for a bad file', async () => {
    const info = await openPanel(workspaceFile('predictions', 'non-numeric.csv'));
    assert.strictEqual(info.rendered, undefined);
    assert.strictEqual(info.error, "predictions/non-numeric.csv, row 2 (line 3), column 'dog': 'abc' is not a number");
  });

  it('opens Parquet and .npz predictions with the numbers of the same predictions as CSV; a lone .npy is told what to do', async () => {
    const csv = readPredictions(fs.readFileSync(workspaceFile('formats', 'preds.csv').fsPath), 'preds.csv');
    const expected = calibrationReport(csv.probs, csv.labels);
    for (const file of ['columns-snappy.parquet', 'list-zstd.parquet', 'preds.npz', 'preds-compressed.npz']) {
      const info = await openPanel(workspaceFile('formats', file));
      assert.strictEqual(info.error, undefined, file);
      const report = info.rendered!.report;
      // The Parquet list column and the .npz hold the CSV's numbers in float64 as written, up to the last bit.
      for (const key of ['ece', 'mce', 'brier', 'nll', 'accuracy', 'classwiseEce', 'n'] as const)
        assert.ok(Math.abs(report[key] - expected[key]) <= 1e-12, `${file} ${key}: ${report[key]} vs ${expected[key]}`);
    }
    const npy = await openPanel(workspaceFile('formats', 'probs.npy'));
    assert.match(npy.error ?? '', /^formats\/probs\.npy: is one \.npy array, without the labels; .*numpy\.savez/);
  });

  it('calls a binary file binary, in the words the training panel uses too', async () => {
    const uri = workspaceFile('predictions', 'model.bin');
    await vscode.workspace.fs.writeFile(
      uri,
      Buffer.concat([Buffer.from([0x93]), Buffer.from('NUMPY\x01\x00v\x00{"descr"', 'latin1')]),
    );
    const info = await openPanel(uri);
    assert.strictEqual(
      info.error,
      'predictions/model.bin: is a binary file, not text (a zero byte at offset 7); export the data as CSV, TSV, JSON or JSONL',
    );
    await vscode.workspace.fs.delete(uri);
  });

  it('lists predictions-like files (by folder or name) before other data files in its pick', async () => {
    const rows = (await predictionsPickItems())
      .filter((item) => item.uri)
      .map((item) => vscode.workspace.asRelativePath(item.uri!, false));
    const firstDataset = rows.findIndex((row) => row.startsWith('datasets/'));
    const lastPrediction = rows.map((row) => row.startsWith('predictions/')).lastIndexOf(true);
    assert.ok(firstDataset > 0 && lastPrediction >= 0, rows.join(', '));
    assert.ok(lastPrediction < firstDataset, `predictions/ files first: ${rows.join(', ')}`);
  });

  it('says so when the file is gone', async () => {
    const uri = workspaceFile('predictions', 'soon-gone.csv');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('a,b,label\n0.2,0.8,1\n'));
    await vscode.workspace.fs.delete(uri);
    const info = await openPanel(uri);
    assert.match(info.error ?? '', /soon-gone\.csv no longer exists/);
  });

  it('exports SVG, PNG and JSON and never replaces a file without confirmation', async () => {
    const dir = workspaceFile('exports');
    await vscode.workspace.fs.createDirectory(dir);
    const chosen = vscode.Uri.joinPath(dir, 'diagram.svg');
    const request = {
      svg: '<svg xmlns="http://www.w3.org/2000/svg"/>',
      png: Buffer.from('png-bytes').toString('base64'),
      metrics: { ece: 0.1 },
    };
    const written = await writeExportFiles(chosen, request, async () => assert.fail('nothing to confirm yet'));
    assert.deepStrictEqual(
      written?.map((u) => path.basename(u.fsPath)),
      ['diagram.svg', 'diagram.png', 'diagram.json'],
    );
    assert.strictEqual(fs.readFileSync(path.join(dir.fsPath, 'diagram.png'), 'utf8'), 'png-bytes');
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(dir.fsPath, 'diagram.json'), 'utf8')), { ece: 0.1 });

    let asked: string[] = [];
    const declined = await writeExportFiles(chosen, { ...request, metrics: { ece: 0.2 } }, async (existing) => {
      asked = existing.map((u) => path.basename(u.fsPath));
      return false;
    });
    assert.strictEqual(declined, undefined);
    assert.deepStrictEqual(asked, ['diagram.png', 'diagram.json']);
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(dir.fsPath, 'diagram.json'), 'utf8')), { ece: 0.1 });

    await writeExportFiles(chosen, { ...request, metrics: { ece: 0.3 } }, async () => true);
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(dir.fsPath, 'diagram.json'), 'utf8')), { ece: 0.3 });
  });
});
