// worker_threads entry: parses a predictions file off the extension host's thread.
import { parentPort } from 'worker_threads';
import { DataFileError } from '../core/data/dataFileError';
import { readPredictions } from '../core/predictions';
import { isParseRequest, LOGITS_CHECKBOX_LABEL, ParseResponse } from '../protocol';

/** The calibration panel is this worker's only client: its messages name the panel's checkbox, not the CLI's flag. */
const PANEL_LOGITS_HINT = `tick '${LOGITS_CHECKBOX_LABEL}' above`;

parentPort?.on('message', (message: unknown) => {
  if (!isParseRequest(message)) {
    reply({ type: 'crashed', message: 'the parse worker received a malformed request' });
    return;
  }
  try {
    const p = readPredictions(message.bytes, message.file, { label: message.label, softmax: message.softmax, logitsHint: PANEL_LOGITS_HINT });
    const probs = Float64Array.from(p.probs.data);
    const response: ParseResponse = {
      type: 'parsed',
      predictions: {
        classNames: p.classNames,
        labelColumn: p.labelColumn,
        ignoredColumns: p.ignoredColumns,
        softmax: p.softmax,
        format: p.format,
        rows: p.probs.rows,
        cols: p.probs.cols,
        probs,
        labels: p.labels,
      },
    };
    parentPort?.postMessage(response, [probs.buffer as ArrayBuffer, p.labels.buffer as ArrayBuffer]);
  } catch (error) {
    if (error instanceof DataFileError) reply({ type: 'dataError', message: error.message, location: error.location });
    else reply({ type: 'crashed', message: error instanceof Error ? error.message : String(error) });
  }
});

function reply(response: ParseResponse): void {
  parentPort?.postMessage(response);
}
