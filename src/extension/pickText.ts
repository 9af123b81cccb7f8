import * as vscode from 'vscode';
import { TEXT_FILE_EXTENSIONS } from '../core/lm/textFileTypes';
import { formatSize, MAX_LISTED } from './pickDataFile';

/** The bundled sample text: the GNU GPL v3, verbatim (media/lm/README.md says where it comes from). */
export const SAMPLE_TEXT = { file: 'gpl-3.0.txt', title: 'GNU General Public License v3 (sample text)' };

export function sampleTextUri(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'media', 'lm', SAMPLE_TEXT.file);
}

interface TextItem extends vscode.QuickPickItem {
  uris?: vscode.Uri[];
  browse?: boolean;
}

/**
 * The text to train on: the bundled sample first (the row the quick pick focuses), then the
 * workspace's text and source files, then "Several files…" (the file dialog, many at once).
 */
export async function pickText(extensionUri: vscode.Uri, title: string): Promise<vscode.Uri[] | undefined> {
  const items: TextItem[] = [
    {
      label: `$(book) ${SAMPLE_TEXT.title}`,
      description: SAMPLE_TEXT.file,
      detail: '35 kB of English, distributed verbatim',
      uris: [sampleTextUri(extensionUri)],
    },
  ];
  const found = await findTextFiles();
  if (found.length) items.push({ label: 'Workspace', kind: vscode.QuickPickItemKind.Separator });
  const sizes = await Promise.all(
    found.map((uri) =>
      vscode.workspace.fs.stat(uri).then(
        (s) => s.size,
        () => undefined,
      ),
    ),
  );
  found.forEach((uri, i) =>
    items.push({ label: vscode.workspace.asRelativePath(uri), description: formatSize(sizes[i]), uris: [uri] }),
  );
  items.push({ label: '$(folder-opened) Several files…', description: 'one or more files on disk', browse: true });
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: 'A text file to train a language model on',
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  if (!picked.browse) return picked.uris;
  const chosen = await vscode.window.showOpenDialog({
    title,
    canSelectMany: true,
    filters: { 'Text and source files': [...TEXT_FILE_EXTENSIONS], 'All files': ['*'] },
  });
  return chosen?.length ? chosen : undefined;
}

async function findTextFiles(): Promise<vscode.Uri[]> {
  if (!vscode.workspace.workspaceFolders?.length) return [];
  const glob = `**/*.{${TEXT_FILE_EXTENSIONS.join(',')}}`;
  const found = await vscode.workspace.findFiles(glob, '{**/node_modules/**,**/.git/**}', MAX_LISTED);
  return found.sort((a, b) => a.path.localeCompare(b.path));
}
