import * as path from 'path';
import * as vscode from 'vscode';
import type { ExperimentReport } from '../core/train/experiment';
import { predictionsCsv } from '../core/reports/predictionsCsv';
import { slug } from '../core/train/slug';

/** Asks where the run folder goes: gamma-ce-runs/<dataset>-<date-time> in the workspace (or beside the file) by default. */
export async function chooseRunFolder(dataFile: vscode.Uri): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.joinPath(dataFile, '..');
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const dataset = path.basename(dataFile.path).replace(/\.[^.]+$/, '');
  return vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(folder, 'gamma-ce-runs', `${dataset}-${stamp}`),
    title: 'A new folder for the run (report.json, predictions, diagrams, report.md)',
    saveLabel: 'Create folder',
  });
}

/** Writes a run's test predictions into the extension's storage and opens them in the calibration panel. */
export async function openRunInCalibration(
  storage: vscode.Uri,
  dataFile: vscode.Uri,
  report: ExperimentReport,
  index: number,
  log: vscode.LogOutputChannel,
): Promise<void> {
  const run = report.runs[index];
  if (!run?.predictions) {
    log.warn(`Training panel: no predictions for run ${index}`);
    return;
  }
  const name = `${path.basename(dataFile.path).replace(/\.[^.]+$/, '')}-${slug(run.name)}.csv`;
  const file = vscode.Uri.joinPath(storage, 'predictions', name);
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
  await vscode.workspace.fs.writeFile(
    file,
    Buffer.from(predictionsCsv(report.dataset.classNames, run.predictions.probs, run.predictions.labels)),
  );
  await vscode.commands.executeCommand('gammaCe.openCalibrationPanel', file);
}
