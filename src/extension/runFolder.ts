import * as vscode from 'vscode';
import { fileBytes } from '../core/reports/reportFile';
import { runFolderFiles } from '../core/reports/runFolder';
import type { ExperimentReport } from '../core/train/experiment';
import type { RunImage } from './training/protocol';

/**
 * Writes a run folder (see runFolderFiles): report.json, the predictions CSVs, the diagrams as SVG
 * and PNG, and report.md that embeds them. The folder must be new or empty: nothing is ever overwritten.
 */
export async function writeRunFolder(
  folder: vscode.Uri,
  report: ExperimentReport,
  images: RunImage[],
): Promise<vscode.Uri[]> {
  // stat first: readDirectory would reject for a missing folder too, but the extension host also logs an ENOENT stack trace for it.
  const found = await vscode.workspace.fs.stat(folder).then(
    (s) => s,
    () => undefined,
  );
  const existing =
    found && found.type & vscode.FileType.Directory ? await vscode.workspace.fs.readDirectory(folder) : undefined;
  if (existing && existing.length > 0) {
    throw new Error(
      `${vscode.workspace.asRelativePath(folder)} already exists and is not empty; nothing was written. Choose a new folder.`,
    );
  }
  await vscode.workspace.fs.createDirectory(folder);
  const figures = images.map((image) => ({ run: image.run, svg: image.svg, png: Buffer.from(image.png, 'base64') }));
  const written: vscode.Uri[] = [];
  for (const file of runFolderFiles(report, figures)) {
    const uri = vscode.Uri.joinPath(folder, file.name);
    await vscode.workspace.fs.writeFile(uri, fileBytes(file.content));
    written.push(uri);
  }
  return written;
}
