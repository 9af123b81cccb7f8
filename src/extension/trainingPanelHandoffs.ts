import * as path from 'path';
import * as vscode from 'vscode';
import { predictionsCsv } from '../core/reports/predictionsCsv';
import { slug } from '../core/train/slug';
import type { TrainingResult } from './training/ports';

/** Writes a run's test predictions into the extension's storage and opens them in the calibration panel. */
export async function openRunInCalibration(
  storage: vscode.Uri,
  dataFile: vscode.Uri,
  result: TrainingResult,
  index: number,
  log: vscode.LogOutputChannel,
): Promise<void> {
  const [classNames, run] =
    result.kind === 'study'
      ? [result.study.dataset.classNames, result.study.runs[index]]
      : [result.report.dataset.classNames, result.report.runs[index]];
  if (!run?.predictions) {
    log.warn(`Training panel: no predictions for run ${index}`);
    return;
  }
  const seed = 'seed' in run ? `-seed-${String(run.seed)}` : '';
  const name = `${path.basename(dataFile.path).replace(/\.[^.]+$/, '')}-${slug(run.name)}${seed}.csv`;
  const file = vscode.Uri.joinPath(storage, 'predictions', name);
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
  await vscode.workspace.fs.writeFile(
    file,
    Buffer.from(predictionsCsv(classNames, run.predictions.probs, run.predictions.labels)),
  );
  await vscode.commands.executeCommand('gammaCe.openCalibrationPanel', file);
}

/** "Insert this loss in my code": the panel's closed-form γ-CE, or TaiLr with its b; the command asks for the framework. */
export async function insertLossFromPanel(gamma: number, threshold: number | null): Promise<void> {
  const commands = await vscode.commands.getCommands(true);
  if (!commands.includes('gammaCe.insertLossFunction')) {
    void vscode.window.showInformationMessage(
      `γ = ${gamma}${threshold === null ? '' : `, b = ${threshold}`}: the insert command is not available.`,
    );
    return;
  }
  const argument = threshold === null ? { form: 'closed', gamma } : { form: 'tailr', gamma, threshold };
  await vscode.commands.executeCommand('gammaCe.insertLossFunction', argument);
}
