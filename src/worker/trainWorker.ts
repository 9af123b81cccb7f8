// worker_threads entry: runs a training experiment off the extension host's thread. tfjs and its
// wasm backend live only here (bundled into this file), never in the extension host.
import { runExperiment } from '../core/train/experiment';
import type { HostToTrainWorker, TrainWorkerToHost } from './protocol';
import { serveHost } from './serve';

const host = serveHost<TrainWorkerToHost, HostToTrainWorker>();

host.handle('train', ({ data, config, wasmDir }) =>
  runExperiment(data, config, { wasmDir, onEvent: (event) => host.post({ type: 'event', event }) }),
);
