import * as assert from 'assert';
import {
  DEFAULT_CALIBRATION_SETTINGS,
  isCalibrationPanelState,
  isCalibrationSettings,
  isCalibrationWebviewToHost,
  isHostToCalibrationWebview,
} from '../../src/protocol';

const file = { uri: 'file:///w/p.csv', label: 'p.csv', size: 10 };
const predictions = {
  classNames: ['a', 'b'],
  labelColumn: 'label',
  ignoredColumns: [],
  softmax: false,
  format: 'csv',
  rows: 2,
  cols: 2,
  probs: new Float64Array([0.2, 0.8, 0.6, 0.4]),
  labels: new Int32Array([1, 0]),
};

describe('protocol guards', () => {
  it('accept every well-formed host → webview message', () => {
    for (const message of [
      { type: 'load', file, predictions, settings: DEFAULT_CALIBRATION_SETTINGS, read: {} },
      { type: 'loading', file },
      { type: 'error', file, message: 'bad', read: { label: 'y', softmax: true } },
      { type: 'fileChanged' },
      { type: 'renderExport', theme: 'light' },
      { type: 'renderExport', theme: 'current' },
    ]) {
      assert.ok(isHostToCalibrationWebview(message), JSON.stringify(message));
    }
  });

  it('reject malformed or unknown host → webview messages', () => {
    for (const message of [
      null,
      'load',
      { type: 'unknown' },
      { type: 'load', file, predictions: { ...predictions, probs: [0.2, 0.8, 0.6, 0.4] }, settings: DEFAULT_CALIBRATION_SETTINGS, read: {} },
      { type: 'load', file, predictions: { ...predictions, rows: 3 }, settings: DEFAULT_CALIBRATION_SETTINGS, read: {} },
      { type: 'load', file, predictions, settings: { ...DEFAULT_CALIBRATION_SETTINGS, bins: 500 }, read: {} },
      { type: 'load', file, predictions, settings: DEFAULT_CALIBRATION_SETTINGS, read: { softmax: 'yes' } },
      { type: 'error', file },
      { type: 'renderExport', theme: 'dark' },
      { type: 'renderExport' },
    ]) {
      assert.ok(!isHostToCalibrationWebview(message), JSON.stringify(message));
    }
  });

  it('check settings ranges: 5–50 bins, a known scheme, a class index ≥ −1', () => {
    assert.ok(isCalibrationSettings({ bins: 5, scheme: 'equal-mass', classIndex: 3 }));
    assert.ok(isCalibrationSettings({ bins: 50, scheme: 'equal-width', classIndex: -1 }));
    for (const bad of [
      { bins: 4, scheme: 'equal-width', classIndex: -1 },
      { bins: 51, scheme: 'equal-width', classIndex: -1 },
      { bins: 10.5, scheme: 'equal-width', classIndex: -1 },
      { bins: 10, scheme: 'quantile', classIndex: -1 },
      { bins: 10, scheme: 'equal-width', classIndex: -2 },
      { bins: '10', scheme: 'equal-width', classIndex: -1 },
    ]) {
      assert.ok(!isCalibrationSettings(bad), JSON.stringify(bad));
    }
    assert.ok(isCalibrationPanelState({ uri: 'file:///x.csv', settings: DEFAULT_CALIBRATION_SETTINGS }));
    assert.ok(!isCalibrationPanelState({ uri: 3, settings: DEFAULT_CALIBRATION_SETTINGS }));
  });

  it('accept well-formed webview → host messages and refuse the rest', () => {
    const report = { ece: 0.1, n: 3 };
    for (const message of [
      { type: 'ready' },
      { type: 'reload' },
      { type: 'readOptions', read: { label: 'y', softmax: false } },
      { type: 'settings', settings: DEFAULT_CALIBRATION_SETTINGS },
      { type: 'rendered', view: { settings: DEFAULT_CALIBRATION_SETTINGS, report, viewEce: 0.1 } },
      { type: 'export', svg: '<svg/>', png: 'iVBORw0KGgo=', metrics: {} },
      { type: 'exportRequested' },
      { type: 'exportFailed', message: 'no canvas' },
      { type: 'log', level: 'warn', message: 'x' },
    ]) {
      assert.ok(isCalibrationWebviewToHost(message), JSON.stringify(message));
    }
    for (const message of [
      { type: 'export', svg: '<script>alert(1)</script>', png: '', metrics: {} },
      { type: 'export', svg: '<svg/>', png: 'not base64!', metrics: {} },
      { type: 'export', svg: '<svg/>', png: '', metrics: [] },
      { type: 'settings', settings: { bins: 1000, scheme: 'equal-width', classIndex: -1 } },
      { type: 'log', level: 'debug', message: 'x' },
      { type: 'rendered', view: { settings: DEFAULT_CALIBRATION_SETTINGS, report, viewEce: '0.1' } },
      { type: 'openFile', path: '/etc/passwd' },
      { type: 'readOptions', read: { label: '' } },
      { type: 'exportFailed' },
    ]) {
      assert.ok(!isCalibrationWebviewToHost(message), JSON.stringify(message));
    }
  });
});
