// worker_threads entry: trains runs off the extension host's (or CLI's) thread, as one worker of a
// pool (src/worker/pool). tfjs and its wasm backend live only here (bundled into this file), never
// in the extension host.
import { serveJobs } from './pool/serveJobs';
import type { HostToTrainWorker, TrainWorkerToHost } from './protocol';
import { serveHost } from './serve';

serveJobs(serveHost<TrainWorkerToHost, HostToTrainWorker>());
