// The calibration panel's long computations, in the data worker: bootstrap intervals, the smoothed
// curve's band, recalibration by cross-validation, the paired comparison. Each reports progress;
// the host cancels one by terminating the worker.
import { BootstrapInterval, bootstrapEceSteps, bootstrapSmoothEceSteps } from '../core/bootstrap';
import { compareModelsSteps, predictedClasses, ProbabilityMatrix, reliabilityBins } from '../core/calibration';
import { PairedFile, pairedFile, pairedTableOptions, pairFiles } from '../core/calibration/pairedFiles';
import { smoothReliabilityCurveSteps } from '../core/calibration/smoothCurve';
import { readColumns } from '../core/data/columnReader';
import type { Predictions } from '../core/predictions';
import { recalibrateSteps } from '../core/recalibration';
import type { Channel } from '../messaging/channel';
import { buffersOf, withTransfer } from '../messaging/transfer';
import type { ComparisonView, RecalibrationView, SmoothResult } from '../extension/calibration/jobs';
import type { PredictionsPayload } from '../extension/calibration/protocol';
import type {
  CompareRequest,
  EceIntervalRequest,
  RecalibrateRequest,
  SmoothCalibrationRequest,
} from './calibrationJobTypes';
import type { DataWorkerToHost, HostToDataWorker } from './protocol';
import { readBinaryPredictions } from './readAnyPredictions';

type Progress = (fraction: number) => void;

export function serveCalibrationJobs(host: Channel<DataWorkerToHost, HostToDataWorker>): void {
  const progress = throttled((fraction) => host.post({ type: 'progress', fraction }));
  host.handle('eceInterval', (request) => eceInterval(request, progress()));
  host.handle('smoothCalibration', (request) => smoothCalibration(request, progress()));
  host.handle('recalibrate', (request) => recalibration(request, progress()));
  host.handle('comparePredictions', async (request) => {
    const view = await comparison(request, progress());
    return withTransfer(view, buffersOf(view.a.probs, view.a.labels, view.b.probs, view.b.labels));
  });
}

/** A fresh progress reporter per request that posts at most once per percent. */
function throttled(post: Progress): () => Progress {
  return () => {
    let last = -1;
    return (fraction) => {
      if (fraction - last < 0.01 && fraction < 1) return;
      last = fraction;
      post(fraction);
    };
  };
}

/** Runs a step generator to its end, reporting its fractions scaled into [from, from + share]. */
function drain<T>(steps: Generator<number, T>, onProgress: Progress, from = 0, share = 1): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    onProgress(from + share * step.value);
  }
}

/** bootstrapEce of the top label at the panel's bins; a step per resample (at millions of rows each is felt). */
export function eceInterval(request: EceIntervalRequest, onProgress: Progress): BootstrapInterval {
  return drain(bootstrapEceSteps(request.confidence, request.hit, request.bins, 'equal-width', {}, 1), onProgress);
}

export function smoothCalibration(request: SmoothCalibrationRequest, onProgress: Progress): SmoothResult {
  const { confidence, hit } = request;
  // The interval re-chooses σ on every resample; the band refits at one σ: the interval is most of the work.
  const interval = drain(
    bootstrapSmoothEceSteps(confidence, hit, { resamples: request.resamples }),
    onProgress,
    0,
    0.8,
  );
  const curve = drain(
    smoothReliabilityCurveSteps(confidence, hit, { resamples: request.bandResamples }),
    onProgress,
    0.8,
    0.2,
  );
  onProgress(1);
  const { sigma, mesh, mu, lower, upper, density, level, resamples } = curve;
  return { interval, curve: { sigma, mesh, mu, lower, upper, density, level, resamples } };
}

export function recalibration(request: RecalibrateRequest, onProgress: Progress): RecalibrationView {
  const probs: ProbabilityMatrix = { data: request.probs, rows: request.rows, cols: request.cols };
  const outOfFold = new Float64Array(request.probs.length);
  const result = drain(
    recalibrateSteps(probs, request.labels, {
      method: request.method,
      folds: request.folds,
      bins: request.bins,
      file: request.file,
      outOfFold,
    }),
    onProgress,
  );
  onProgress(1);
  const predicted = predictedClasses(probs);
  const before = topOf(request.probs, predicted, request.labels, request.cols);
  const after = topOf(outOfFold, predicted, request.labels, request.cols);
  return {
    method: result.method,
    folds: result.folds,
    bins: result.bins,
    before: result.before,
    after: result.after,
    beforeBins: reliabilityBins(before.confidence, before.hit, request.bins),
    afterBins: reliabilityBins(after.confidence, after.hit, request.bins),
    calibrator: result.calibrator,
    ...(result.temperature !== undefined ? { temperature: result.temperature } : {}),
    warnings: result.warnings,
  };
}

/** The probability of each row's predicted class, and whether that class is the label. */
function topOf(data: Float64Array, predicted: Int32Array, labels: Int32Array, cols: number) {
  const confidence = new Float64Array(predicted.length);
  const hit = new Uint8Array(predicted.length);
  for (let i = 0; i < predicted.length; i++) {
    confidence[i] = data[i * cols + predicted[i]];
    hit[i] = predicted[i] === labels[i] ? 1 : 0;
  }
  return { confidence, hit };
}

export async function comparison(request: CompareRequest, onProgress: Progress): Promise<ComparisonView> {
  const options = { ...request.read, logitsHint: request.logitsHint };
  // Parquet and .npz files have no id column here: their rows are matched by position.
  const read = async ({ bytes, file }: { bytes: Uint8Array; file: string }): Promise<PairedFile> => {
    const binary = await readBinaryPredictions(bytes, file, options);
    if (binary) return { predictions: binary };
    return pairedFile(readColumns(bytes, file, pairedTableOptions(options, request.id)), options, request.id);
  };
  const a = await read(request.a);
  const b = await read(request.b);
  const paired = pairFiles(a, b, request.id !== undefined, request.id);
  const { probs, labels } = a.predictions;
  const result = drain(
    compareModelsSteps(probs, paired.b, labels, { bins: request.bins, resamples: request.resamples }),
    onProgress,
  );
  onProgress(1);
  return {
    fileB: request.b.file,
    matchedBy: paired.matchedBy,
    comparison: result,
    a: payload(a.predictions, probs),
    b: payload(a.predictions, paired.b),
  };
}

/** Predictions as they travel to the panel; `probs` replaces the file's own (B's rows in A's order). */
function payload(p: Predictions, probs: ProbabilityMatrix): PredictionsPayload {
  return {
    classNames: p.classNames,
    labelColumn: p.labelColumn,
    ignoredColumns: p.ignoredColumns,
    softmax: p.softmax,
    format: p.format,
    rows: probs.rows,
    cols: probs.cols,
    probs: Float64Array.from(probs.data),
    labels: Int32Array.from(p.labels),
  };
}
