// worker_threads entry: trains runs off the extension host's (or CLI's) thread, as one worker of a
// pool (src/worker/pool): a classifier experiment's runs, or a language model's. tfjs and its wasm
// backend live only here (bundled into this file), never in the extension host.
import { serveJobs } from './pool/serveJobs';
import { serveLmJobs } from './pool/serveLmJobs';
import type { HostToTrainWorker, TrainWorkerToHost } from './protocol';
import { serveHost } from './serve';

const host = serveHost<TrainWorkerToHost, HostToTrainWorker>();
serveJobs(host);
serveLmJobs(host);
