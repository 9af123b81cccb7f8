// worker_threads entry: reads and encodes a dataset off the extension host's thread, reporting progress.
import { parentPort } from 'worker_threads';
import { DataFileError } from '../core/data/dataFileError';
import { EncodedDataset, loadDataset } from '../core/data/dataset';
import { DatasetResponse, isDatasetRequest } from '../protocol';

parentPort?.on('message', (message: unknown) => {
  if (!isDatasetRequest(message)) {
    reply({ type: 'crashed', message: 'the dataset worker received a malformed request' });
    return;
  }
  try {
    const dataset = loadDataset(message.bytes, message.file, {
      ...message.options,
      onProgress: (fraction) => reply({ type: 'progress', fraction }),
    });
    parentPort?.postMessage({ type: 'loaded', dataset } satisfies DatasetResponse, buffersOf(dataset));
  } catch (error) {
    if (error instanceof DataFileError) reply({ type: 'dataError', message: error.message, location: error.location });
    else reply({ type: 'crashed', message: error instanceof Error ? error.message : String(error) });
  }
});

/** The tensors' buffers move to the host instead of being copied. */
function buffersOf(dataset: EncodedDataset): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const split of [dataset.train, dataset.validation, dataset.test]) {
    for (const array of [split.x, split.y, split.sourceRows, split.cleanY]) if (array) buffers.add(array.buffer as ArrayBuffer);
  }
  return [...buffers];
}

function reply(response: DatasetResponse): void {
  parentPort?.postMessage(response);
}
