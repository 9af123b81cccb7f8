import * as assert from 'assert';
import { bootstrapEce, type BootstrapInterval } from '../../src/core/bootstrap';
import { calibrationReport, topLabel } from '../../src/core/calibration';
import { calibratorJson } from '../../src/core/recalibration';
import { CalibrationController, suggestedCalibratorName } from '../../src/extension/calibration/controller';
import type { RecalibrationView, SmoothResult } from '../../src/extension/calibration/jobs';
import { CalibrationPorts, FileProblem, WorkerCall } from '../../src/extension/calibration/ports';
import {
  DEFAULT_CALIBRATION_SETTINGS,
  HostToCalibrationWebview,
  PredictionsPayload,
} from '../../src/extension/calibration/protocol';

const URI = 'file:///w/preds.csv';

function payload(rows = 4): PredictionsPayload {
  const probs = new Float64Array(rows * 2);
  const labels = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    probs[i * 2] = i % 2 ? 0.3 : 0.8;
    probs[i * 2 + 1] = 1 - probs[i * 2];
    labels[i] = i % 3 === 0 ? 1 : 0;
  }
  return {
    classNames: ['0', '1'],
    labelColumn: 'label',
    ignoredColumns: [],
    softmax: false,
    format: 'csv',
    rows,
    cols: 2,
    probs,
    labels,
  };
}

/** A deferred promise per call, settled by the test. */
class Pending<T> {
  resolve!: (value: T) => void;
  reject!: (error: unknown) => void;
  readonly promise = new Promise<T>((resolve, reject) => {
    this.resolve = resolve;
    this.reject = reject;
  });
}

function fakes() {
  const posted: HostToCalibrationWebview[] = [];
  const parses: Array<Pending<PredictionsPayload>> = [];
  const smooths: Array<{ call: WorkerCall; done: Pending<SmoothResult> }> = [];
  const intervals: Array<{
    request: { confidence: Float64Array; hit: Uint8Array; bins: number };
    call: WorkerCall;
    done: Pending<BootstrapInterval>;
  }> = [];
  const recals: Array<{
    request: { method: string; folds: number; bins: number };
    call: WorkerCall;
    done: Pending<RecalibrationView>;
  }> = [];
  const saved: Array<{ json: string; python: string }> = [];
  const copied: string[] = [];
  const infos: string[] = [];
  const logged: string[] = [];
  const abortOnSignal = <T>(call: WorkerCall, done: Pending<T>) =>
    call.signal.addEventListener('abort', () => done.reject(new Error('aborted')));
  const ports: CalibrationPorts = {
    post: (m) => posted.push(m),
    log: { info: (line: string) => logged.push(line), warn() {}, error() {} },
    label: (uri) => uri.split('/').pop()!,
    readFile: (uri) =>
      uri.includes('missing')
        ? Promise.reject(new FileProblem('missing.csv no longer exists'))
        : Promise.resolve(new Uint8Array(7)),
    worker: {
      parse: () => {
        const p = new Pending<PredictionsPayload>();
        parses.push(p);
        return p.promise;
      },
      interval: (request, call) => {
        const done = new Pending<BootstrapInterval>();
        abortOnSignal(call, done);
        intervals.push({ request, call, done });
        return done.promise;
      },
      smooth: (_request, call) => {
        const done = new Pending<SmoothResult>();
        abortOnSignal(call, done);
        smooths.push({ call, done });
        return done.promise;
      },
      recalibrate: (request, call) => {
        const done = new Pending<RecalibrationView>();
        abortOnSignal(call, done);
        recals.push({ request, call, done });
        return done.promise;
      },
      compare: () => Promise.reject(new Error('not in these tests')),
    },
    pickExportTheme: () => Promise.resolve('light'),
    saveFigure: () => Promise.resolve(['file:///w/preds.reliability.svg']),
    saveCalibrator: (_uri, files) => {
      saved.push({ json: files.json, python: files.python('preds.calibrator.json') });
      return Promise.resolve(['file:///w/preds.calibrator.json', 'file:///w/preds.py']);
    },
    pickComparisonFile: () => Promise.resolve(undefined),
    copyToClipboard: (text) => {
      copied.push(text);
      return Promise.resolve();
    },
    showError: () => {},
    showInfo: (m) => infos.push(m),
  };
  return { ports, posted, parses, smooths, intervals, recals, saved, copied, infos, logged };
}

/** The panel opened and its file parsed. */
async function loaded(c: CalibrationController, f: ReturnType<typeof fakes>): Promise<void> {
  const load = c.receive({ type: 'ready' });
  await tick();
  f.parses[0].resolve(payload());
  await load;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const types = (posted: HostToCalibrationWebview[]) => posted.map((m) => m.type);

const fit: RecalibrationView = {
  method: 'temperature',
  folds: 5,
  bins: 15,
  before: { ece: 0.1, smoothEce: 0.1, nll: 0.5, brier: 0.3, accuracy: 0.7, rows: 4 },
  after: { ece: 0.05, smoothEce: 0.05, nll: 0.45, brier: 0.28, accuracy: 0.7, rows: 4 },
  beforeBins: [],
  afterBins: [],
  calibrator: { format: 'gamma-ce-calibrator', version: 1, classes: 2, method: 'temperature', temperature: 1.5 },
  temperature: 1.5,
  warnings: [],
};

describe('calibration controller (fakes, no VS Code)', () => {
  it('idle → loading → ready, posting the file and starting the smooth-ECE job', async () => {
    const f = fakes();
    const c = new CalibrationController(f.ports, URI, DEFAULT_CALIBRATION_SETTINGS);
    assert.strictEqual(c.state.phase, 'idle');
    const loading = c.receive({ type: 'ready' });
    await tick();
    assert.strictEqual(c.state.phase, 'loading');
    f.parses[0].resolve(payload());
    await loading;
    assert.strictEqual(c.state.phase, 'ready');
    assert.deepStrictEqual(types(f.posted), ['loading', 'load', 'jobProgress', 'jobProgress']);
    assert.deepStrictEqual(c.state.running, ['interval', 'smooth']);
    f.smooths[0].call.onProgress(0.5);
    assert.deepStrictEqual(f.posted.at(-1), { type: 'jobProgress', job: 'smooth', fraction: 0.5 });
  });

  it('a newer load supersedes an older one and cancels the old data’s jobs', async () => {
    const f = fakes();
    const c = new CalibrationController(f.ports, URI, DEFAULT_CALIBRATION_SETTINGS);
    const first = c.receive({ type: 'ready' });
    await tick();
    const second = c.receive({ type: 'readOptions', read: { label: 'y' } });
    await tick();
    f.parses[1].resolve(payload(6));
    await second;
    f.parses[0].resolve(payload(4));
    await first;
    assert.strictEqual(c.state.rows, 6, 'the older parse, finishing last, is dropped');
    assert.strictEqual(types(f.posted).filter((t) => t === 'load').length, 1);
    assert.strictEqual(c.state.generation, 2);
    // Reloading aborts the running smooth job: its worker is told to stop, the webview hears it.
    const smooth = f.smooths[0];
    const third = c.receive({ type: 'reload' });
    await tick();
    assert.ok(smooth.call.signal.aborted);
    await c.jobSettled('smooth');
    assert.ok(f.posted.some((m) => m.type === 'jobCancelled' && m.job === 'smooth'));
    f.parses[2].resolve(payload());
    await third;
  });

  it("runs the ECE interval in the worker on the file's top-label rows at the panel's bins, again when the bins change", async () => {
    const f = fakes();
    const c = new CalibrationController(f.ports, URI, DEFAULT_CALIBRATION_SETTINGS);
    await loaded(c, f);
    const p = payload();
    const top = topLabel({ data: p.probs, rows: p.rows, cols: p.cols }, p.labels);
    assert.strictEqual(f.intervals.length, 1);
    assert.deepStrictEqual(f.intervals[0].request, { ...top, bins: DEFAULT_CALIBRATION_SETTINGS.bins });
    // Each job gets a copy it can take over: a transfer must not empty the controller's rows.
    f.intervals[0].request.confidence.fill(0);
    void c.receive({ type: 'settings', settings: { ...DEFAULT_CALIBRATION_SETTINGS, scheme: 'equal-mass' } });
    assert.strictEqual(f.intervals.length, 1, 'the interval is of equal-width bins: a scheme change keeps it');
    const first = f.intervals[0];
    void c.receive({ type: 'settings', settings: { ...DEFAULT_CALIBRATION_SETTINGS, bins: 20 } });
    assert.ok(first.call.signal.aborted, 'the interval of the old bin count is dropped');
    assert.deepStrictEqual(f.intervals[1].request, { ...top, bins: 20 });
    const interval = bootstrapEce(top.confidence, top.hit, 20, 'equal-width', { resamples: 50 });
    f.intervals[1].done.resolve(interval);
    await c.jobSettled('interval');
    assert.deepStrictEqual(f.posted.at(-1), { type: 'eceInterval', bins: 20, interval });
    assert.strictEqual(
      f.posted.filter((m) => m.type === 'eceInterval').length,
      1,
      'only the current bin count is posted',
    );
  });

  it('logs a rendered view once: the page re-renders on every job progress, the log only on a change', async () => {
    const f = fakes();
    const c = new CalibrationController(f.ports, URI, DEFAULT_CALIBRATION_SETTINGS, {});
    await loaded(c, f);
    const report = calibrationReport(
      [
        [0.8, 0.2],
        [0.3, 0.7],
      ],
      [0, 0],
      { bins: 15 },
    );
    const view = { settings: DEFAULT_CALIBRATION_SETTINGS, report, viewEce: report.ece };
    const renders = () => f.logged.filter((line) => line.includes(' over 2 rows'));
    for (let i = 0; i < 5; i++) await c.receive({ type: 'rendered', view });
    assert.deepStrictEqual(renders(), [`preds.csv: ECE ${report.ece.toFixed(4)} over 2 rows (15 equal-width bins)`]);
    await c.receive({ type: 'rendered', view: { ...view, settings: { ...view.settings, bins: 10 } } });
    await c.receive({ type: 'rendered', view });
    assert.strictEqual(renders().length, 3);
  });

  it('a file that cannot be read is the error phase with its message', async () => {
    const f = fakes();
    const c = new CalibrationController(f.ports, 'file:///w/missing.csv', DEFAULT_CALIBRATION_SETTINGS);
    await c.receive({ type: 'ready' });
    assert.strictEqual(c.state.phase, 'error');
    assert.deepStrictEqual(f.posted.at(-1), {
      type: 'error',
      file: { uri: 'file:///w/missing.csv', label: 'missing.csv', size: 0 },
      message: 'missing.csv no longer exists',
      read: {},
    });
  });

  it('ignores malformed messages and runs nothing for them', async () => {
    const f = fakes();
    const c = new CalibrationController(f.ports, URI, DEFAULT_CALIBRATION_SETTINGS);
    await c.receive({ type: 'recalibrate', method: 'platt', folds: 5 });
    await c.receive('ready');
    assert.deepStrictEqual(f.posted, []);
    assert.strictEqual(c.state.phase, 'idle');
  });

  it('Recalibrate… runs with the panel’s bins; a second one cancels the first; Cancel stops it', async () => {
    const f = fakes();
    const c = new CalibrationController(f.ports, URI, { ...DEFAULT_CALIBRATION_SETTINGS, bins: 20 });
    await loaded(c, f);
    void c.receive({ type: 'recalibrate', method: 'isotonic', folds: 3 });
    void c.receive({ type: 'recalibrate', method: 'temperature', folds: 5 });
    await tick();
    assert.deepStrictEqual(f.recals[0].request, { ...f.recals[0].request, method: 'isotonic', folds: 3, bins: 20 });
    assert.ok(f.recals[0].call.signal.aborted && !f.recals[1].call.signal.aborted);
    f.recals[1].done.resolve(fit);
    await c.jobSettled('recalibrate');
    assert.deepStrictEqual(f.posted.at(-1), { type: 'recalibrated', result: fit });
    assert.strictEqual(c.state.recalibration, fit);
    void c.receive({ type: 'recalibrate', method: 'histogram', folds: 2 });
    await tick();
    await c.receive({ type: 'cancel', job: 'recalibrate' });
    await c.jobSettled('recalibrate');
    assert.deepStrictEqual(f.posted.at(-1), { type: 'jobCancelled', job: 'recalibrate' });
    assert.strictEqual(c.state.recalibration, fit, 'a cancelled fit leaves the last one');
  });

  it('a failed job says why, in the panel', async () => {
    const f = fakes();
    const c = new CalibrationController(f.ports, URI, DEFAULT_CALIBRATION_SETTINGS);
    await loaded(c, f);
    void c.receive({ type: 'recalibrate', method: 'temperature', folds: 5 });
    await tick();
    f.recals[0].done.reject(new FileProblem('preds.csv: every one of the 4 rows has the same label'));
    await c.jobSettled('recalibrate');
    assert.deepStrictEqual(f.posted.at(-1), {
      type: 'jobFailed',
      job: 'recalibrate',
      message: 'preds.csv: every one of the 4 rows has the same label',
    });
  });

  it('Export writes the calibrator JSON and the lines for the chosen framework; Copy puts them on the clipboard', async () => {
    const f = fakes();
    const c = new CalibrationController(f.ports, URI, DEFAULT_CALIBRATION_SETTINGS);
    await c.receive({ type: 'exportCalibrator', framework: 'numpy' });
    assert.match(f.infos[0], /^Recalibrate first/);
    assert.strictEqual(f.saved.length, 0);
    await loaded(c, f);
    void c.receive({ type: 'recalibrate', method: 'temperature', folds: 5 });
    await tick();
    f.recals[0].done.resolve(fit);
    await c.jobSettled('recalibrate');
    await c.receive({ type: 'exportCalibrator', framework: 'pytorch' });
    assert.strictEqual(f.saved[0].json, calibratorJson(fit.calibrator));
    assert.match(f.saved[0].python, /^import json\nimport torch\n\nwith open\("preds\.calibrator\.json"\) as f:/);
    assert.deepStrictEqual(c.state.lastExport, ['file:///w/preds.calibrator.json', 'file:///w/preds.py']);
    await c.receive({ type: 'copySnippet', framework: 'jax' });
    assert.match(f.copied[0], /jax\.nn\.softmax/);
    assert.strictEqual(suggestedCalibratorName('file:///w/my%20preds.csv'), 'my preds.calibrator.json');
  });

  it('after dispose nothing more is posted and the jobs are aborted', async () => {
    const f = fakes();
    const c = new CalibrationController(f.ports, URI, DEFAULT_CALIBRATION_SETTINGS);
    await loaded(c, f);
    const before = f.posted.length;
    c.dispose();
    assert.ok(f.smooths[0].call.signal.aborted);
    await c.jobSettled('smooth');
    assert.strictEqual(f.posted.length, before);
  });
});
