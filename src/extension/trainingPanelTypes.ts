import type * as vscode from 'vscode';
import type { EncodedDataset } from '../core/data/dataset';
import type { ExperimentReport } from '../core/train/experiment';
import type { SeedStudyReport } from '../core/train/seedStudy';
import type { TrainingSetup } from './training/protocol';

/** Loads a dataset off the extension host's thread, with the setup's label, noise, seed and columns. */
export type DatasetLoader = (
  uri: vscode.Uri,
  setup: TrainingSetup,
  previous?: EncodedDataset,
) => Promise<EncodedDataset>;

export interface TrainingPanelDeps {
  extensionUri: vscode.Uri;
  storageUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  loadDataset: DatasetLoader;
}

/** What tests can see of an open training panel. */
export interface TrainingPanelInfo {
  uri: string;
  panel: vscode.WebviewPanel;
  /** The form's setup as the host last saw it. */
  setup: TrainingSetup;
  dataset?: EncodedDataset;
  report?: ExperimentReport;
  /** The last seed study, when the last result was one. */
  study?: SeedStudyReport;
  /** The message shown when the dataset could not be loaded. */
  error?: string;
  running: boolean;
  /** Settles when the current (or next) training finishes. */
  finished(): Promise<string>;
  /** Resolves when the last training's worker thread has exited. */
  workerExited(): Promise<void>;
}
