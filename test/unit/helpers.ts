import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(REPO, 'test', 'fixtures');

// Silences tfjs's "install the node backend" banner; the cpu backend is the one under test here.
// (Not IS_TEST: its kernel leak check counts the tensors a customGrad saves for backprop.)
tf.enableProdMode();

export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

export function readJson<T>(...parts: string[]): T {
  return JSON.parse(fs.readFileSync(fixture(...parts), 'utf8')) as T;
}

export interface Tolerance {
  rtol?: number;
  atol?: number;
}

/** |actual − expected| ≤ atol + rtol·|expected|, element by element, with the index in the message. */
export function assertClose(
  actual: ArrayLike<number> | number,
  expected: ArrayLike<number> | number,
  { rtol = 1e-12, atol = 0 }: Tolerance = {},
  what = 'value',
): void {
  const a = typeof actual === 'number' ? [actual] : Array.from(actual);
  const e = typeof expected === 'number' ? [expected] : Array.from(expected);
  assert.strictEqual(a.length, e.length, `${what}: length ${a.length} ≠ ${e.length}`);
  for (let i = 0; i < a.length; i++) {
    const bound = atol + rtol * Math.abs(e[i]);
    if (!(Math.abs(a[i] - e[i]) <= bound)) {
      assert.fail(`${what}[${i}]: got ${a[i]}, expected ${e[i]} (±${bound})`);
    }
  }
}

export function flat(rows: number[][]): number[] {
  return rows.flat();
}

/** A case of test/fixtures/reference/loss.json (NumPy float64, test/reference/make_reference.py). */
export interface LossCase {
  name: string;
  loss: 'gamma-ce' | 'tailr';
  gamma: number;
  threshold?: number;
  logits: number[][];
  labels: number[];
  rows: number[];
  grad: number[][];
}

export function lossCases(): LossCase[] {
  return readJson<LossCase[]>('reference', 'loss.json');
}

/** Cases of loss-tiny.json (60-digit mpmath): rows with losses down to 1e-37 beside ordinary ones. */
export function tinyLossCases(): LossCase[] {
  return readJson<LossCase[]>('reference', 'loss-tiny.json');
}
