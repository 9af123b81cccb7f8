// Benchmark: how long a calibration-panel control change takes for a large predictions file.
// Runs the webview's own model and render (every region) in Node: `npm run bench:panel [rows] [classes]`.
import { performance } from 'perf_hooks';
import { readPredictions } from '../src/core/predictions';
import { seededRandom } from '../src/core/random';
import { compareModels } from '../src/core/calibration';
import { CalibrationModel } from '../src/webview/calibration/model';
import { initialState, PanelState } from '../src/webview/calibration/state';
import { renderRegions } from '../src/webview/calibration/view';
import { eceInterval, recalibration, smoothCalibration } from '../src/worker/calibrationJobs';

const rows = Number(process.argv[2] ?? 100_000);
const classes = Number(process.argv[3] ?? 10);

function makeCsv(): string {
  const random = seededRandom(42);
  const header = [...Array.from({ length: classes }, (_, k) => `c${k}`), 'label'].join(',');
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const label = Math.floor(random() * classes);
    const e = Array.from({ length: classes }, (_, k) => Math.exp(3 * (random() + (k === label ? 1 : 0))));
    const s = e.reduce((a, b) => a + b, 0);
    lines.push([...e.map((v) => (v / s).toPrecision(7)), String(label)].join(','));
  }
  return lines.join('\n');
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
}

const csv = makeCsv();
const [predictions, parseMs] = time(() => readPredictions(csv, 'bench.csv'));
const payload = {
  classNames: predictions.classNames,
  labelColumn: predictions.labelColumn,
  ignoredColumns: predictions.ignoredColumns,
  softmax: false,
  format: predictions.format,
  rows: predictions.probs.rows,
  cols: predictions.probs.cols,
  probs: Float64Array.from(predictions.probs.data),
  labels: predictions.labels,
};
const [model, modelMs] = time(() => new CalibrationModel(payload));
console.log(`${rows.toLocaleString()} rows × ${classes} classes, ${(csv.length / 1e6).toFixed(1)} MB of CSV`);
console.log(`parse (once, in the parse worker): ${parseMs.toFixed(0)} ms; model setup: ${modelMs.toFixed(0)} ms`);

const extra = { convention: 'guo', smoothCurve: true } as const;
const base = { bins: 15, scheme: 'equal-width', classIndex: -1, ...extra } as const;

// The smooth ECE's job result and a comparison, as the host would send them (computed here once).
const [smoothResult, smoothMs] = time(() =>
  smoothCalibration(
    {
      type: 'smoothCalibration',
      confidence: model.top.confidence,
      hit: model.top.hit,
      resamples: 10,
      bandResamples: 10,
    },
    () => {},
  ),
);
const other = new CalibrationModel({ ...payload, probs: sharpened(payload.probs) });
const comparison = compareModels(
  { data: payload.probs, rows, cols: classes },
  { data: other.predictions.probs, rows, cols: classes },
  payload.labels,
  { resamples: 2 },
);
const [recal] = time(() =>
  recalibration(
    { type: 'recalibrate', ...payload, method: 'histogram', folds: 2, bins: 15, file: 'bench.csv' },
    () => {},
  ),
);
console.log(`(setup: smooth job with 10 resamples ${smoothMs.toFixed(0)} ms, in the data worker in the panel)`);

const state = (patch: Partial<PanelState>): PanelState => ({
  ...initialState(),
  phase: 'ready',
  reading: false,
  ...patch,
});
const withJobs: Partial<PanelState> = {
  smooth: smoothResult,
  recalibration: recal,
  comparison: { fileB: 'b.csv', matchedBy: 'position', comparison, a: payload, b: other.predictions },
};
const changes: Array<[string, PanelState]> = [
  ['first render (once per file: smooth ECE, sort)', state({ settings: { ...base, smoothCurve: false } })],
  ['bins 15 → 30', state({ settings: { ...base, bins: 30, smoothCurve: false } })],
  ['equal-width → equal-mass', state({ settings: { ...base, bins: 30, scheme: 'equal-mass', smoothCurve: false } })],
  ['top-label → class 3 vs rest', state({ settings: { ...base, bins: 30, scheme: 'equal-mass', classIndex: 3 } })],
  ['class 3 → class 7', state({ settings: { ...base, bins: 30, scheme: 'equal-mass', classIndex: 7 } })],
  ['back to 15 equal-width, top-label', state({ settings: base })],
  ['smooth curve + band over the bins', state({ settings: base, smooth: smoothResult })],
  ['convention → torchmetrics', state({ settings: { ...base, convention: 'torchmetrics' }, smooth: smoothResult })],
  ['convention → netcal', state({ settings: { ...base, convention: 'netcal' }, smooth: smoothResult })],
  ['per-class section opened', state({ settings: base, classesOpen: true })],
  [
    'per-class table sorted by ECE',
    state({ settings: base, classesOpen: true, classSort: { key: 'ece', descending: true } }),
  ],
  ['+ recalibration and comparison shown', state({ settings: base, ...withJobs })],
  ['bins 15 → 20 with everything shown', state({ settings: { ...base, bins: 20 }, ...withJobs, classesOpen: true })],
];
let worst = 0;
for (const [what, panel] of changes) {
  const models = { main: model, ...(panel.comparison ? { compared: other } : {}) };
  const [, ms] = time(() => renderRegions(panel, models, model.view(panel.settings)));
  if (what !== changes[0][0]) worst = Math.max(worst, ms);
  console.log(`render: ${what.padEnd(48)} ${ms.toFixed(1)} ms`);
}
console.log(`slowest re-render after the first: ${worst.toFixed(1)} ms (budget 100 ms)`);
const [, bootMs] = time(() =>
  eceInterval({ type: 'eceInterval', confidence: model.top.confidence, hit: model.top.hit, bins: 15 }, () => {}),
);
console.log(`ECE interval, 1,000 resamples (its job in the data worker, off the page): ${bootMs.toFixed(0)} ms`);

/** Another model's probabilities on the same rows: the same rows, sharper (squared and renormalised). */
function sharpened(probs: Float64Array): Float64Array {
  const out = new Float64Array(probs.length);
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += out[i * classes + k] = probs[i * classes + k] ** 2;
    for (let k = 0; k < classes; k++) out[i * classes + k] /= sum;
  }
  return out;
}
