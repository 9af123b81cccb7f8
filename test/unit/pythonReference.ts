// Runs the independent NumPy/SciPy references of test/python with Debian's interpreter (numpy and
// scipy come from apt there; the first python3 on PATH may be another one).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { readPredictions, Predictions } from '../../src/core/predictions';
import { REPO } from './helpers';

export const PYTHON = '/usr/bin/python3';

export function runReference<T>(script: string, input: unknown): T {
  const file = path.join(REPO, 'test', 'python', script);
  const run = spawnSync(PYTHON, [file], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  if (run.error) throw new Error(`cannot run ${PYTHON}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`${PYTHON} ${script} exited with ${run.status}:\n${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** The bundled sample predictions and the multi-row fixtures, read as the CLI reads them. */
export const REAL_FILES = [
  'samples/predictions/calibrated-digits.csv',
  'samples/predictions/overconfident-digits.csv',
  'samples/predictions/underconfident-iris.csv',
  'test/fixtures/predictions/names.csv',
  'test/fixtures/predictions/binary.csv',
  'test/fixtures/predictions/index.tsv',
  'test/fixtures/predictions/prefixed.csv',
];

export function readRealFile(relative: string): Predictions {
  const label = relative.endsWith('index.tsv') ? 'y' : undefined;
  return readPredictions(fs.readFileSync(path.join(REPO, relative)), relative, { label });
}

/** Rows of a row-major matrix as nested arrays (JSON for the references). */
export function nested(data: ArrayLike<number>, rows: number, cols: number): number[][] {
  const flat = Array.from(data);
  return Array.from({ length: rows }, (_, i) => flat.slice(i * cols, (i + 1) * cols));
}
