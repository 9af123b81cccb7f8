import * as vscode from 'vscode';
import { BUNDLED_DATASETS, bundledDatasetUri } from './bundledDatasets';
import { browseItem, dataFileItems, FileItem, pickFile } from './pickDataFile';

/** The workspace's data files (as for the calibration panel, in plain path order), then the bundled samples, then "Browse…". */
export async function datasetPickItems(extensionUri: vscode.Uri): Promise<FileItem[]> {
  const items = await dataFileItems();
  items.push({ label: 'Bundled samples', kind: vscode.QuickPickItemKind.Separator });
  for (const dataset of BUNDLED_DATASETS) {
    items.push({ label: `$(beaker) ${dataset.title}`, description: dataset.file, detail: dataset.detail, uri: bundledDatasetUri(extensionUri, dataset) });
  }
  items.push(browseItem());
  return items;
}

export async function pickDataset(extensionUri: vscode.Uri): Promise<vscode.Uri | undefined> {
  return pickFile('Train with γ-CE: choose a dataset', await datasetPickItems(extensionUri));
}
