// worker_threads entry: runs a training experiment off the extension host's thread. tfjs and its
// wasm backend live only here (bundled into this file), never in the extension host.
import { parentPort } from 'worker_threads';
import { runExperiment } from '../core/train/experiment';
import { isTrainRequest, TrainWorkerMessage } from '../protocol';

function post(message: TrainWorkerMessage): void {
  parentPort?.postMessage(message);
}

parentPort?.once('message', (request: unknown) => {
  if (!isTrainRequest(request)) {
    post({ type: 'failed', message: 'the training worker received a malformed request' });
    return;
  }
  runExperiment(request.data, request.config, { wasmDir: request.wasmDir, onEvent: (event) => post({ type: 'event', event }) })
    .then((report) => post({ type: 'done', report }))
    .catch((error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }));
});
