export type ModelKind = 'logreg' | 'mlp';
export type GammaSchedule = 'constant' | 'linear' | 'cosine';
export type Baseline = 'ls' | 'focal' | 'ts';
export type BackendName = 'wasm' | 'cpu';

export interface TrainConfig {
  model: ModelKind;
  /** Hidden layer sizes of the MLP (ignored for logistic regression). */
  hidden: number[];
  /** γ of the γ-CE run (the largest γ of a schedule). */
  gamma: number;
  /** TaiLr floor b: when set, the γ run uses the paper's form instead of the closed form. */
  threshold: number | null;
  schedule: GammaSchedule;
  /** γ values of a sweep: each a run (instead of the CE vs γ-CE comparison). */
  sweep: number[] | null;
  baselines: Baseline[];
  /** Label smoothing ε of the `ls` baseline. */
  smoothing: number;
  /** Focal loss exponent of the `focal` baseline (not the γ of γ-CE). */
  focalGamma: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** L2 penalty on the weight matrices (not biases), added to every loss. */
  weightDecay: number;
  /** Stop after this many epochs without a better validation NLL, keeping the best weights (0: off). */
  patience: number;
  seed: number;
  backend: BackendName;
}

export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  model: 'mlp',
  hidden: [64],
  gamma: 0.1,
  threshold: null,
  schedule: 'constant',
  sweep: null,
  baselines: [],
  smoothing: 0.1,
  focalGamma: 2,
  epochs: 50,
  batchSize: 32,
  learningRate: 1e-3,
  weightDecay: 0,
  patience: 0,
  seed: 0,
  backend: 'wasm',
};

export class TrainConfigError extends Error {
  constructor(readonly field: keyof TrainConfig, message: string) {
    super(message);
    this.name = 'TrainConfigError';
  }
}

/** Fills defaults and checks every field; throws TrainConfigError naming the field at fault. */
export function resolveTrainConfig(partial: Partial<TrainConfig> = {}): TrainConfig {
  const config: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, ...stripUndefined(partial) };
  const fail = (field: keyof TrainConfig, message: string): never => {
    throw new TrainConfigError(field, message);
  };
  if (config.model !== 'logreg' && config.model !== 'mlp') fail('model', `model must be 'logreg' or 'mlp', got '${config.model}'`);
  if (!Array.isArray(config.hidden) || config.hidden.length === 0 || !config.hidden.every((h) => Number.isInteger(h) && h >= 1 && h <= 4096)) {
    fail('hidden', `hidden sizes must be whole numbers from 1 to 4096, got ${JSON.stringify(config.hidden)}`);
  }
  checkUnit(config.gamma, 'gamma', fail);
  if (config.threshold !== null) checkUnit(config.threshold, 'threshold', fail);
  if (!['constant', 'linear', 'cosine'].includes(config.schedule)) {
    fail('schedule', `schedule must be constant, linear or cosine, got '${config.schedule}'`);
  }
  if (config.sweep !== null) {
    if (!Array.isArray(config.sweep) || config.sweep.length === 0) fail('sweep', 'a sweep needs at least one γ');
    config.sweep!.forEach((g) => checkUnit(g, 'sweep', fail));
    const repeated = config.sweep!.find((g, i) => config.sweep!.indexOf(g) !== i);
    if (repeated !== undefined) fail('sweep', `the sweep lists γ = ${repeated} more than once`);
  }
  for (const b of config.baselines) {
    if (b !== 'ls' && b !== 'focal' && b !== 'ts') fail('baselines', `unknown baseline '${b}'; use ls, focal or ts`);
  }
  if (!(config.smoothing >= 0 && config.smoothing < 1)) fail('smoothing', `label smoothing ε must be in [0, 1), got ${config.smoothing}`);
  if (!(config.focalGamma >= 0 && config.focalGamma <= 10)) fail('focalGamma', `focalGamma must be in [0, 10], got ${config.focalGamma}`);
  positiveInteger(config.epochs, 'epochs', 100_000, fail);
  positiveInteger(config.batchSize, 'batchSize', 1_000_000, fail);
  if (!(config.learningRate > 0 && config.learningRate <= 10)) fail('learningRate', `the learning rate must be in (0, 10], got ${config.learningRate}`);
  if (!(config.weightDecay >= 0 && config.weightDecay <= 1)) fail('weightDecay', `weight decay must be in [0, 1], got ${config.weightDecay}`);
  if (!(Number.isInteger(config.patience) && config.patience >= 0)) fail('patience', `patience must be a whole number ≥ 0, got ${config.patience}`);
  if (!Number.isInteger(config.seed) || config.seed < 0 || config.seed > 0xffffffff) fail('seed', `the seed must be a whole number from 0 to 2^32−1, got ${config.seed}`);
  if (config.backend !== 'wasm' && config.backend !== 'cpu') fail('backend', `backend must be wasm or cpu, got '${config.backend}'`);
  return config;
}

function checkUnit(value: unknown, field: keyof TrainConfig, fail: (f: keyof TrainConfig, m: string) => never): void {
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || value > 1) {
    fail(field, `${field === 'sweep' ? 'every γ of the sweep' : field} must be in [0, 1], got ${String(value)}`);
  }
}

function positiveInteger(value: number, field: keyof TrainConfig, max: number, fail: (f: keyof TrainConfig, m: string) => never): void {
  if (!Number.isInteger(value) || value < 1 || value > max) fail(field, `${field} must be a whole number from 1 to ${max}, got ${value}`);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
