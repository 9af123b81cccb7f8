import * as vscode from 'vscode';
import type { DatasetWorkerOptions } from '../worker/protocol';
import type { DatasetLoader } from './datasetLoader';
import { DatasetFileProblem, DatasetLoadCancelled } from './loadDatasetOffThread';
import { BUNDLED_DATASETS, bundledDatasetUri } from './bundledDatasets';
import { pickDataset } from './pickDataset';
import { parseSetupOverrides, SetupOverrides } from './trainingSetup';
import type { DatasetLoader as TrainingDatasetLoader, TrainingPanelInfo } from './trainingPanel';

export const TRAIN_COMMAND = 'gammaCe.trainWithGammaCe';

/**
 * "Train with γ-CE": choose a dataset (unless the explorer passed one, or a command link named a
 * bundled sample: `["digits.csv", { "noise": 0.3, "seeds": 5 }]`) and open the training panel on
 * it; the panel loads the dataset through the DatasetLoader and shows problems itself.
 */
export function registerTrainCommand(
  extensionUri: vscode.Uri,
  log: vscode.LogOutputChannel,
  open: (uri: vscode.Uri, overrides?: SetupOverrides) => TrainingPanelInfo,
): vscode.Disposable {
  return vscode.commands.registerCommand(TRAIN_COMMAND, async (uri?: unknown, presets?: unknown) => {
    const sample = typeof uri === 'string' ? BUNDLED_DATASETS.find((d) => d.file === uri) : undefined;
    const target =
      uri instanceof vscode.Uri
        ? uri
        : sample
          ? bundledDatasetUri(extensionUri, sample)
          : await pickDataset(extensionUri);
    if (!target) return undefined;
    const overrides = presets === undefined ? undefined : parseSetupOverrides(presets);
    if (presets !== undefined && !overrides)
      log.warn(`Train with γ-CE: ignored the presets ${JSON.stringify(presets)}`);
    log.info(`Train with γ-CE: opening the training panel for ${target.toString()}`);
    return open(target, overrides);
  });
}

/** The panel's loader: the setup's label column, noise, seed and ignored columns. */
export function trainingDatasetLoader(loader: DatasetLoader): TrainingDatasetLoader {
  return async (uri, setup, previous) => {
    const options: DatasetWorkerOptions = { noise: setup.noise, seed: setup.config.seed ?? 0 };
    const sameLabel = previous && (setup.label === undefined || setup.label === previous.schema.label);
    if (sameLabel && previous) {
      // Without a column choice from the panel, the roles stay as inferred (ids, constants ignored).
      const ignored = setup.ignored === undefined ? undefined : new Set(setup.ignored);
      options.schema = {
        ...previous.schema,
        columns: previous.schema.columns.map((c) =>
          !ignored || c.role === 'label' || c.type === 'text'
            ? c
            : { ...c, role: ignored.has(c.name) ? 'ignored' : 'feature' },
        ),
      };
    } else if (setup.label !== undefined) {
      options.label = setup.label;
    }
    try {
      return await loader.load(uri, options);
    } catch (error) {
      throw new Error(describeLoadError(error, loader.fileLabel(uri)), { cause: error });
    }
  };
}

function describeLoadError(error: unknown, label: string): string {
  if (error instanceof DatasetLoadCancelled) return `Loading ${label} was cancelled.`;
  if (error instanceof DatasetFileProblem) return error.message;
  if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return `${label} does not exist.`;
  return `Could not load ${label}: ${error instanceof Error ? error.message : String(error)}`;
}
