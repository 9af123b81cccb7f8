import * as vscode from 'vscode';
import { BUNDLED_DATASETS, bundledDatasetUri } from './bundledDatasets';
import { browseItem, dataFileItems, FileItem, pickFile, PREDICTIONS_LIKE } from './pickDataFile';

/**
 * Datasets first, so that the row the quick pick focuses is one to train on: the workspace's data
 * files (the active editor's first), the bundled samples, then the files whose path looks like a
 * model's output (predictions/…, *prob*, …), which are for the calibration panel, then "Browse…".
 */
export async function datasetPickItems(extensionUri: vscode.Uri): Promise<FileItem[]> {
  const workspace = await dataFileItems({ kind: 'dataset' });
  const looksLikePredictions = (item: FileItem) =>
    item.uri !== undefined && PREDICTIONS_LIKE.test(vscode.workspace.asRelativePath(item.uri, false));
  const items = workspace.filter((item) => item.uri && !looksLikePredictions(item));
  items.push({ label: 'Bundled samples', kind: vscode.QuickPickItemKind.Separator });
  for (const dataset of BUNDLED_DATASETS) {
    items.push({
      label: `$(beaker) ${dataset.title}`,
      description: dataset.file,
      detail: dataset.detail,
      uri: bundledDatasetUri(extensionUri, dataset),
    });
  }
  const predictions = workspace.filter(looksLikePredictions);
  if (predictions.length)
    items.push(
      { label: 'Predictions files (for the calibration panel)', kind: vscode.QuickPickItemKind.Separator },
      ...predictions,
    );
  // The note that the listing was cut short, if any, stays after the workspace's files.
  items.push(...workspace.filter((item) => !item.uri), browseItem());
  return items;
}

export async function pickDataset(extensionUri: vscode.Uri): Promise<vscode.Uri | undefined> {
  return pickFile('Train with γ-CE: choose a dataset', await datasetPickItems(extensionUri), 'dataset');
}
