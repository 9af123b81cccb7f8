import { calibrationReport, CONVENTION_BINS, DEFAULT_BINS } from '../core/calibration';
import { checkConvention, withConvention } from './calibrateConvention';
import { formatCalibration } from './formatCalibration';
import { withInputFile } from './inputFile';
import type { Io } from './main';
import { parseCliArgs } from './parseCliArgs';
import { integerOption, readPredictionsFile } from './predictionsInput';
import { UsageError } from './usageError';

export const OPTIONS = {
  label: { type: 'string' },
  bins: { type: 'string' },
  softmax: { type: 'boolean' },
  convention: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function runCalibrate(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCliArgs(args, OPTIONS);
  if (positionals.length !== 1) throw new UsageError('calibrate takes exactly one predictions file');
  const file = positionals[0];
  const convention = checkConvention(values.convention);
  const bins = integerOption('bins', values.bins, convention ? CONVENTION_BINS[convention] : DEFAULT_BINS, 1, 1000);

  return withInputFile(file, io, async (totalBytes) => {
    const predictions = await readPredictionsFile(file, totalBytes, { label: values.label, softmax: values.softmax });
    const report = withConvention(
      calibrationReport(predictions.probs, predictions.labels, { bins }),
      predictions,
      convention,
    );
    io.stdout(
      values.json ? `${JSON.stringify({ file, ...report }, null, 2)}\n` : formatCalibration(predictions, report),
    );
    return 0;
  });
}
