import * as vscode from 'vscode';
import { fileBytes } from '../core/reports/reportFile';
import type { CalibratorFiles } from './calibration/ports';
import type { ExportRequest } from './calibration/protocol';
import { suggestedCalibratorName } from './calibration/controller';
import { confirmWithModal, exists, notifyExported, writeExportFiles } from './exportFiles';
import { pickDataFile } from './pickDataFile';

/** Save dialog for the figure, then the SVG, PNG and metrics JSON: the files written (URIs). */
export async function saveFigureFiles(uri: vscode.Uri, request: ExportRequest): Promise<string[] | undefined> {
  const base =
    uri.path
      .split('/')
      .pop()
      ?.replace(/\.[^.]+$/, '') ?? 'calibration';
  const chosen = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(uri, '..', `${base}.reliability.svg`),
    filters: { 'SVG image (a PNG and a metrics JSON are written beside it)': ['svg'] },
    title: 'Export the reliability diagram and metrics',
  });
  if (!chosen) return undefined;
  const written = await writeExportFiles(chosen, request, confirmWithModal);
  if (!written) return undefined;
  void notifyExported(written);
  return written.map((u) => u.toString());
}

/** Save dialog for the calibrator JSON; the Python that applies it goes beside it as <name>.py. */
export async function saveCalibratorFiles(uri: vscode.Uri, files: CalibratorFiles): Promise<string[] | undefined> {
  const chosen = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(uri, '..', suggestedCalibratorName(uri.toString())),
    filters: { 'Calibrator JSON (the Python that applies it is written beside it)': ['json'] },
    title: 'Export the fitted calibrator',
  });
  if (!chosen) return undefined;
  const jsonName = chosen.path.split('/').pop()!;
  const py = chosen.with({ path: chosen.path.replace(/(\.calibrator)?\.json$/i, '') + '.py' });
  if ((await exists(py)) && !(await confirmWithModal([py]))) return undefined;
  try {
    await vscode.workspace.fs.writeFile(chosen, fileBytes(files.json));
    await vscode.workspace.fs.writeFile(py, fileBytes(files.python(jsonName)));
  } catch (error) {
    void vscode.window.showErrorMessage(`Could not export the calibrator: ${(error as Error).message}`);
    return undefined;
  }
  void notifyExported([chosen, py]);
  return [chosen.toString(), py.toString()];
}

/** The second file of Compare with…: the workspace's predictions files (not this one), or Browse…. */
export function pickComparisonFile(): Promise<vscode.Uri | undefined> {
  return pickDataFile('Compare with… (B: the same examples, another model)');
}
