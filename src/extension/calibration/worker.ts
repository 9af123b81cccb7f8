import { ownBuffer } from '../../messaging/transfer';
import { askDataWorker } from '../dataWorkerClient';
import { CalibrationWorker, FileProblem } from './ports';

/**
 * The calibration panel's data-worker calls: each request in a fresh worker thread, terminated when
 * it settles or its signal aborts (that is how a job is cancelled). The rows travel as transferred
 * buffers: callers hand over arrays of their own.
 */
export function calibrationWorker(distDir: string): CalibrationWorker {
  return {
    parse: (request) => {
      const bytes = ownBuffer(request.bytes);
      return askDataWorker(distDir, { type: 'parsePredictions', ...request, bytes }, FileProblem, {
        transfer: [bytes.buffer as ArrayBuffer],
      });
    },
    interval: (request, { signal, onProgress }) =>
      askDataWorker(distDir, { type: 'eceInterval', ...request }, FileProblem, {
        signal,
        onProgress,
        transfer: [request.confidence.buffer as ArrayBuffer, request.hit.buffer as ArrayBuffer],
      }),
    smooth: (request, { signal, onProgress }) =>
      askDataWorker(distDir, { type: 'smoothCalibration', ...request }, FileProblem, {
        signal,
        onProgress,
        transfer: [request.confidence.buffer as ArrayBuffer, request.hit.buffer as ArrayBuffer],
      }),
    recalibrate: (request, { signal, onProgress }) =>
      askDataWorker(distDir, { type: 'recalibrate', ...request }, FileProblem, {
        signal,
        onProgress,
        transfer: [request.probs.buffer as ArrayBuffer, request.labels.buffer as ArrayBuffer],
      }),
    compare: (request, { signal, onProgress }) => {
      const a = ownBuffer(request.a.bytes);
      const b = ownBuffer(request.b.bytes);
      return askDataWorker(
        distDir,
        { type: 'comparePredictions', ...request, a: { ...request.a, bytes: a }, b: { ...request.b, bytes: b } },
        FileProblem,
        { signal, onProgress, transfer: [a.buffer as ArrayBuffer, b.buffer as ArrayBuffer] },
      );
    },
  };
}
