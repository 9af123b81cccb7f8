import * as assert from 'assert';
import { isParseRequest, isParseResponse } from '../../src/protocol';

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

describe('worker protocol guards', () => {
  it('check the parse worker messages', () => {
    assert.ok(isParseRequest({ type: 'parsePredictions', bytes: new Uint8Array(2), file: 'p.csv' }));
    assert.ok(!isParseRequest({ type: 'parsePredictions', bytes: [1, 2], file: 'p.csv' }));
    assert.ok(isParseResponse({ type: 'parsed', predictions }));
    assert.ok(isParseResponse({ type: 'dataError', message: 'x', location: { row: 2 } }));
    assert.ok(isParseResponse({ type: 'crashed', message: 'x' }));
    assert.ok(!isParseResponse({ type: 'dataError', message: 'x' }));
  });
});
