import { MAX_NOISE_RATE } from '../../core/data/labelNoise';
import {
  Baseline,
  GammaSchedule,
  ModelKind,
  resolveTrainConfig,
  TrainConfig,
  TrainConfigError,
} from '../../core/train/config';
import type { TrainingSetup } from '../../extension/training/protocol';

/** The form's fields as typed: text for the numbers and lists, so that the check sees what the user wrote. */
export interface FormValues {
  model: ModelKind;
  hidden: string;
  gamma: string;
  threshold: string;
  schedule: GammaSchedule;
  baselines: Baseline[];
  gceQ: string;
  sweep: string;
  epochs: string;
  batchSize: string;
  learningRate: string;
  seed: string;
  seeds: string;
  fixedSplit: boolean;
  noiseSweep: string;
  noise: string;
}

/** [field id, message]: the form's field ids are the configuration's keys (and `noise`). */
export type FieldError = [string, string];

export type FormCheck = { setup: TrainingSetup; errors: [] } | { setup?: undefined; errors: FieldError[] };

/**
 * The setup the form describes, checked as Run will check it: text that is not a number is named
 * here, everything else by resolveTrainConfig (bounds, distinct lists, seeds past 2^32−1), whose
 * error names the field to mark.
 */
export function checkForm(values: FormValues, previous: TrainingSetup): FormCheck {
  const errors: FieldError[] = [];
  const number = (field: keyof FormValues & keyof TrainConfig): number => {
    const text = String(values[field]).trim();
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) errors.push([field, 'a number']);
    return value;
  };
  const list = (field: 'hidden' | 'sweep' | 'noiseSweep', what: string): number[] | null => {
    const text = values[field].trim();
    if (text === '') return null;
    const items = text.split(/[\s,;]+/).filter(Boolean);
    const numbers = items.map(Number);
    if (!numbers.every(Number.isFinite)) errors.push([field, `${what}, separated by commas`]);
    return numbers;
  };
  const hiddenSizes = list('hidden', 'whole numbers');
  const config: Partial<TrainConfig> = {
    model: values.model,
    hidden: values.model === 'mlp' ? (hiddenSizes ?? []) : (previous.config.hidden ?? [64]),
    gamma: number('gamma'),
    threshold: values.threshold.trim() === '' ? null : number('threshold'),
    schedule: values.schedule,
    sweep: list('sweep', 'γ values'),
    baselines: values.baselines,
    gceQ: number('gceQ'),
    epochs: number('epochs'),
    batchSize: number('batchSize'),
    learningRate: number('learningRate'),
    seed: number('seed'),
    seeds: number('seeds'),
    fixedSplit: values.fixedSplit,
    noiseSweep: list('noiseSweep', 'noise rates'),
  };
  const noise = Number(values.noise.trim());
  if (values.noise.trim() === '' || !(noise >= 0 && noise <= MAX_NOISE_RATE))
    errors.push(['noise', `the label noise must be in [0, ${MAX_NOISE_RATE}]`]);
  if (errors.length) return { errors };
  // The settings the form has no field for (α, β and A of SCE, …) come along, so that the check sees the whole setup.
  const whole = { ...previous.config, ...config };
  try {
    resolveTrainConfig(whole);
  } catch (error) {
    if (!(error instanceof TrainConfigError)) throw error;
    return { errors: [[error.field, error.message]] };
  }
  return { setup: { ...previous, config: whole, noise }, errors: [] };
}
