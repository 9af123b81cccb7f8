import { ownBuffer } from '../messaging/transfer';
import type { PredictionsPayload } from './calibration/protocol';
import type { ParsePredictionsRequest } from '../worker/protocol';
import { askDataWorker } from './dataWorkerClient';

/** A problem with the user's file, already worded for them. */
export class PredictionsFileProblem extends Error {}

/**
 * Parses predictions in a short-lived worker thread, so that a large file never blocks the
 * extension host. Resolves with the payload or rejects with a PredictionsFileProblem.
 */
export function parsePredictionsOffThread(
  distDir: string,
  request: Omit<ParsePredictionsRequest, 'type'>,
): Promise<PredictionsPayload> {
  const bytes = ownBuffer(request.bytes);
  return askDataWorker(distDir, { type: 'parsePredictions', ...request, bytes }, PredictionsFileProblem, {
    transfer: [bytes.buffer as ArrayBuffer],
  });
}
