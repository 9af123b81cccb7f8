import { calibrationReport, CONVENTION_BINS, DEFAULT_BINS } from '../core/calibration';
import type { StreamedReport } from '../core/calibration/streamingReport';
import { streamCalibration } from '../core/calibration/streamingSource';
import { collectPredictions } from '../core/data/collectPredictions';
import { binaryFormatFromName } from '../core/data/fileTypes';
import type { PredictionSource } from '../core/data/predictionSource';
import type { Predictions } from '../core/predictions';
import { checkConvention, ConventionReport, withConvention } from './calibrateConvention';
import { formatCalibration } from './formatCalibration';
import { formatStreamed } from './formatStreamed';
import { withInputFile } from './inputFile';
import type { Io } from './main';
import { parseCliArgs } from './parseCliArgs';
import { asWholeFileReport, streamTextCalibration } from './streamedText';
import { integerOption, readPredictionsFile, withPredictionSource } from './predictionsInput';
import { UsageError } from './usageError';

export const OPTIONS = {
  label: { type: 'string' },
  bins: { type: 'string' },
  softmax: { type: 'boolean' },
  convention: { type: 'string' },
  json: { type: 'boolean' },
  probs: { type: 'string' },
  labels: { type: 'string' },
} as const;

export async function runCalibrate(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCliArgs(args, OPTIONS);
  if (positionals.length !== 1) throw new UsageError('calibrate takes exactly one predictions file');
  const file = positionals[0];
  const convention = checkConvention(values.convention);
  const bins = integerOption('bins', values.bins, convention ? CONVENTION_BINS[convention] : DEFAULT_BINS, 1, 1000);
  const read = { label: values.label, softmax: values.softmax, probs: values.probs, labels: values.labels };

  return withInputFile(file, io, async (totalBytes) => {
    const print = (described: Parameters<typeof formatCalibration>[0], report: ConventionReport) => {
      io.stdout(
        values.json ? `${JSON.stringify({ file, ...report }, null, 2)}\n` : formatCalibration(described, report),
      );
      return 0;
    };
    const inMemory = (predictions: Predictions) =>
      print(
        predictions,
        withConvention(calibrationReport(predictions.probs, predictions.labels, { bins }), predictions, convention),
      );
    const printStreamed = (source: PredictionSource, report: StreamedReport) => {
      io.stdout(values.json ? `${JSON.stringify({ file, ...report }, null, 2)}\n` : formatStreamed(source, report));
      return 0;
    };
    if (binaryFormatFromName(file) === undefined) {
      // CSV/TSV without quotes is streamed too; any other text, or a file with an error, is read whole.
      const streamed = convention ? undefined : await streamTextCalibration(file, read, bins);
      if (streamed) {
        // All rows kept: the very report the whole-file reader gives; a sample is said as for Parquet.
        const whole = asWholeFileReport(streamed.report);
        return whole ? print(streamed.source, whole) : printStreamed(streamed.source, streamed.report);
      }
      return inMemory(await readPredictionsFile(file, totalBytes, read));
    }
    // Parquet and NumPy are streamed: one pass, memory that of a batch plus 9 bytes a row.
    return withPredictionSource(file, read, async (source) => {
      if (convention) return inMemory(await collectPredictions(source));
      return printStreamed(source, await streamCalibration(source, { bins }));
    });
  });
}
