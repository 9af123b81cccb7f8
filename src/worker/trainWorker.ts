// worker_threads entry: runs a training experiment off the extension host's thread. tfjs and its
// wasm backend live only here (bundled into this file), never in the extension host.
import { readColumns } from '../core/data/columnReader';
import { runExperiment } from '../core/train/experiment';
import { tableSeedSource } from '../core/train/seedData';
import { runSeedStudy } from '../core/train/seedStudy';
import type { HostToTrainWorker, TrainWorkerToHost } from './protocol';
import { serveHost } from './serve';

const host = serveHost<TrainWorkerToHost, HostToTrainWorker>();

host.handle('train', ({ data, config, wasmDir }) =>
  runExperiment(data, config, { wasmDir, onEvent: (event) => host.post({ type: 'event', event }) }),
);

host.handle('study', ({ bytes, fileName, options, config, wasmDir }) => {
  const { label, strict, format, maxBytes } = options;
  const table = readColumns(bytes, fileName, { label, strict, format, maxBytes });
  return runSeedStudy(tableSeedSource(table, options), config, {
    wasmDir,
    noise: options.noise,
    onEvent: (event) => host.post({ type: 'event', event }),
  });
});
