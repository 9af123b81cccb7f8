import * as path from 'path';
import * as vscode from 'vscode';
import type { TrainingSetup } from './training/protocol';

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

export function titleFor(uri: vscode.Uri): string {
  return `Train with γ-CE: ${path.basename(uri.path)}`;
}

export function fileLabel(uri: vscode.Uri): string {
  return uri.scheme === 'file' && !vscode.workspace.getWorkspaceFolder(uri)
    ? path.basename(uri.path)
    : vscode.workspace.asRelativePath(uri, false);
}
