import { calibrationReport, CONVENTION_BINS, DEFAULT_BINS } from '../core/calibration';
import { checkConvention, withConvention } from './calibrateConvention';
import { readPredictionsFromStream } from '../core/predictions';
import { formatCalibration } from './formatCalibration';
import { inputChunks, withInputFile } from './inputFile';
import type { Io } from './main';
import { parseCliArgs } from './parseCliArgs';
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
  const bins = values.bins === undefined ? (convention ? CONVENTION_BINS[convention] : DEFAULT_BINS) : Number(values.bins);
  if (!Number.isInteger(bins) || bins < 1 || bins > 1000) {
    throw new UsageError(`--bins must be an integer from 1 to 1000, got '${values.bins}'`);
  }

  return withInputFile(file, io, async (totalBytes) => {
    const predictions = await readPredictionsFromStream(inputChunks(file), file, { label: values.label, softmax: values.softmax, totalBytes });
    const report = withConvention(calibrationReport(predictions.probs, predictions.labels, { bins }), predictions, convention);
    io.stdout(values.json ? `${JSON.stringify({ file, ...report }, null, 2)}\n` : formatCalibration(predictions, report));
    return 0;
  });
}
