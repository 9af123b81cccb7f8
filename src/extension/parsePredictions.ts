import * as path from 'path';
import { Worker } from 'worker_threads';
import { isParseResponse, ParseRequest, PredictionsPayload } from '../protocol';

/** A problem with the user's file, already worded for them. */
export class PredictionsFileProblem extends Error {}

/**
 * Parses predictions in a short-lived worker thread, so that a large file never blocks the
 * extension host. Resolves with the payload or rejects with a PredictionsFileProblem.
 */
export function parsePredictionsOffThread(
  distDir: string,
  request: Omit<ParseRequest, 'type'>,
): Promise<PredictionsPayload> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(distDir, 'parseWorker.js'));
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.once('message', (response: unknown) => {
      settle(() => {
        if (!isParseResponse(response)) reject(new Error('the parse worker sent a malformed reply'));
        else if (response.type === 'parsed') resolve(response.predictions);
        else if (response.type === 'dataError') reject(new PredictionsFileProblem(response.message));
        else reject(new Error(`the parse worker failed: ${response.message}`));
      });
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`the parse worker exited with code ${code}`))));
    const own = transferableBytes(request.bytes);
    const message: ParseRequest = { type: 'parsePredictions', ...request, bytes: own };
    worker.postMessage(message, [own.buffer as ArrayBuffer]);
  });
}

/** The bytes with a buffer of their own, to transfer: a copy if they are a view into a larger (possibly pooled) buffer. */
export function transferableBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}
