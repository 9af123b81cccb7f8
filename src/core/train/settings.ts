/**
 * The one description of the training settings: type, default, bounds and text of each field of
 * TrainConfig. resolveTrainConfig's checks, the training channel's schema, the form and package.json's
 * `gammaCe.training.*` settings (scripts/generate-package-contributes.js) are all derived from it.
 */
import { MAX_NOISE_RATE } from '../data/labelNoise';
import { DEFAULT_GCE_Q, DEFAULT_SCE } from '../losses/options';
import type { TrainConfig } from './config';

export const MODEL_KINDS = ['logreg', 'mlp'] as const;
export const GAMMA_SCHEDULES = ['constant', 'linear', 'cosine'] as const;
/** ls, focal and ts for calibration; gce, sce and mae (γ-CE at γ = 1), γ-CE's peers for noisy labels. */
export const BASELINES = ['ls', 'focal', 'ts', 'gce', 'sce', 'mae'] as const;
export const BACKENDS = ['wasm', 'cpu'] as const;
export const MAX_SEEDS = 20;
export const MAX_SEED = 0xffffffff;

interface Common<T> {
  default: T;
  description: string;
  /** Offered as the VS Code setting `gammaCe.training.<key>` (the form's starting value). */
  user?: boolean;
  /** Who the messages name when it is not the key ("the learning rate"). */
  subject?: string;
}

/** A number in a range; an interval's open end is exclusive. */
export interface NumberBounds {
  integer?: boolean;
  minimum: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  /** How the messages write the maximum (2^32−1). */
  maximumText?: string;
}

export type NumberSetting<T = number> = Common<T> & {
  kind: 'number';
  /** Without bounds: checked by the loss's own check (losses/options), named for the field. */
  bounds?: NumberBounds;
  nullable?: boolean;
};

export type ListSetting<T = number[]> = Common<T> & {
  kind: 'list';
  items: NumberBounds;
  nullable?: boolean;
  /** Distinct, non-empty lists: their own messages (sweep, noiseSweep). */
  distinct?: { empty: string; item: string; repeated: (value: number) => string };
  /** Non-distinct lists: the message for any bad element (hidden). */
  invalid?: (value: unknown) => string;
};

export type EnumSetting<T = string> = Common<T> & { kind: 'enum'; values: readonly string[]; quoted?: boolean };
export type EnumListSetting<T = string[]> = Common<T> & {
  kind: 'enumList';
  values: readonly string[];
  unknown: (value: string) => string;
};
export type BooleanSetting = Common<boolean> & { kind: 'boolean' };

/** The spec of a field, its kind tied to the field's type. */
export type SettingFor<T> = [T] extends [boolean]
  ? BooleanSetting
  : [T] extends [number | null]
    ? NumberSetting<T>
    : [T] extends [number[] | null]
      ? ListSetting<T>
      : [T] extends [string]
        ? EnumSetting<T> & { values: readonly T[] }
        : [T] extends [string[]]
          ? EnumListSetting<T> & { values: readonly T[number][] }
          : never;

export type TrainSettings = { readonly [K in keyof TrainConfig]: SettingFor<TrainConfig[K]> };
export type AnySetting =
  NumberSetting<number | null> | ListSetting<number[] | null> | EnumSetting | EnumListSetting | BooleanSetting;

const unit: NumberBounds = { minimum: 0, maximum: 1 };

/** In TrainConfig's order, which is also the order of the checks and of package.json's settings. */
export const TRAIN_SETTINGS: TrainSettings = {
  model: {
    kind: 'enum',
    values: MODEL_KINDS,
    quoted: true,
    default: 'mlp',
    user: true,
    description: 'Model of the training panel: an MLP with ReLU, or logistic regression.',
  },
  hidden: {
    kind: 'list',
    items: { integer: true, minimum: 1, maximum: 4096 },
    invalid: (v) => `hidden sizes must be whole numbers from 1 to 4096, got ${JSON.stringify(v)}`,
    default: [64],
    user: true,
    description: 'Hidden layer sizes of the MLP.',
  },
  gamma: {
    kind: 'number',
    bounds: unit,
    default: 0.1,
    user: true,
    description:
      'γ of γ-CE: 0 is cross-entropy, 1 is 1 − p(y|x). The paper uses 1e-7 (language modelling), 0.1 (translation), 0.8 (summarisation).',
  },
  threshold: {
    kind: 'number',
    bounds: unit,
    nullable: true,
    default: null,
    user: true,
    description: "Floor b of the paper's TaiLr form; null trains the closed-form γ-CE.",
  },
  schedule: {
    kind: 'enum',
    values: GAMMA_SCHEDULES,
    default: 'constant',
    user: true,
    description: 'γ over the epochs: constant, or rising from 0 to γ.',
  },
  sweep: {
    kind: 'list',
    items: unit,
    nullable: true,
    distinct: {
      empty: 'a sweep needs at least one γ',
      item: 'every γ of the sweep',
      repeated: (g) => `the sweep lists γ = ${g} more than once`,
    },
    default: null,
    description: 'γ values of a sweep: each a run (instead of the CE vs γ-CE comparison).',
  },
  baselines: {
    kind: 'enumList',
    values: BASELINES,
    unknown: (b) => `unknown baseline '${b}'; use ls, focal or ts, or gce, sce or mae for noisy labels`,
    default: [],
    user: true,
    description:
      'Baselines trained beside CE and γ-CE: label smoothing (ls), focal loss (focal), temperature scaling (ts); for noisy labels GCE (gce), SCE (sce) and MAE (mae).',
  },
  smoothing: {
    kind: 'number',
    bounds: { minimum: 0, maximum: 1, exclusiveMaximum: true },
    subject: 'label smoothing ε',
    default: 0.1,
    description: 'Label smoothing ε of the ls baseline.',
  },
  focalGamma: {
    kind: 'number',
    bounds: { minimum: 0, maximum: 10 },
    default: 2,
    description: 'Focal loss exponent of the focal baseline (not the γ of γ-CE).',
  },
  gceQ: { kind: 'number', default: DEFAULT_GCE_Q, description: 'q ∈ (0, 1] of the gce baseline.' },
  sceAlpha: { kind: 'number', default: DEFAULT_SCE.alpha, description: 'α (≥ 0) of the sce baseline.' },
  sceBeta: { kind: 'number', default: DEFAULT_SCE.beta, description: 'β (≥ 0; not both 0) of the sce baseline.' },
  sceA: { kind: 'number', default: DEFAULT_SCE.A, description: 'A (< 0), the log 0 of the sce baseline.' },
  tailrSmoothing: {
    kind: 'number',
    default: 0,
    description: "ε ∈ [0, 1) of the official TaiLr code's label smoothing, for the TaiLr form (threshold set); 0: off.",
  },
  seeds: {
    kind: 'number',
    bounds: { integer: true, minimum: 1, maximum: MAX_SEEDS },
    default: 1,
    user: true,
    description: 'Repeated seeds seed, seed + 1, …: each varies the weights, batch order, noise draw and split.',
  },
  fixedSplit: {
    kind: 'boolean',
    default: false,
    description: 'With seeds > 1: keep the split of seed and vary the rest.',
  },
  noiseSweep: {
    kind: 'list',
    items: { minimum: 0, maximum: MAX_NOISE_RATE },
    nullable: true,
    distinct: {
      empty: 'noiseSweep needs at least one noise rate',
      item: 'every noise rate of noiseSweep',
      repeated: (r) => `noiseSweep lists the noise rate ${r} more than once`,
    },
    default: null,
    description: 'Training-label noise rates, each an experiment over the seeds (validation and test stay clean).',
  },
  epochs: {
    kind: 'number',
    bounds: { integer: true, minimum: 1, maximum: 100_000 },
    default: 50,
    user: true,
    description: 'Epochs per run.',
  },
  batchSize: {
    kind: 'number',
    bounds: { integer: true, minimum: 1, maximum: 1_000_000 },
    default: 32,
    user: true,
    description: 'Mini-batch size.',
  },
  learningRate: {
    kind: 'number',
    bounds: { minimum: 0, exclusiveMinimum: true, maximum: 10 },
    subject: 'the learning rate',
    default: 1e-3,
    user: true,
    description: 'Adam learning rate.',
  },
  weightDecay: {
    kind: 'number',
    bounds: unit,
    subject: 'weight decay',
    default: 0,
    description: 'L2 penalty on the weight matrices (not biases), added to every loss.',
  },
  patience: {
    kind: 'number',
    bounds: { integer: true, minimum: 0 },
    default: 0,
    description: 'Stop after this many epochs without a better validation NLL, keeping the best weights (0: off).',
  },
  seed: {
    kind: 'number',
    bounds: { integer: true, minimum: 0, maximum: MAX_SEED, maximumText: '2^32−1' },
    subject: 'the seed',
    default: 0,
    user: true,
    description: 'Seed of the split, the label noise, the initial weights and the batch order.',
  },
  backend: {
    kind: 'enum',
    values: BACKENDS,
    default: 'wasm',
    description: 'TensorFlow.js backend of the training worker.',
  },
};

/** Not a TrainConfig field: the training setup's symmetric label noise, a setting of its own. */
export const LABEL_NOISE_SETTING: NumberSetting & { key: 'labelNoise' } = {
  key: 'labelNoise',
  kind: 'number',
  bounds: { minimum: 0, maximum: MAX_NOISE_RATE },
  default: 0,
  user: true,
  description: 'Fraction of training labels flipped to another class (symmetric noise), to study dirty data.',
};

export function trainSettingEntries(): Array<[keyof TrainConfig, AnySetting]> {
  return Object.entries(TRAIN_SETTINGS) as Array<[keyof TrainConfig, AnySetting]>;
}

/** The fields offered as VS Code settings (`gammaCe.training.<key>`), in the spec's order. */
export function userTrainSettingKeys(): Array<keyof TrainConfig> {
  return trainSettingEntries()
    .filter(([, s]) => s.user)
    .map(([key]) => key);
}

/**
 * The form's starting values from the user's settings. `get(key, fallback)` reads
 * `gammaCe.training.<key>` (VS Code: getConfiguration('gammaCe.training').get); a nullable number
 * set to anything but a number is null. Bad values are left for resolveTrainConfig to name.
 */
export function setupFromUserSettings(get: (key: string, fallback: unknown) => unknown): {
  config: Partial<TrainConfig>;
  noise: number;
} {
  const config: Record<string, unknown> = {};
  for (const key of userTrainSettingKeys()) {
    const setting = TRAIN_SETTINGS[key] as AnySetting;
    const value = get(key, setting.default);
    config[key] = setting.kind === 'number' && setting.nullable && typeof value !== 'number' ? null : value;
  }
  return { config: config, noise: get(LABEL_NOISE_SETTING.key, LABEL_NOISE_SETTING.default) as number };
}
