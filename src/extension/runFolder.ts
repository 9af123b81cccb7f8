import * as vscode from 'vscode';
import { fileBytes, ReportFile } from '../core/reports/reportFile';
import { runFolderFiles } from '../core/reports/runFolder';
import { studyFolderFiles } from '../core/reports/studyFolder';
import type { ExperimentReport } from '../core/train/experiment';
import type { SeedStudyReport } from '../core/train/seedStudy';
import type { RunImage } from './training/protocol';

/**
 * Writes a run folder (see runFolderFiles): report.json, the predictions CSVs, the diagrams as SVG
 * and PNG, and report.md that embeds them.
 */
export function writeRunFolder(
  folder: vscode.Uri,
  report: ExperimentReport,
  images: RunImage[],
): Promise<vscode.Uri[]> {
  const figures = images.map((image) => ({ run: image.run, svg: image.svg, png: Buffer.from(image.png, 'base64') }));
  return writeReportFolder(folder, runFolderFiles(report, figures));
}

/** Writes a seed study's folder (see studyFolderFiles): report.json, a predictions CSV per run and seed, report.md. */
export function writeStudyFolder(folder: vscode.Uri, study: SeedStudyReport): Promise<vscode.Uri[]> {
  return writeReportFolder(folder, studyFolderFiles(study));
}

/** The folder must be new or empty: nothing is ever overwritten. */
async function writeReportFolder(folder: vscode.Uri, files: ReportFile[]): Promise<vscode.Uri[]> {
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
  const written: vscode.Uri[] = [];
  for (const file of files) {
    const uri = vscode.Uri.joinPath(folder, file.name);
    await vscode.workspace.fs.writeFile(uri, fileBytes(file.content));
    written.push(uri);
  }
  return written;
}
