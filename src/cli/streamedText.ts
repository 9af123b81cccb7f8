import { isUtf8 } from 'buffer';
import type { CalibrationReport } from '../core/calibration';
import type { StreamedReport } from '../core/calibration/streamingReport';
import { streamCalibration } from '../core/calibration/streamingSource';
import { LabelsReread, NotStreamable, openDelimitedPredictions } from '../core/data/delimitedPredictions';
import { formatFromName } from '../core/data/fileTypes';
import type { PredictionSource } from '../core/data/predictionSource';
import { CLI_LOGITS_HINT } from '../core/predictions';
import { inputChunks } from './inputFile';
import type { PredictionsFileOptions } from './predictionsInput';

/** Each time the labels read another way the file is read again; the readings change at most a few times. */
const MAX_READS = 8;

/**
 * The calibration report of a CSV/TSV file in one streamed pass (two or three when late labels change
 * how earlier ones read), or undefined when the file must be read whole: it has quotes or anything
 * else the streamed reader does not handle, or an error, which the whole-file reader words.
 */
export async function streamTextCalibration(
  file: string,
  options: PredictionsFileOptions,
  bins: number,
): Promise<{ source: PredictionSource; report: StreamedReport } | undefined> {
  const format = formatFromName(file);
  if ((format !== 'csv' && format !== 'tsv') || options.probs !== undefined || options.labels !== undefined) return;
  const source = await openDelimitedPredictions(() => inputChunks(file), file, format, {
    label: options.label,
    softmax: options.softmax,
    logitsHint: CLI_LOGITS_HINT,
    isUtf8,
  });
  if (!source) return;
  for (let read = 0; read < MAX_READS; read++) {
    try {
      return { source, report: await streamCalibration(source, { bins }) };
    } catch (error) {
      if (error instanceof NotStreamable) return;
      if (!(error instanceof LabelsReread)) throw error;
    }
  }
  return;
}

/**
 * A streamed report of all the rows (no reservoir sample) as the whole-file reader's report: the same
 * keys in the same order, without those only streamed reports have; undefined when it used a sample.
 */
export function asWholeFileReport(report: StreamedReport): CalibrationReport | undefined {
  if (report.sample) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { form, unavailable, keptRows, sample, ...whole } = report;
  return whole;
}
