import * as assert from 'assert';
import {
  calibrationReport,
  classConfidence,
  ClassRow,
  reliabilityBins,
  Comparison,
  conventionCalibration,
  smoothReliabilityCurve,
} from '../../src/core/calibration';
import { bootstrapSmoothEce } from '../../src/core/bootstrap';
import type { PredictionsPayload } from '../../src/extension/calibration/protocol';
import { sortClasses, comparisonResult } from '../../src/webview/calibration/jobViews';
import { CalibrationModel } from '../../src/webview/calibration/model';
import { applyJobMessage, initialState, PanelState, toggleSort } from '../../src/webview/calibration/state';
import { Store } from '../../src/webview/calibration/store';
import { renderRegions } from '../../src/webview/calibration/view';
import { readRealFile } from './pythonReference';

const file = readRealFile('samples/predictions/overconfident-digits.csv');
const payload: PredictionsPayload = {
  classNames: file.classNames,
  labelColumn: file.labelColumn,
  ignoredColumns: file.ignoredColumns,
  softmax: false,
  format: file.format,
  rows: file.probs.rows,
  cols: file.probs.cols,
  probs: Float64Array.from(file.probs.data),
  labels: file.labels,
};
const model = new CalibrationModel(payload);
const ready = (patch: Partial<PanelState> = {}): PanelState => ({
  ...initialState(),
  phase: 'ready',
  reading: false,
  ...patch,
});
/** The number a metric cell carries, as the UI tests read it. */
const cell = (html: string, id: string) => Number(new RegExp(`id="${id}"[^>]*data-value="([^"]+)"`).exec(html)?.[1]);

describe('calibration webview: model and view (Node)', function () {
  this.timeout(60000);

  it('the metrics region shows the report and, once the job is done, the smooth ECE interval', () => {
    const state = ready();
    const result = model.view(state.settings);
    const report = calibrationReport(file.probs, file.labels, { bins: state.settings.bins });
    let regions = renderRegions(state, { main: model }, result);
    assert.strictEqual(cell(regions.metrics, 'metric-smooth-ece'), report.smoothEce);
    assert.strictEqual(cell(regions.metrics, 'metric-ece'), report.ece);
    assert.match(regions.metrics, /id="metric-smooth-ece"[^>]*>[0-9.]+ <span class="muted">± …<\/span>/);
    const top = model.top;
    const interval = bootstrapSmoothEce(top.confidence, top.hit, { resamples: 20 });
    const curve = smoothReliabilityCurve(top.confidence, top.hit, { resamples: 10 });
    const smoothed = applyJobMessage(state, { type: 'smooth', result: { interval, curve } });
    regions = renderRegions({ ...state, ...smoothed }, { main: model }, result);
    assert.ok(regions.metrics.includes(`${report.smoothEce.toFixed(4)} ± ${interval.halfWidth.toFixed(4)}`));
    assert.match(regions.diagram, /class="smooth-curve"/);
    assert.match(regions.diagram, /class="smooth-band" fill-opacity/);
    // Switched off, or on a one-vs-rest view (the curve is the top label's), the diagram has no curve.
    const off = { ...state, ...smoothed, settings: { ...state.settings, smoothCurve: false } };
    assert.doesNotMatch(renderRegions(off, { main: model }, model.view(off.settings)).diagram, /smooth-curve/);
    const oneVsRest = { ...state, ...smoothed, settings: { ...state.settings, classIndex: 2 } };
    assert.doesNotMatch(
      renderRegions(oneVsRest, { main: model }, model.view(oneVsRest.settings)).diagram,
      /smooth-curve/,
    );
  });

  it("the model's report is calibrationReport's, value for value, at every bin count and scheme", () => {
    const m = new CalibrationModel(payload);
    for (const bins of [15, 7, 30, 15]) {
      const want = calibrationReport(file.probs, file.labels, { bins });
      for (const scheme of ['equal-mass', 'equal-width'] as const) {
        const view = m.view({ ...initialState().settings, bins, scheme });
        assert.deepStrictEqual(view.report, want);
        assert.deepStrictEqual(view.bins, reliabilityBins(m.top.confidence, m.top.hit, bins, scheme));
      }
      const oneVsRest = m.view({ ...initialState().settings, bins, scheme: 'equal-mass', classIndex: 4 });
      const k4 = classConfidence(file.probs, file.labels, 4);
      assert.deepStrictEqual(oneVsRest.bins, reliabilityBins(k4.confidence, k4.hit, bins, 'equal-mass'));
    }
  });

  it("the convention select adds that library's ECE and MCE and says what it bins differently", () => {
    for (const convention of ['torchmetrics', 'netcal'] as const) {
      const state = ready({ settings: { ...initialState().settings, convention, bins: 10 } });
      const regions = renderRegions(state, { main: model }, model.view(state.settings));
      const want = conventionCalibration(file.probs, file.labels, convention, 10);
      assert.strictEqual(cell(regions.metrics, 'metric-convention-ece'), want.ece);
      assert.strictEqual(cell(regions.metrics, 'metric-convention-mce'), want.mce);
      assert.match(regions['convention-note'], convention === 'netcal' ? /^netcal 1\.3: / : /^torchmetrics 1\.9: /);
    }
    const ours = ready();
    assert.doesNotMatch(renderRegions(ours, { main: model }, model.view(ours.settings)).metrics, /metric-convention/);
  });

  it('a convention that would refuse the file says so in its row', () => {
    const binaryLabels: PredictionsPayload = { ...payload, labels: payload.labels.map((y) => (y === 0 ? 0 : 1)) };
    const m = new CalibrationModel(binaryLabels);
    const state = ready({ settings: { ...initialState().settings, convention: 'netcal' } });
    const html = renderRegions(state, { main: m }, m.view(state.settings)).metrics;
    assert.match(html, /netcal would refuse this file: the labels take at most two values/);
  });

  it('the per-class table sorts by any column, ties by class, and marks the chosen class', () => {
    const rows: ClassRow[] = model.classes(15);
    const byEce = sortClasses(rows, { key: 'ece', descending: true }).map((r) => r.ece);
    assert.deepStrictEqual(
      byEce,
      [...rows.map((r) => r.ece)].sort((a, b) => b - a),
    );
    assert.deepStrictEqual(
      sortClasses(rows, { key: 'class', descending: false }).map((r) => r.classIndex),
      rows.map((_, k) => k),
    );
    assert.deepStrictEqual(toggleSort({ key: 'class', descending: false }, 'support'), {
      key: 'support',
      descending: true,
    });
    assert.deepStrictEqual(toggleSort({ key: 'support', descending: true }, 'support'), {
      key: 'support',
      descending: false,
    });
    const state = ready({ settings: { ...initialState().settings, classIndex: 3 }, classesOpen: true });
    assert.strictEqual(
      renderRegions({ ...state, classesOpen: false }, { main: model }, model.view(state.settings)).classes,
      '',
    );
    const html = renderRegions(state, { main: model }, model.view(state.settings)).classes;
    assert.strictEqual((html.match(/class="selected"/g) ?? []).length, 1);
    assert.match(
      html,
      /<tr class="selected"><th scope="row"><button type="button" class="link" data-class="3" aria-pressed="true">/,
    );
    const supports = rows.reduce((s, r) => s + r.support, 0);
    assert.strictEqual(supports, file.probs.rows);
  });

  it('a difference is coloured only when its interval excludes 0 (lower is better but for accuracy)', () => {
    const metrics = { accuracy: 0.8, ece: 0.1, smoothEce: 0.1, nll: 0.5, brier: 0.3 };
    const comparison: Comparison = {
      rows: 10,
      a: metrics,
      b: metrics,
      resamples: 100,
      seed: 1,
      level: 0.95,
      bins: 15,
      differences: {
        accuracy: { mean: 0.05, low: 0.01, high: 0.09 },
        ece: { mean: -0.02, low: -0.03, high: -0.01 },
        smoothEce: { mean: -0.01, low: -0.02, high: 0.005 },
        nll: { mean: 0.1, low: 0.05, high: 0.2 },
        brier: { mean: 0, low: 0, high: 0 },
      },
    };
    const state = ready({ comparison: { fileB: 'b.csv', matchedBy: 'position', comparison, a: payload, b: payload } });
    const html = comparisonResult(state);
    const cls = (m: string) => new RegExp(`id="diff-${m}" class="(\\w+)"`).exec(html)?.[1];
    assert.deepStrictEqual(['accuracy', 'ece', 'smoothEce', 'nll', 'brier'].map(cls), [
      'better',
      'better',
      'same',
      'worse',
      'same',
    ]);
  });

  it('the store renders once for several updates, with the last state', () => {
    const queued: Array<() => void> = [];
    const store = new Store({ a: 1, b: 1 }, (run) => queued.push(run));
    const seen: Array<{ a: number; b: number }> = [];
    store.subscribe((s) => seen.push(s));
    store.update({ a: 2 });
    store.update((s) => ({ b: s.a + 1 }));
    assert.strictEqual(queued.length, 1);
    queued[0]();
    assert.deepStrictEqual(seen, [{ a: 2, b: 3 }]);
  });
});
