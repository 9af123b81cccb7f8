// worker_threads entry: reads the user's files off the extension host's thread — predictions for
// the calibration panel, datasets (with progress) for training.
import { EncodedDataset, loadDatasetFromBytes } from '../core/data/dataset';
import { memorySource } from '../core/data/byteSource';
import { collectPredictions, openBinaryPredictions } from '../core/data/collectPredictions';
import { DataFileError } from '../core/data/dataFileError';
import { binaryFormatFromName } from '../core/data/fileTypes';
import { readPredictions } from '../core/predictions';
import { buffersOf, withTransfer } from '../messaging/transfer';
import { LOGITS_CHECKBOX_LABEL } from '../extension/calibration/constants';
import type { PredictionsPayload } from '../extension/calibration/protocol';
import type { DataWorkerToHost, HostToDataWorker } from './protocol';
import { serveHost } from './serve';
import { serveCalibrationJobs } from './calibrationJobs';

/** The calibration panel is the only client for predictions: messages name its checkbox, not the CLI's flag. */
const PANEL_LOGITS_HINT = `tick '${LOGITS_CHECKBOX_LABEL}' above`;

const host = serveHost<DataWorkerToHost, HostToDataWorker>();
serveCalibrationJobs(host);

host.handle('parsePredictions', async ({ bytes, file, label, softmax }) => {
  const p = await readAnyPredictions(bytes, file, label, softmax);
  const probs = Float64Array.from(p.probs.data);
  const predictions: PredictionsPayload = {
    classNames: p.classNames,
    labelColumn: p.labelColumn,
    ignoredColumns: p.ignoredColumns,
    softmax: p.softmax,
    format: p.format,
    rows: p.probs.rows,
    cols: p.probs.cols,
    probs,
    labels: p.labels,
  };
  return withTransfer(predictions, buffersOf(probs, p.labels));
});

/** Text formats through the table reader; Parquet and .npz through their streamed sources, collected. */
async function readAnyPredictions(bytes: Uint8Array, file: string, label?: string, softmax?: boolean) {
  const binary = binaryFormatFromName(file);
  if (binary === undefined) return readPredictions(bytes, file, { label, softmax, logitsHint: PANEL_LOGITS_HINT });
  if (binary === 'npy')
    throw new DataFileError(
      file,
      'is one .npy array, without the labels; save probabilities and labels together (numpy.savez(path, probs=p, labels=y)) and open the .npz',
    );
  const source = await openBinaryPredictions(binary, memorySource(bytes), file, {
    label,
    softmax,
    logitsHint: PANEL_LOGITS_HINT,
  });
  return collectPredictions(source);
}

host.handle('loadDataset', async ({ bytes, file, options }) => {
  // Any dataset format: CSV/TSV/JSON/JSONL, Parquet (row group by row group), .npz.
  const dataset = await loadDatasetFromBytes(bytes, file, {
    ...options,
    onProgress: (fraction) => host.post({ type: 'progress', fraction }),
  });
  return withTransfer(dataset, tensorBuffers(dataset));
});

/** The tensors' buffers move to the host instead of being copied. */
function tensorBuffers({ train, validation, test }: EncodedDataset): ArrayBuffer[] {
  return buffersOf(...[train, validation, test].flatMap((split) => [split.x, split.y, split.sourceRows, split.cleanY]));
}
