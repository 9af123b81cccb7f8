import type { PredictionSource } from '../data/predictionSource';
import { StreamedReport, StreamingCalibration } from './streamingReport';

export interface StreamOptions {
  bins: number;
  smooth?: boolean;
  /** Default MAX_KEPT_TOP_LABEL_ROWS. */
  keepRows?: number;
  /** Rows read so far, after each batch. */
  onRows?: (rows: number) => void;
}

/** The report of a predictions source, read batch by batch: memory stays that of one batch plus the kept rows. */
export async function streamCalibration(source: PredictionSource, options: StreamOptions): Promise<StreamedReport> {
  const top = source.form === 'top-label';
  const engine = new StreamingCalibration({
    bins: options.bins,
    classes: top ? undefined : source.classNames.length,
    smooth: options.smooth,
    expectedRows: source.rows,
    keepRows: options.keepRows,
  });
  for await (const batch of source.batches()) {
    if (top) engine.addTopLabel(batch.confidence!, batch.correct!, batch.rows);
    else engine.addProbabilities(batch.probs!, batch.labels!, batch.rows);
    options.onRows?.(engine.rows);
  }
  return engine.finish();
}
