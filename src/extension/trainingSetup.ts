import * as path from 'path';
import * as vscode from 'vscode';
import type { EncodedDataset } from '../core/data/dataset';
import type { DatasetView, TrainingSetup } from './training/protocol';
import type { FileInfo } from './webviewProtocol';

/** The form's starting values: the user's settings (gammaCe.training.*). */
export function defaultSetup(): TrainingSetup {
  const c = vscode.workspace.getConfiguration('gammaCe.training');
  const threshold = c.get<number | null>('threshold', null);
  return {
    config: {
      model: c.get('model', 'mlp'),
      hidden: c.get('hidden', [64]),
      gamma: c.get('gamma', 0.1),
      threshold: typeof threshold === 'number' ? threshold : null,
      schedule: c.get('schedule', 'constant'),
      baselines: c.get('baselines', []),
      epochs: c.get('epochs', 50),
      batchSize: c.get('batchSize', 32),
      learningRate: c.get('learningRate', 1e-3),
      seed: c.get('seed', 0),
      sweep: null,
    },
    noise: c.get('labelNoise', 0),
  };
}

export function datasetKey(setup: TrainingSetup): string {
  return JSON.stringify([setup.label ?? null, [...(setup.ignored ?? [])].sort(), setup.noise, setup.config.seed ?? 0]);
}

export function datasetView(dataset: EncodedDataset, file: FileInfo): DatasetView {
  const rows = dataset.train.rows + dataset.validation.rows + dataset.test.rows;
  return {
    file,
    rows,
    features: dataset.features,
    classNames: dataset.classNames,
    classCounts: dataset.summary.classCounts,
    warnings: dataset.warnings,
    label: dataset.schema.label,
    columns: dataset.summary.columns.map((c) => ({
      name: c.name,
      role: c.role,
      type: c.type,
      missing: c.missing,
      reason: c.reason,
    })),
    split: { train: dataset.train.rows, validation: dataset.validation.rows, test: dataset.test.rows },
    noise: dataset.noise,
  };
}

export function titleFor(uri: vscode.Uri): string {
  return `Train with γ-CE: ${path.basename(uri.path)}`;
}

export function fileLabel(uri: vscode.Uri): string {
  return uri.scheme === 'file' && !vscode.workspace.getWorkspaceFolder(uri)
    ? path.basename(uri.path)
    : vscode.workspace.asRelativePath(uri, false);
}

export function preview(message: unknown): string {
  try {
    return JSON.stringify(message)?.slice(0, 200) ?? String(message);
  } catch {
    return String(message);
  }
}
