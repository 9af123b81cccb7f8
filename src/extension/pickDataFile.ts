import * as vscode from 'vscode';
import {
  DATA_FILE_EXTENSIONS,
  DATA_FILE_GLOB,
  DATA_FILE_KINDS,
  DATASET_FILE_EXTENSIONS,
  DATASET_FILE_GLOB,
  DATASET_FILE_KINDS,
  isDataFileName,
  isDatasetFileName,
} from '../core/data/fileTypes';
import { formatBytes } from '../core/data/limits';

export const MAX_LISTED = 500;
// Paths (file or folder names) that suggest a model's output come first in the predictions list.
export const PREDICTIONS_LIKE = /pred|prob|output|score|calib|logit/i;

export interface FileItem extends vscode.QuickPickItem {
  uri?: vscode.Uri;
  browse?: boolean;
}

/** What a pick is for: predictions take every data file type, datasets all but .npy. */
export type FileKind = 'predictions' | 'dataset';

const KINDS = {
  predictions: { extensions: DATA_FILE_EXTENSIONS, glob: DATA_FILE_GLOB, names: DATA_FILE_KINDS, test: isDataFileName },
  dataset: {
    extensions: DATASET_FILE_EXTENSIONS,
    glob: DATASET_FILE_GLOB,
    names: DATASET_FILE_KINDS,
    test: isDatasetFileName,
  },
};

/**
 * The active editor's data file, then the workspace's data files (DATA_FILE_TYPES) (without
 * node_modules, .git and files.exclude), with sizes, then "Browse…".
 */
export async function pickDataFile(title: string): Promise<vscode.Uri | undefined> {
  return pickFile(title, await predictionsPickItems());
}

/** The calibration panel's pick: predictions-like files (predictions/…, *pred*, *prob*, …) before the others, then "Browse…". */
export async function predictionsPickItems(): Promise<FileItem[]> {
  const items = await dataFileItems({ firstIf: PREDICTIONS_LIKE });
  items.push(browseItem());
  return items;
}

/**
 * Quick-pick rows for the active editor's data file and the workspace's data files, largest
 * workspaces capped at MAX_LISTED files (a separator says so). Workspace paths matching `firstIf` lead.
 */
export async function dataFileItems({
  firstIf,
  kind = 'predictions',
}: { firstIf?: RegExp; kind?: FileKind } = {}): Promise<FileItem[]> {
  const items: FileItem[] = [];
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && KINDS[kind].test(active.path)) {
    items.push({
      label: `$(file) ${vscode.workspace.asRelativePath(active)}`,
      description: 'active editor',
      uri: active,
    });
  }
  const found = await findDataFiles(KINDS[kind].glob);
  const rank = (uri: vscode.Uri) => (firstIf?.test(vscode.workspace.asRelativePath(uri, false)) ? 0 : 1);
  found.sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
  const sizes = await Promise.all(
    found.map((uri) =>
      vscode.workspace.fs.stat(uri).then(
        (s) => s.size,
        () => undefined,
      ),
    ),
  );
  found.forEach((uri, i) => {
    if (active && uri.toString() === active.toString()) return;
    items.push({ label: vscode.workspace.asRelativePath(uri), description: formatSize(sizes[i]), uri });
  });
  if (found.length >= MAX_LISTED) {
    items.push({ label: `Only the first ${MAX_LISTED} files are listed`, kind: vscode.QuickPickItemKind.Separator });
  }
  return items;
}

export function browseItem(): FileItem {
  return { label: '$(folder-opened) Browse…', description: 'any file on disk', browse: true };
}

/** Shows the items; "Browse…" opens the file dialog. */
export async function pickFile(
  title: string,
  items: FileItem[],
  kind: FileKind = 'predictions',
): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: `A ${KINDS[kind].names} file`,
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  if (!picked.browse) return picked.uri;
  const chosen = await vscode.window.showOpenDialog({
    title,
    canSelectMany: false,
    filters: { 'Data files': [...KINDS[kind].extensions], 'All files': ['*'] },
  });
  return chosen?.[0];
}

async function findDataFiles(glob: string): Promise<vscode.Uri[]> {
  if (!vscode.workspace.workspaceFolders?.length) return [];
  const excluded = Object.entries(
    vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude') ?? {},
  )
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
  const exclude = `{${['**/node_modules/**', '**/.git/**', ...excluded].join(',')}}`;
  return vscode.workspace.findFiles(glob, exclude, MAX_LISTED);
}

export function formatSize(bytes: number | undefined): string {
  return bytes === undefined ? '' : formatBytes(bytes);
}
