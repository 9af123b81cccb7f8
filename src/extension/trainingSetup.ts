import * as path from 'path';
import * as vscode from 'vscode';
import * as z from 'zod';
import { MAX_NOISE_RATE } from '../core/data/labelNoise';
import { MAX_SEEDS, setupFromUserSettings } from '../core/train/settings';
import type { TrainingSetup } from './training/protocol';

/** The form's starting values: the user's settings (gammaCe.training.*), then what the caller asks for. */
export function defaultSetup(overrides: SetupOverrides = {}): TrainingSetup {
  const c = vscode.workspace.getConfiguration('gammaCe.training');
  const { config, noise } = setupFromUserSettings((key, fallback) => c.get(key, fallback));
  return {
    config: { ...config, ...(overrides.seeds === undefined ? {} : { seeds: overrides.seeds }) },
    noise: overrides.noise ?? noise,
  };
}

/** What a link may preset (the walkthrough: label noise and seeds), checked like the form's values. */
export interface SetupOverrides {
  noise?: number;
  seeds?: number;
}

const overridesSchema = z
  .object({
    noise: z.number().min(0).max(MAX_NOISE_RATE).optional(),
    seeds: z.number().int().min(1).max(MAX_SEEDS).optional(),
  })
  .strict();

/** The presets of a command link's argument, or undefined when it is not such an object. */
export function parseSetupOverrides(value: unknown): SetupOverrides | undefined {
  const parsed = overridesSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export function titleFor(uri: vscode.Uri): string {
  return `Train with γ-CE: ${path.basename(uri.path)}`;
}

export function fileLabel(uri: vscode.Uri): string {
  return uri.scheme === 'file' && !vscode.workspace.getWorkspaceFolder(uri)
    ? path.basename(uri.path)
    : vscode.workspace.asRelativePath(uri, false);
}
