import { writeFile } from 'fs/promises';
import { DEFAULT_BINS } from '../core/calibration';
import { DataFileError } from '../core/data/dataFileError';
import {
  calibratorJson,
  DEFAULT_FOLD_SEED,
  DEFAULT_FOLDS,
  METRIC_NAMES,
  recalibrate,
  RecalibrationMethod,
  RecalibrationMetrics,
  RecalibrationResult,
  RECALIBRATION_METHODS,
} from '../core/recalibration';
import type { Io } from './main';
import { parseCliArgs } from './parseCliArgs';
import { withInputFile } from './inputFile';
import { integerOption, readPredictionsFile } from './predictionsInput';
import { UsageError } from './usageError';

export const OPTIONS = {
  method: { type: 'string' },
  folds: { type: 'string' },
  seed: { type: 'string' },
  bins: { type: 'string' },
  label: { type: 'string' },
  softmax: { type: 'boolean' },
  probs: { type: 'string' },
  labels: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const METHOD_NAMES: Record<RecalibrationMethod, string> = {
  temperature: 'temperature scaling',
  histogram: 'histogram binning',
  isotonic: 'isotonic regression',
};

const METRIC_LABELS: Record<(typeof METRIC_NAMES)[number], string> = {
  ece: 'ECE',
  smoothEce: 'Smooth ECE',
  nll: 'NLL',
  brier: 'Brier',
  accuracy: 'Accuracy',
};

/** `gamma-ce recalibrate`: fit a calibrator on the whole file and measure it by k-fold cross-validation. */
export async function runRecalibrate(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCliArgs(args, OPTIONS);
  if (positionals.length !== 1) throw new UsageError('recalibrate takes exactly one predictions file');
  const method = values.method as RecalibrationMethod;
  if (!RECALIBRATION_METHODS.includes(method)) {
    throw new UsageError(
      `--method must be one of ${RECALIBRATION_METHODS.join(', ')}${values.method ? `, got '${values.method}'` : ''}`,
    );
  }
  const folds = integerOption('folds', values.folds, DEFAULT_FOLDS, 2, 1000);
  const seed = integerOption('seed', values.seed, DEFAULT_FOLD_SEED, 0, 2 ** 32 - 1);
  const bins = integerOption('bins', values.bins, DEFAULT_BINS, 1, 1000);
  const file = positionals[0];

  return withInputFile(file, io, async (totalBytes) => {
    const predictions = await readPredictionsFile(file, totalBytes, {
      label: values.label,
      softmax: values.softmax,
      probs: values.probs,
      labels: values.labels,
    });
    const result = recalibrate(predictions.probs, predictions.labels, { method, folds, seed, bins, file });
    if (values.out !== undefined) {
      try {
        await writeFile(values.out, calibratorJson(result.calibrator));
      } catch (error) {
        throw new DataFileError(values.out, `cannot be written: ${(error as Error).message}`);
      }
    }
    io.stdout(
      values.json ? `${JSON.stringify({ file, ...result }, null, 2)}\n` : formatRecalibration(file, result, values.out),
    );
    return 0;
  });
}

export function formatRecalibration(file: string, r: RecalibrationResult, out?: string): string {
  const lines = [
    `${file}: ${r.before.rows} rows; ${METHOD_NAMES[r.method]}, ${r.folds}-fold cross-validation (seed ${r.seed})`,
    '',
    `  ${''.padEnd(12)} ${'before'.padStart(8)} ${'after'.padStart(8)}   (after: each fold recalibrated by the fit on the other folds)`,
    ...METRIC_NAMES.map((k) => `  ${METRIC_LABELS[k].padEnd(12)} ${fmt(r.before, k)} ${fmt(r.after, k)}`),
    '',
  ];
  if (r.temperature !== undefined) {
    const kept = r.temperatureAtBound ? ' (kept: no minimum inside the search range)' : '';
    lines.push(`fitted on the whole file: T = ${r.temperature.toPrecision(6)}${kept}`);
  } else {
    lines.push(
      `fitted on the whole file: ${r.method === 'histogram' ? `${r.bins} bins` : `${r.calibrator.method === 'isotonic' ? r.calibrator.x.length : 0} points`}`,
    );
  }
  for (const warning of r.warnings) lines.push(`warning: ${warning}`);
  if (out !== undefined) lines.push(`calibrator written to ${out}`);
  return `${lines.join('\n')}\n`;
}

function fmt(m: RecalibrationMetrics, key: (typeof METRIC_NAMES)[number]): string {
  return m[key].toFixed(4).padStart(8);
}
