// worker_threads entry: reads the user's files off the extension host's thread — predictions for
// the calibration panel, datasets (with progress) for training.
import { EncodedDataset, loadDatasetFromBytes } from '../core/data/dataset';
import { buffersOf, withTransfer } from '../messaging/transfer';
import { LOGITS_CHECKBOX_LABEL } from '../extension/calibration/constants';
import type { PredictionsPayload } from '../extension/calibration/protocol';
import type { DataWorkerToHost, HostToDataWorker } from './protocol';
import { serveHost } from './serve';
import { serveCalibrationJobs } from './calibrationJobs';
import { readAnyPredictions } from './readAnyPredictions';

/** The calibration panel is the only client for predictions: messages name its checkbox, not the CLI's flag. */
const PANEL_LOGITS_HINT = `tick '${LOGITS_CHECKBOX_LABEL}' above`;

const host = serveHost<DataWorkerToHost, HostToDataWorker>();
serveCalibrationJobs(host);

host.handle('parsePredictions', async ({ bytes, file, label, softmax }) => {
  const p = await readAnyPredictions(bytes, file, { label, softmax, logitsHint: PANEL_LOGITS_HINT });
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
