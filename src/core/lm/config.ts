import type { GammaSchedule } from '../train/config';

/** How the second run weights tokens: the paper's TaiLr form, or γ-CE's closed form. */
export type LmObjective = 'tailr' | 'gamma-ce';

export interface LmConfig {
  /** γ of the second run (the largest γ of a schedule); the paper's language-modelling preset is 1e-7. */
  gamma: number;
  /** TaiLr's floor b of the token weight (the paper's preset 0.2); unused by the closed form. */
  threshold: number;
  objective: LmObjective;
  schedule: GammaSchedule;
  context: number;
  layers: number;
  dim: number;
  /** Attention heads (dim must divide by it). */
  heads: number;
  steps: number;
  batch: number;
  learningRate: number;
  seed: number;
  /** Held-out bits/char are computed every this many steps (and at the last). */
  evalEvery: number;
  samples: number;
  sampleLength: number;
  promptLength: number;
  temperature: number;
  /** Sample among the k likeliest characters only; 0 keeps them all. */
  topK: number;
}

export const LM_DEFAULTS: LmConfig = {
  gamma: 1e-7,
  threshold: 0.2,
  objective: 'tailr',
  schedule: 'constant',
  context: 64,
  layers: 2,
  dim: 64,
  heads: 4,
  steps: 300,
  batch: 16,
  learningRate: 3e-3,
  seed: 0,
  evalEvery: 25,
  samples: 3,
  sampleLength: 300,
  promptLength: 24,
  temperature: 1,
  topK: 0,
};

/** The presets of the settings: the paper's language-modelling TaiLr, γ-CE's closed form, a γ schedule. */
export const LM_PRESETS: Record<string, { label: string; values: Partial<LmConfig> }> = {
  paper: {
    label: 'TaiLr, paper preset (γ = 1e-7, b = 0.2)',
    values: { objective: 'tailr', gamma: 1e-7, threshold: 0.2, schedule: 'constant' },
  },
  closedForm: {
    label: 'γ-CE closed form (γ = 0.1)',
    values: { objective: 'gamma-ce', gamma: 0.1, schedule: 'constant' },
  },
  schedule: {
    label: 'γ-CE, γ rising to 0.3 (cosine)',
    values: { objective: 'gamma-ce', gamma: 0.3, schedule: 'cosine' },
  },
};

/** A setting out of range: its message names the setting. */
export class LmConfigError extends Error {}

const INTEGER_BOUNDS: Partial<Record<keyof LmConfig, [number, number]>> = {
  context: [4, 512],
  layers: [1, 8],
  dim: [8, 512],
  heads: [1, 16],
  steps: [1, 100_000],
  batch: [1, 1024],
  seed: [0, 2 ** 31 - 1],
  evalEvery: [1, 100_000],
  samples: [0, 20],
  sampleLength: [1, 5000],
  promptLength: [1, 512],
  topK: [0, 100_000],
};

/** The defaults overridden by `partial`, every value checked. */
export function resolveLmConfig(partial: Partial<LmConfig> = {}): LmConfig {
  const config = { ...LM_DEFAULTS, ...stripUndefined(partial) };
  for (const [key, [lo, hi]] of Object.entries(INTEGER_BOUNDS) as Array<[keyof LmConfig, [number, number]]>) {
    const value = config[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < lo || value > hi)
      throw new LmConfigError(`${key} must be an integer from ${lo} to ${hi}, got ${String(value)}`);
  }
  if (config.dim % config.heads !== 0)
    throw new LmConfigError(`dim (${config.dim}) must be a multiple of heads (${config.heads})`);
  unit(config.gamma, 'gamma', 0, 1);
  unit(config.threshold, 'threshold', 0, 1);
  if (!(config.learningRate > 0 && config.learningRate <= 1))
    throw new LmConfigError(`learningRate must be in (0, 1], got ${config.learningRate}`);
  if (!(config.temperature > 0 && config.temperature <= 10))
    throw new LmConfigError(`temperature must be in (0, 10], got ${config.temperature}`);
  if (config.objective !== 'tailr' && config.objective !== 'gamma-ce')
    throw new LmConfigError(`objective must be tailr or gamma-ce, got ${String(config.objective)}`);
  if (!['constant', 'linear', 'cosine'].includes(config.schedule))
    throw new LmConfigError(`schedule must be constant, linear or cosine, got ${String(config.schedule)}`);
  return config;
}

function unit(value: number, name: string, lo: number, hi: number): void {
  if (typeof value !== 'number' || !(value >= lo && value <= hi))
    throw new LmConfigError(`${name} must be a number in [${lo}, ${hi}], got ${String(value)}`);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
