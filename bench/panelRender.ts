// Benchmark: how long a calibration-panel control change takes for a large predictions file.
// Runs the webview's own model and chart code in Node: `npm run bench:panel [rows] [classes]`.
import { performance } from 'perf_hooks';
import { bootstrapEce } from '../src/core/bootstrap';
import { readPredictions } from '../src/core/predictions';
import { seededRandom } from '../src/core/random';
import type { CalibrationSettings } from '../src/extension/calibration/protocol';
import { confidenceHistogramSvg, reliabilityDiagramSvg } from '../src/webview/shared/charts';
import { CalibrationModel } from '../src/webview/calibration/model';

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
const changes: Array<[string, CalibrationSettings]> = [
  ['first render, 15 equal-width bins', { bins: 15, scheme: 'equal-width', classIndex: -1, ...extra }],
  ['bins 15 → 30', { bins: 30, scheme: 'equal-width', classIndex: -1, ...extra }],
  ['equal-width → equal-mass', { bins: 30, scheme: 'equal-mass', classIndex: -1, ...extra }],
  ['top-label → class 3 vs rest', { bins: 30, scheme: 'equal-mass', classIndex: 3, ...extra }],
  ['class 3 → class 7', { bins: 30, scheme: 'equal-mass', classIndex: 7, ...extra }],
  ['back to 15 equal-width, top-label', { bins: 15, scheme: 'equal-width', classIndex: -1, ...extra }],
];
for (const [what, settings] of changes) {
  const [, ms] = time(() => {
    const view = model.view(settings);
    const labels = { title: 't', xLabel: 'x', yLabel: 'y' };
    reliabilityDiagramSvg(view.bins, labels);
    confidenceHistogramSvg(view.histogram, view.meanHit, view.meanConfidence, labels);
  });
  console.log(`control change: ${what.padEnd(36)} ${ms.toFixed(1)} ms`);
}
const [, bootMs] = time(() => bootstrapEce(model.top.confidence, model.top.hit, 15));
console.log(`bootstrap ECE interval, 1,000 resamples (runs after the render, in slices): ${bootMs.toFixed(0)} ms`);
