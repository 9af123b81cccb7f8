export type ModelKind = 'logreg' | 'mlp';
export type GammaSchedule = 'constant' | 'linear' | 'cosine';
import { MAX_NOISE_RATE } from '../data/labelNoise';
import { checkQ, checkSceOptions, checkTailrSmoothing, DEFAULT_GCE_Q, DEFAULT_SCE, sceOptionOf } from '../losses/options';

/** ls, focal and ts for calibration; gce, sce and mae (γ-CE at γ = 1), γ-CE's peers for noisy labels. */
export type Baseline = 'ls' | 'focal' | 'ts' | 'gce' | 'sce' | 'mae';
const BASELINES: readonly Baseline[] = ['ls', 'focal', 'ts', 'gce', 'sce', 'mae'];
export const MAX_SEEDS = 20;
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
  /** q ∈ (0, 1] of the `gce` baseline. */
  gceQ: number;
  /** α, β and A (log 0) of the `sce` baseline. */
  sceAlpha: number;
  sceBeta: number;
  sceA: number;
  /** ε of the official TaiLr code's label smoothing, for the TaiLr form (threshold set); 0: off. */
  tailrSmoothing: number;
  /** Repeated seeds seed, seed + 1, …: each varies the weights, batch order, noise draw and split. */
  seeds: number;
  /** With seeds > 1: keep the split of `seed` and vary the rest. */
  fixedSplit: boolean;
  /** Training-label noise rates, each an experiment over the seeds (validation and test stay clean). */
  noiseSweep: number[] | null;
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
  gceQ: DEFAULT_GCE_Q,
  sceAlpha: DEFAULT_SCE.alpha,
  sceBeta: DEFAULT_SCE.beta,
  sceA: DEFAULT_SCE.A,
  tailrSmoothing: 0,
  seeds: 1,
  fixedSplit: false,
  noiseSweep: null,
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
    if (!BASELINES.includes(b)) fail('baselines', `unknown baseline '${b}'; use ls, focal or ts, or gce, sce or mae for noisy labels`);
  }
  if (!(config.smoothing >= 0 && config.smoothing < 1)) fail('smoothing', `label smoothing ε must be in [0, 1), got ${config.smoothing}`);
  if (!(config.focalGamma >= 0 && config.focalGamma <= 10)) fail('focalGamma', `focalGamma must be in [0, 10], got ${config.focalGamma}`);
  checkNoiseRobust(config, fail);
  positiveInteger(config.epochs, 'epochs', 100_000, fail);
  positiveInteger(config.batchSize, 'batchSize', 1_000_000, fail);
  if (!(config.learningRate > 0 && config.learningRate <= 10)) fail('learningRate', `the learning rate must be in (0, 10], got ${config.learningRate}`);
  if (!(config.weightDecay >= 0 && config.weightDecay <= 1)) fail('weightDecay', `weight decay must be in [0, 1], got ${config.weightDecay}`);
  if (!(Number.isInteger(config.patience) && config.patience >= 0)) fail('patience', `patience must be a whole number ≥ 0, got ${config.patience}`);
  if (!Number.isInteger(config.seed) || config.seed < 0 || config.seed > 0xffffffff) fail('seed', `the seed must be a whole number from 0 to 2^32−1, got ${config.seed}`);
  if (config.backend !== 'wasm' && config.backend !== 'cpu') fail('backend', `backend must be wasm or cpu, got '${config.backend}'`);
  checkSeeds(config, fail);
  return config;
}

type Fail = (field: keyof TrainConfig, message: string) => never;

function checkNoiseRobust(config: TrainConfig, fail: Fail): void {
  const guard = (field: keyof TrainConfig, check: () => unknown, fieldOf?: (error: unknown) => keyof TrainConfig | undefined) => {
    try {
      check();
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      fail(fieldOf?.(error) ?? field, error.message);
    }
  };
  guard('gceQ', () => checkQ(config.gceQ, 'gceQ'));
  const sceField = (error: unknown) => ({ alpha: 'sceAlpha', beta: 'sceBeta', A: 'sceA' } as const)[sceOptionOf(error) ?? 'alpha'];
  guard('sceAlpha', () => checkSceOptions({ alpha: config.sceAlpha, beta: config.sceBeta, A: config.sceA }, 'sce'), sceField);
  guard('tailrSmoothing', () => checkTailrSmoothing(config.tailrSmoothing, 'tailrSmoothing'));
}

function checkSeeds(config: TrainConfig, fail: Fail): void {
  if (!Number.isInteger(config.seeds) || config.seeds < 1 || config.seeds > MAX_SEEDS) {
    fail('seeds', `seeds must be a whole number from 1 to ${MAX_SEEDS}, got ${config.seeds}`);
  }
  if (config.seed + config.seeds - 1 > 0xffffffff) fail('seeds', `seeds ${config.seed} to ${config.seed + config.seeds - 1} go past 2^32−1`);
  if (typeof config.fixedSplit !== 'boolean') fail('fixedSplit', `fixedSplit must be true or false, got ${String(config.fixedSplit)}`);
  const sweep = config.noiseSweep;
  if (sweep === null) return;
  if (!Array.isArray(sweep) || sweep.length === 0) fail('noiseSweep', 'noiseSweep needs at least one noise rate');
  for (const r of sweep) {
    if (typeof r !== 'number' || !(r >= 0 && r <= MAX_NOISE_RATE)) {
      fail('noiseSweep', `every noise rate of noiseSweep must be in [0, ${MAX_NOISE_RATE}], got ${String(r)}`);
    }
  }
  const repeated = sweep.find((r, i) => sweep.indexOf(r) !== i);
  if (repeated !== undefined) fail('noiseSweep', `noiseSweep lists the noise rate ${repeated} more than once`);
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
