import * as vscode from 'vscode';

/** A sample dataset shipped in media/datasets/ (credits: README, media/datasets/README.md). */
export interface BundledDataset {
  file: string;
  title: string;
  /** Rows, features, classes, source: shown in the quick pick. */
  detail: string;
}

export const BUNDLED_DATASETS: readonly BundledDataset[] = [
  { file: 'iris.csv', title: 'Iris', detail: '150 rows · 4 features · 3 classes · Fisher (1936), UCI, CC BY 4.0' },
  {
    file: 'wine.csv',
    title: 'Wine',
    detail: '178 rows · 13 features · 3 classes · Aeberhard, Forina (1991), UCI, CC BY 4.0',
  },
  {
    file: 'breast_cancer.csv',
    title: 'Breast Cancer Wisconsin (Diagnostic)',
    detail: '569 rows · 30 features · 2 classes · Wolberg, Street, Mangasarian (1995), UCI, CC BY 4.0',
  },
  {
    file: 'digits.csv',
    title: 'Optical Recognition of Handwritten Digits',
    detail: '1,797 rows · 64 pixels · 10 classes · Alpaydin, Kaynak (1998), UCI, CC BY 4.0',
  },
  {
    file: 'blobs-noisy.csv',
    title: 'Synthetic blobs with 20 % label noise',
    detail: '900 rows · 6 features (one categorical, one with missing values) · 3 classes · seeded, generated',
  },
];

export function bundledDatasetUri(extensionUri: vscode.Uri, dataset: BundledDataset): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'media', 'datasets', dataset.file);
}

/** Whether a file is one of the bundled samples (their names are shown without a path). */
export function isBundledDataset(extensionUri: vscode.Uri, uri: vscode.Uri): boolean {
  return BUNDLED_DATASETS.some((d) => bundledDatasetUri(extensionUri, d).toString() === uri.toString());
}
