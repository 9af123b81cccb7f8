import * as assert from 'assert';
import { calibrationReport } from '../../src/core/calibration';
import {
  CalibrationWebviewToHost,
  DEFAULT_CALIBRATION_SETTINGS,
  MAX_BINS,
  MAX_FOLDS,
  MIN_BINS,
  MIN_FOLDS,
  parseCalibrationWebviewMessage,
  restoreCalibrationPanelState,
} from '../../src/extension/calibration/protocol';
import { acceptsAll, refusesAll, Refused } from './protocolCases';

const settings = DEFAULT_CALIBRATION_SETTINGS;
const probs = [
  [0.2, 0.7, 0.1],
  [0.6, 0.3, 0.1],
  [0.1, 0.1, 0.8],
  [0.34, 0.33, 0.33],
];
const report = calibrationReport(probs, [1, 0, 1, 2], { bins: 10 });
/** Every row confidently wrong: ECE, MCE and Brier at their largest. */
const worst = calibrationReport(
  [
    [1, 0],
    [0, 1],
  ],
  [1, 0],
  { bins: MAX_BINS },
);
const view = { settings, report, viewEce: report.ece };
const png = Buffer.from('\x89PNG\r\n').toString('base64');

const accepts = (messages: unknown[]) => acceptsAll(parseCalibrationWebviewMessage, messages);
const refuses = (cases: Refused[]) => refusesAll(parseCalibrationWebviewMessage, cases);

describe('calibration channel: webview → host', () => {
  it('ready, reload, exportRequested: exactly the type', () => {
    accepts([{ type: 'ready' }, { type: 'reload' }, { type: 'exportRequested' }]);
    refuses([
      [{ type: 'ready', then: 'delete' }, /^message: Unrecognized key: "then"/],
      [{ type: 'Ready' }, /^type: Invalid discriminator/],
      [{ type: 'openFile', path: '/etc/passwd' }, /^type: Invalid discriminator/],
      [{}, /^type: Invalid discriminator/],
      [null, /^message: Invalid input/],
      ['ready', /^message: Invalid input/],
      [['ready'], /^message: Invalid input/],
    ]);
  });

  it(`settings: ${MIN_BINS}–${MAX_BINS} whole bins, a known scheme, a class index ≥ −1`, () => {
    accepts([
      { type: 'settings', settings },
      { type: 'settings', settings: { ...settings, bins: MIN_BINS, scheme: 'equal-mass', classIndex: 3 } },
      { type: 'settings', settings: { ...settings, bins: MAX_BINS, convention: 'torchmetrics', smoothCurve: false } },
    ]);
    refuses([
      [{ type: 'settings', settings: { ...settings, bins: MIN_BINS - 1 } }, /^settings\.bins: Too small/],
      [{ type: 'settings', settings: { ...settings, bins: MAX_BINS + 1 } }, /^settings\.bins: Too big/],
      [{ type: 'settings', settings: { ...settings, bins: 10.5 } }, /^settings\.bins: Invalid input: expected int/],
      [{ type: 'settings', settings: { ...settings, bins: '10' } }, /^settings\.bins: Invalid input: expected number/],
      [{ type: 'settings', settings: { ...settings, scheme: 'quantile' } }, /^settings\.scheme: Invalid option/],
      [{ type: 'settings', settings: { ...settings, classIndex: -2 } }, /^settings\.classIndex: Too small/],
      [{ type: 'settings', settings: { bins: 15, scheme: 'equal-width' } }, /^settings\.classIndex: Invalid input/],
      [{ type: 'settings' }, /^settings: Invalid input/],
      [{ type: 'settings', settings: { ...settings, colour: 'red' } }, /^settings: Unrecognized key: "colour"/],
      [{ type: 'settings', settings: { ...settings, convention: 'sklearn' } }, /^settings\.convention: Invalid option/],
      [{ type: 'settings', settings: { ...settings, smoothCurve: 1 } }, /^settings\.smoothCurve: Invalid input/],
    ]);
  });

  it('rendered: the whole report, as the core computes it, with every number in range', () => {
    accepts([
      { type: 'rendered', view },
      { type: 'rendered', view: { settings: { ...settings, bins: MAX_BINS }, report: worst, viewEce: worst.ece } },
    ]);
    assert.strictEqual(worst.ece, 1, 'the largest ECE is accepted');
    const bin = report.bins[0];
    refuses([
      [{ type: 'rendered', view: { ...view, viewEce: '0.1' } }, /^view\.viewEce: Invalid input: expected number/],
      [{ type: 'rendered', view: { ...view, viewEce: 1.5 } }, /^view\.viewEce: Too big/],
      [{ type: 'rendered', view: { ...view, report: { ...report, ece: -0.1 } } }, /^view\.report\.ece: Too small/],
      [{ type: 'rendered', view: { ...view, report: { ...report, brier: 2.5 } } }, /^view\.report\.brier: Too big/],
      [
        { type: 'rendered', view: { ...view, report: { ...report, n: 3.5 } } },
        /^view\.report\.n: Invalid input: expected int/,
      ],
      [
        { type: 'rendered', view: { ...view, report: { ...report, nll: null } } },
        /^view\.report\.nll: Invalid input: expected number/,
      ],
      [
        { type: 'rendered', view: { ...view, report: { ...report, bins: [{ ...bin, count: -1 }] } } },
        /^view\.report\.bins\.0\.count: Too small/,
      ],
      [
        { type: 'rendered', view: { ...view, report: { ...report, bins: [{ ...bin, upper: 2 }] } } },
        /^view\.report\.bins\.0\.upper: Too big/,
      ],
      [
        { type: 'rendered', view: { ...view, report: { ...report, bins: Array(MAX_BINS + 1).fill(bin) } } },
        /^view\.report\.bins: Too big/,
      ],
      [{ type: 'rendered', view: { ...view, report: { ece: 0.1, n: 3 } } }, /^view\.report\.mce: Invalid input/],
      [
        { type: 'rendered', view: { ...view, report: { ...report, script: '<script>' } } },
        /^view\.report: Unrecognized key: "script"/,
      ],
      [{ type: 'rendered', view: { settings, report } }, /^view\.viewEce: Invalid input/],
      [{ type: 'rendered', view, extra: 1 }, /^message: Unrecognized key: "extra"/],
    ]);
  });

  it('readOptions: an optional label column of 1–200 characters and an optional softmax flag', () => {
    accepts([
      { type: 'readOptions', read: {} },
      { type: 'readOptions', read: { label: 'y', softmax: false } },
      { type: 'readOptions', read: { label: 'x'.repeat(200), softmax: true } },
    ]);
    refuses([
      [{ type: 'readOptions', read: { label: '' } }, /^read\.label: Too small/],
      [{ type: 'readOptions', read: { label: 'x'.repeat(201) } }, /^read\.label: Too big/],
      [{ type: 'readOptions', read: { label: 3 } }, /^read\.label: Invalid input: expected string/],
      [{ type: 'readOptions', read: { softmax: 'yes' } }, /^read\.softmax: Invalid input: expected boolean/],
      [{ type: 'readOptions' }, /^read: Invalid input/],
      [{ type: 'readOptions', read: { label: 'y', delimiter: ';' } }, /^read: Unrecognized key: "delimiter"/],
    ]);
  });

  it('export: SVG markup, a base64 PNG and a metrics object', () => {
    accepts([
      { type: 'export', svg: '<svg xmlns="http://www.w3.org/2000/svg"/>', png, metrics: { file: 'p.csv', report } },
      { type: 'export', svg: '<svg/>', png: '', metrics: {} },
    ]);
    refuses([
      [
        { type: 'export', svg: '<script>alert(1)</script>', png, metrics: {} },
        /^svg: Invalid string: must start with "<svg"/,
      ],
      [{ type: 'export', svg: 7, png, metrics: {} }, /^svg: Invalid input: expected string/],
      [{ type: 'export', svg: `<svg${' '.repeat(50_000_000)}`, png, metrics: {} }, /^svg: Too big/],
      [{ type: 'export', svg: '<svg/>', png: 'not base64!', metrics: {} }, /^png: Invalid base64/],
      [{ type: 'export', svg: '<svg/>', png: `${png}\u0000`, metrics: {} }, /^png: Invalid base64/],
      [{ type: 'export', svg: '<svg/>', png, metrics: [] }, /^metrics: Invalid input: expected record/],
      [{ type: 'export', svg: '<svg/>', png }, /^metrics: Invalid input/],
      [{ type: 'export', svg: '<svg/>', png, metrics: {}, path: '/etc/passwd' }, /^message: Unrecognized key: "path"/],
    ]);
  });

  it('exportFailed and log: bounded text, a known level', () => {
    accepts([
      { type: 'exportFailed', message: 'no canvas' },
      { type: 'log', level: 'info', message: 'x' },
      { type: 'log', level: 'warn', message: '' },
      { type: 'log', level: 'error', message: 'x'.repeat(10_000) },
    ]);
    refuses([
      [{ type: 'exportFailed' }, /^message: Invalid input: expected string/],
      [{ type: 'exportFailed', message: { text: 'x' } }, /^message: Invalid input: expected string/],
      [{ type: 'exportFailed', message: 'x', stack: 'y' }, /^message: Unrecognized key: "stack"/],
      [{ type: 'log', level: 'debug', message: 'x' }, /^level: Invalid option/],
      [{ type: 'log', level: 'info', message: 'x'.repeat(10_001) }, /^message: Too big/],
      [{ type: 'log', message: 'x' }, /^level: Invalid option/],
    ]);
  });

  it('recalibrate, exportCalibrator, copySnippet, compare, cancel: the jobs of the panel', () => {
    accepts([
      { type: 'recalibrate', method: 'temperature', folds: 5 },
      { type: 'recalibrate', method: 'isotonic', folds: MIN_FOLDS },
      { type: 'recalibrate', method: 'histogram', folds: MAX_FOLDS },
      { type: 'exportCalibrator', framework: 'numpy' },
      { type: 'copySnippet', framework: 'jax' },
      { type: 'compare', pick: true },
      { type: 'compare', pick: false, id: 'row_id' },
      { type: 'cancel', job: 'compare' },
    ]);
    refuses([
      [{ type: 'recalibrate', method: 'platt', folds: 5 }, /^method: Invalid option/],
      [{ type: 'recalibrate', method: 'temperature', folds: 1 }, /^folds: Too small/],
      [{ type: 'recalibrate', method: 'temperature', folds: MAX_FOLDS + 1 }, /^folds: Too big/],
      [{ type: 'recalibrate', method: 'temperature' }, /^folds: Invalid input/],
      [{ type: 'copySnippet', framework: 'tensorflow' }, /^framework: Invalid option/],
      [{ type: 'compare', pick: true, id: '' }, /^id: Too small/],
      [{ type: 'compare', pick: true, id: 'x'.repeat(201) }, /^id: Too big/],
      [{ type: 'compare', id: 'id' }, /^pick: Invalid input/],
      [{ type: 'cancel', job: 'train' }, /^job: Invalid option/],
      [{ type: 'exportCalibrator', framework: 'numpy', path: '/etc/passwd' }, /^message: Unrecognized key: "path"/],
    ]);
  });

  it('the parsed message is the message itself, typed', () => {
    const message: CalibrationWebviewToHost = {
      type: 'settings',
      settings: { bins: 20, scheme: 'equal-mass', classIndex: 1, convention: 'netcal', smoothCurve: false },
    };
    const parsed = parseCalibrationWebviewMessage(JSON.parse(JSON.stringify(message)));
    assert.ok(parsed.ok);
    assert.deepStrictEqual(parsed.value, message);
  });
});

describe('calibration channel: restored state', () => {
  const uri = 'file:///w/predictions.csv';

  it('restores what the webview saved', () => {
    const saved = {
      uri,
      settings: { bins: 30, scheme: 'equal-mass', classIndex: 2, convention: 'netcal', smoothCurve: false },
      read: { label: 'y', softmax: true },
    };
    assert.deepStrictEqual(restoreCalibrationPanelState(saved), saved);
    // Saved before the convention and the smooth curve existed: those take their defaults, the rest is kept.
    assert.deepStrictEqual(
      restoreCalibrationPanelState({ uri, settings: { bins: 30, scheme: 'equal-mass', classIndex: 2 } })?.settings,
      { bins: 30, scheme: 'equal-mass', classIndex: 2, convention: 'guo', smoothCurve: true },
    );
    assert.deepStrictEqual(restoreCalibrationPanelState({ uri, settings: saved.settings }), {
      uri,
      settings: saved.settings,
      read: {},
    });
  });

  it('an older or damaged state keeps its file and falls back to the default settings and read options', () => {
    const defaults = { uri, settings: DEFAULT_CALIBRATION_SETTINGS, read: {} };
    for (const saved of [
      { uri },
      { uri, bins: 15, scheme: 'equal-width' },
      { uri, settings: { bins: 500, scheme: 'equal-width', classIndex: -1 } },
      { uri, settings: { bins: 15, scheme: 'quantile', classIndex: -1 } },
      { uri, settings: 'wide', read: { label: '' } },
      { uri, settings: null, read: { softmax: 'yes' }, version: 0 },
      { uri, settings: { ...DEFAULT_CALIBRATION_SETTINGS, theme: 'dark' }, read: [] },
    ]) {
      assert.deepStrictEqual(restoreCalibrationPanelState(saved), defaults, JSON.stringify(saved));
    }
    const fallback = restoreCalibrationPanelState({ uri })!;
    fallback.settings.bins = 40;
    assert.strictEqual(DEFAULT_CALIBRATION_SETTINGS.bins, 15, 'the defaults are copied, never shared');
  });

  it('a state that names no file is refused (the panel closes)', () => {
    for (const saved of [
      undefined,
      null,
      0,
      'file:///w/p.csv',
      [],
      {},
      { uri: 3 },
      { uri: '' },
      { uri: 'no scheme' },
      { settings: DEFAULT_CALIBRATION_SETTINGS },
    ]) {
      assert.strictEqual(restoreCalibrationPanelState(saved), undefined, JSON.stringify(saved));
    }
  });
});
