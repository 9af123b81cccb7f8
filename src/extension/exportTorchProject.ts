import * as vscode from 'vscode';
import type { DatasetSchema } from '../core/data/schema';
import type { EncodedDataset } from '../core/data/dataset';
import { datasetFormatFromName } from '../core/data/fileTypes';
import { checkExportableFormat } from '../core/export/exportFormats';
import { drawsFromSplits, exportSplitSeeds, torchProjectFiles } from '../core/export/torchProject';
import { fileBytes } from '../core/reports/reportFile';
import { resolveTrainConfig, TrainConfig, TrainConfigError } from '../core/train/config';
import { setupFromUserSettings } from '../core/train/settings';
import type { DatasetLoader } from './datasetLoader';
import { confirmWithModal, ConfirmOverwrite, exists } from './exportFiles';
import { pickDataset } from './pickDataset';

export const EXPORT_TORCH_COMMAND = 'gammaCe.exportTorchProject';

/** What the training panel passes: its dataset and setup. Without it the command asks for a dataset and uses the settings. */
export interface ExportTorchArgs {
  dataset: vscode.Uri;
  config?: Partial<TrainConfig>;
  noise?: number;
  label?: string;
  schema?: DatasetSchema;
  /** The folder to write to (tests, the panel's own dialog); asked for otherwise. */
  folder?: vscode.Uri;
}

export interface ExportTorchDeps {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  datasets: DatasetLoader;
  confirm?: ConfirmOverwrite;
}

/** "Export as PyTorch project…": the written files, or undefined when the user stopped. */
export function registerExportTorchProject(deps: ExportTorchDeps): vscode.Disposable {
  return vscode.commands.registerCommand(EXPORT_TORCH_COMMAND, async (arg?: unknown) => {
    try {
      return await exportTorchProject(deps, arg);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.log.error(`Export as PyTorch project: ${message}`);
      void vscode.window.showErrorMessage(`Export as PyTorch project: ${message}`);
      return undefined;
    }
  });
}

async function exportTorchProject(deps: ExportTorchDeps, arg: unknown): Promise<vscode.Uri[] | undefined> {
  const args = toArgs(arg);
  const dataset = args?.dataset ?? (await pickDataset(deps.extensionUri));
  if (!dataset) return undefined;
  checkExportableFormat(dataset.path.split('/').pop() ?? dataset.path, datasetFormatFromName(dataset.path));
  const settings = setupFromUserSettings((key, fallback) =>
    vscode.workspace.getConfiguration('gammaCe.training').get(key, fallback),
  );
  let config: TrainConfig;
  try {
    config = resolveTrainConfig(args?.config ?? settings.config);
  } catch (error) {
    if (error instanceof TrainConfigError)
      throw new Error(`the setting ${error.field} is not valid: ${error.message}`, { cause: error });
    throw error;
  }
  const noise = args?.noise ?? settings.noise;
  const folder = args?.folder ?? (await askFolder(dataset));
  if (!folder) return undefined;

  const loaded = new Map<number, EncodedDataset>();
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Export as PyTorch project: reading the dataset' },
    async () => {
      for (const seed of exportSplitSeeds(config)) {
        loaded.set(
          seed,
          await deps.datasets.load(dataset, { seed, noise: 0, label: args?.label, schema: args?.schema }),
        );
      }
    },
  );
  const files = torchProjectFiles({
    config,
    draws: drawsFromSplits(loaded, config, noise),
    dataset: { path: relativePath(folder, dataset), bytes: (await vscode.workspace.fs.stat(dataset)).size },
  });
  const uris = files.map((f) => vscode.Uri.joinPath(folder, ...f.name.split('/')));
  const existing: vscode.Uri[] = [];
  for (const uri of uris) if (await exists(uri)) existing.push(uri);
  if (existing.length > 0 && !(await (deps.confirm ?? confirmWithModal)(existing))) return undefined;
  for (const [i, f] of files.entries()) {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uris[i], '..'));
    await vscode.workspace.fs.writeFile(uris[i], fileBytes(f.content));
  }
  deps.log.info(`Exported a PyTorch project of ${dataset.toString()} to ${folder.toString()}`);
  void showExported(folder, uris);
  return uris;
}

function toArgs(arg: unknown): ExportTorchArgs | undefined {
  if (arg instanceof vscode.Uri) return { dataset: arg };
  if (typeof arg === 'object' && arg !== null && (arg as ExportTorchArgs).dataset instanceof vscode.Uri)
    return arg as ExportTorchArgs;
  return undefined;
}

async function askFolder(dataset: vscode.Uri): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Export as PyTorch project: choose a folder for train.py, config.json and the weights',
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: 'Export here',
    defaultUri: vscode.Uri.joinPath(dataset, '..'),
  });
  return picked?.[0];
}

/** The dataset as train.py finds it from the folder: relative on the same file system, else absolute. */
function relativePath(folder: vscode.Uri, dataset: vscode.Uri): string {
  if (folder.scheme !== dataset.scheme || folder.authority !== dataset.authority) return dataset.fsPath;
  const from = folder.path.split('/').filter(Boolean);
  const to = dataset.path.split('/').filter(Boolean);
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  if (common === 0 && dataset.scheme === 'file') return dataset.fsPath;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}

async function showExported(folder: vscode.Uri, uris: vscode.Uri[]): Promise<void> {
  const readme = uris.find((u) => u.path.endsWith('/README.md'));
  const answer = await vscode.window.showInformationMessage(
    `Exported a PyTorch project to ${vscode.workspace.asRelativePath(folder)}: run \`python train.py --out run-1\` or \`torchrun --nproc_per_node=N train.py --out run-1\` there.`,
    'Open README',
  );
  if (answer === 'Open README' && readme) await vscode.commands.executeCommand('markdown.showPreview', readme);
}
