import { buildCorpus } from '../../core/lm/corpus';
import { lmRunSpecs, trainLmRun } from '../../core/lm/run';
import { useBackend } from '../../core/train/backend';
import type { Channel } from '../../messaging/channel';
import type { HostToTrainWorker, TrainWorkerToHost } from '../protocol';

/**
 * A worker's side of the language-model job: one run of the experiment, on the corpus the worker
 * builds from the files' text itself (the same corpus, batches and weights as in-process).
 */
export function serveLmJobs(host: Channel<TrainWorkerToHost, HostToTrainWorker>): void {
  host.handle('lmJob', async ({ files, config, run, backend, wasmDir }) => {
    const used = await useBackend(backend, wasmDir);
    const corpus = buildCorpus(files, config.context);
    const spec = lmRunSpecs(config)[run];
    if (!spec) throw new Error(`no run ${run} in this experiment`);
    const outcome = await trainLmRun(corpus, config, spec, {
      onPoint: (point) => host.post({ type: 'lmPoint', run, point }),
    });
    return { backend: used, report: outcome.report, predictions: outcome.predictions };
  });
}
