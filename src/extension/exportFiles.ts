import * as vscode from 'vscode';
import { fileBytes, figureFiles } from '../core/reports/reportFile';
import type { ExportRequest, ExportTheme } from './calibration/protocol';

/** Asks whether the given existing files may be replaced. */
export type ConfirmOverwrite = (existing: vscode.Uri[]) => Thenable<boolean>;

/**
 * Writes <base>.svg, <base>.png and <base>.json next to the path the user chose. The save dialog
 * confirmed the SVG; the PNG and JSON siblings are only replaced after `confirm` says so.
 * Returns the written files, or undefined when the user declined.
 */
export async function writeExportFiles(
  chosen: vscode.Uri,
  request: Pick<ExportRequest, 'svg' | 'png' | 'metrics'>,
  confirm: ConfirmOverwrite,
): Promise<vscode.Uri[] | undefined> {
  const base = chosen.path.replace(/\.svg$/i, '');
  const files = figureFiles(base, {
    svg: request.svg,
    png: Buffer.from(request.png, 'base64'),
    metrics: request.metrics,
  });
  const uris = files.map((file) => chosen.with({ path: file.name }));
  // The save dialog asked about the file it was given; the other ones are asked about here.
  const existing: vscode.Uri[] = [];
  for (const uri of uris) if (uri.path !== chosen.path && (await exists(uri))) existing.push(uri);
  if (existing.length > 0 && !(await confirm(existing))) return undefined;
  for (const [i, file] of files.entries()) await vscode.workspace.fs.writeFile(uris[i], fileBytes(file.content));
  return uris;
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export const confirmWithModal: ConfirmOverwrite = async (existing) => {
  const names = existing.map((u) => u.path.split('/').pop()).join(', ');
  const answer = await vscode.window.showWarningMessage(
    `${names} already exist${existing.length === 1 ? 's' : ''}. Replace ${existing.length === 1 ? 'it' : 'them'}?`,
    { modal: true },
    'Replace',
  );
  return answer === 'Replace';
};

/**
 * "Exported …" as a notification with a "Reveal" button: the first file in VS Code's explorer when
 * it lies in the workspace, else in the system's file manager (desktop only). Resolves with what
 * the user did, for tests.
 */
export async function notifyExported(files: vscode.Uri[]): Promise<'revealed' | 'dismissed'> {
  if (files.length === 0) return 'dismissed';
  const [first] = files;
  const inWorkspace = vscode.workspace.getWorkspaceFolder(first) !== undefined;
  const canReveal = inWorkspace || (vscode.env.uiKind === vscode.UIKind.Desktop && !vscode.env.remoteName);
  const folder = vscode.workspace.asRelativePath(vscode.Uri.joinPath(first, '..'));
  const names = files.map((u) => u.path.split('/').pop()).join(', ');
  const answer = await vscode.window.showInformationMessage(
    `Exported ${names} to ${folder}`,
    ...(canReveal ? ['Reveal'] : []),
  );
  if (answer !== 'Reveal') return 'dismissed';
  await vscode.commands.executeCommand(inWorkspace ? 'revealInExplorer' : 'revealFileInOS', first);
  return 'revealed';
}

export interface ThemeChoice extends vscode.QuickPickItem {
  theme: ExportTheme;
}

/** Asks how to colour an exported figure; light comes first and is the default. */
export async function pickExportTheme(title: string): Promise<ExportTheme | undefined> {
  const current = COLOR_THEME_NAMES[vscode.window.activeColorTheme.kind] ?? 'current';
  const items: ThemeChoice[] = [
    {
      label: 'Light',
      description: 'default',
      detail: 'White background, dark text: for papers, slides and reports',
      theme: 'light',
    },
    {
      label: 'As the panel looks now',
      description: current,
      detail: 'The colours of the current VS Code theme',
      theme: 'current',
    },
  ];
  return (await vscode.window.showQuickPick(items, { title, placeHolder: 'Colours of the exported figure' }))?.theme;
}

const COLOR_THEME_NAMES: Record<number, string> = {
  [vscode.ColorThemeKind.Light]: 'light theme',
  [vscode.ColorThemeKind.Dark]: 'dark theme',
  [vscode.ColorThemeKind.HighContrast]: 'high-contrast theme',
  [vscode.ColorThemeKind.HighContrastLight]: 'high-contrast light theme',
};
