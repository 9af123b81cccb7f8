import * as path from 'path';
import * as vscode from 'vscode';
import { writeRunFolder, writeStudyFolder } from './runFolder';
import type { TrainingResult } from './training/ports';
import type { RunImage } from './training/protocol';

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

/**
 * Export: asks for a new folder and writes the result there (an experiment's run folder, or a
 * study's report.json as `gamma-ce train --seeds N --json` prints it). The folder as shown, or
 * undefined when the user declined or the folder was refused (the user is told why).
 */
export async function exportTrainingResult(
  dataFile: vscode.Uri,
  result: TrainingResult,
  images: () => Promise<RunImage[]>,
  log: vscode.LogOutputChannel,
): Promise<string | undefined> {
  const chosen = await chooseRunFolder(dataFile);
  if (!chosen) return undefined;
  try {
    if (result.kind === 'experiment') await writeRunFolder(chosen, result.report, await images());
    else await writeStudyFolder(chosen, result.study);
    return vscode.workspace.asRelativePath(chosen);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.warn(`Export refused: ${message}`);
    void vscode.window.showErrorMessage(message);
    return undefined;
  }
}
