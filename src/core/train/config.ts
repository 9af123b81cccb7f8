import { checkQ, checkSceOptions, checkTailrSmoothing, sceOptionOf } from '../losses/options';
import { settingProblem } from './settingChecks';
import { BACKENDS, BASELINES, GAMMA_SCHEDULES, MAX_SEED, MODEL_KINDS, trainSettingEntries } from './settings';

export { MAX_SEEDS } from './settings';
export type ModelKind = (typeof MODEL_KINDS)[number];
export type GammaSchedule = (typeof GAMMA_SCHEDULES)[number];
/** ls, focal and ts for calibration; gce, sce and mae (γ-CE at γ = 1), γ-CE's peers for noisy labels. */
export type Baseline = (typeof BASELINES)[number];
export type BackendName = (typeof BACKENDS)[number];

/** The fields' defaults, bounds and descriptions are in ./settings (TRAIN_SETTINGS). */
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

export const DEFAULT_TRAIN_CONFIG: TrainConfig = Object.fromEntries(
  trainSettingEntries().map(([key, setting]) => [key, setting.default]),
) as unknown as TrainConfig;

export class TrainConfigError extends Error {
  constructor(
    readonly field: keyof TrainConfig,
    message: string,
  ) {
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
  for (const [key, setting] of trainSettingEntries()) {
    const problem = settingProblem(key, setting, config[key]);
    if (problem !== undefined) fail(key, problem);
  }
  checkNoiseRobust(config, fail);
  if (config.seed + config.seeds - 1 > MAX_SEED)
    fail('seeds', `seeds ${config.seed} to ${config.seed + config.seeds - 1} go past 2^32−1`);
  return config;
}

type Fail = (field: keyof TrainConfig, message: string) => never;

function checkNoiseRobust(config: TrainConfig, fail: Fail): void {
  const guard = (
    field: keyof TrainConfig,
    check: () => unknown,
    fieldOf?: (error: unknown) => keyof TrainConfig | undefined,
  ) => {
    try {
      check();
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      fail(fieldOf?.(error) ?? field, error.message);
    }
  };
  guard('gceQ', () => checkQ(config.gceQ, 'gceQ'));
  const sceField = (error: unknown) =>
    (({ alpha: 'sceAlpha', beta: 'sceBeta', A: 'sceA' }) as const)[sceOptionOf(error) ?? 'alpha'];
  guard(
    'sceAlpha',
    () => checkSceOptions({ alpha: config.sceAlpha, beta: config.sceBeta, A: config.sceA }, 'sce'),
    sceField,
  );
  guard('tailrSmoothing', () => checkTailrSmoothing(config.tailrSmoothing, 'tailrSmoothing'));
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
