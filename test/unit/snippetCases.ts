// Inputs on which the snippets are executed, and their 60-digit mpmath values and gradients
// (test/python/loss_reference.py, straight from the definitions).
import { spawnSync } from 'child_process';
import * as path from 'path';
import { seededRandom } from '../../src/core/random';
import type { Form } from '../../src/snippets/types';
import { REPO } from './helpers';

// Debian's interpreter, where apt puts python3-torch and python3-mpmath: the first python3 on PATH
// may be another one.
export const PYTHON = '/usr/bin/python3';
export const PYTHON_SCRIPTS = path.join(REPO, 'test', 'python');

/** 0.99 and 1 − 1e-6: where log(1 + x) in float32 lost the value (issue 10.5). */
export const GAMMAS = [0, 1e-7, 0.1, 0.5, 0.8, 0.99, 1 - 1e-6, 1];
export const THRESHOLDS = [0, 0.2];
export const IGNORE_INDEX = -100;

/** Classification inputs are [N, C] logits and [N] labels; sequence inputs [B, T, V] and [B, T]. */
export interface LossInput {
  name: string;
  logits: number[][] | number[][][];
  labels: number[] | number[][];
}

export interface LossCase {
  id: string;
  form: Form;
  gamma: number;
  threshold: number;
  input: LossInput;
}

// Logits are float32 values, so float32 and float64 runs and the reference see the same numbers.
function normals(seed: number, count: number, scale: number): number[] {
  const rand = seededRandom(seed);
  const out: number[] = [];
  while (out.length < count) {
    const r = Math.sqrt(-2 * Math.log(1 - rand()));
    const t = 2 * Math.PI * rand();
    out.push(Math.fround(scale * r * Math.cos(t)), Math.fround(scale * r * Math.sin(t)));
  }
  return out.slice(0, count);
}

function chunk<T>(values: T[], size: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < values.length; i += size) rows.push(values.slice(i, i + size));
  return rows;
}

function randomClassification(): LossInput {
  const [n, c] = [8, 5];
  const rand = seededRandom(11);
  return {
    name: 'random',
    logits: chunk(normals(7, n * c, 3), c),
    labels: Array.from({ length: n }, () => Math.floor(rand() * c)),
  };
}

// p_y is 1, e^-1e4 and e^-2e4: the limits of every form at once.
const EXTREME_CLASSIFICATION: LossInput = {
  name: 'extreme ±1e4',
  logits: [
    [1e4, -1e4, 0, 0],
    [-1e4, 1e4, -1e4, 0],
    [0, 0, 1e4, -1e4],
  ],
  labels: [3, 0, 2],
};

// Every p_y near 1, so the mean is as small as the rows: 1 − p_y from 0.27 down to 1.9e-22, where
// float32 rounds p_y to 1 and log_softmax rounds log p_y to 0.
const NEAR_ONE_CLASSIFICATION: LossInput = {
  name: 'p_y near 1',
  logits: [
    [1, 0, -2],
    [0.5, 4, 0.25],
    [8, 0, -1],
    [-3, 15, 1],
    [20, 0, 0],
    [0, 0, 50],
  ].map((row) => row.map(Math.fround)),
  labels: [0, 1, 0, 1, 0, 2],
};

// Every loss near 4e-18: log-space forms give −4e-16 or 0 here, and no digit of the truth.
const TINY_CLASSIFICATION: LossInput = {
  name: 'tiny losses',
  logits: [
    [40, 0, -1],
    [0, 41, 1],
    [-2, 0, 39],
  ],
  labels: [0, 1, 2],
};

function randomSequence(): LossInput {
  const [b, t, v] = [3, 5, 7];
  const rand = seededRandom(13);
  const logits = chunk(chunk(normals(17, b * t * v, 3), v), t);
  // Right padding of different lengths, one sequence without any.
  const lengths = [5, 3, 1];
  const labels = lengths.map((len) =>
    Array.from({ length: t }, (_, i) => (i < len ? Math.floor(rand() * v) : IGNORE_INDEX)),
  );
  return { name: 'random, padded', logits, labels };
}

const EXTREME_SEQUENCE: LossInput = {
  name: 'extreme ±1e4, padded',
  logits: [
    [
      [1e4, -1e4, 0],
      [-1e4, 1e4, 0],
      [0, 0, 0],
    ],
    [
      [0, -1e4, 1e4],
      [1e4, 0, -1e4],
      [-1e4, -1e4, 1e4],
    ],
  ],
  labels: [
    [1, 1, IGNORE_INDEX],
    [0, 0, 2],
  ],
};

const NEAR_ONE_SEQUENCE: LossInput = {
  name: 'p_t near 1, padded',
  logits: [
    [
      [6, 0, 1],
      [0, 12, 0],
      [0, 0, 0],
    ],
    [
      [30, 0, -5],
      [2, 0, 0],
      [0, 0, 40],
    ],
  ],
  labels: [
    [0, 1, IGNORE_INDEX],
    [0, 0, 2],
  ],
};

export const CLASSIFICATION_INPUTS: LossInput[] = [
  randomClassification(),
  EXTREME_CLASSIFICATION,
  NEAR_ONE_CLASSIFICATION,
  TINY_CLASSIFICATION,
];
export const SEQUENCE_INPUTS: LossInput[] = [randomSequence(), EXTREME_SEQUENCE, NEAR_ONE_SEQUENCE];

/** Every (form, γ, b, input) the snippets are run on: γ-CE has no b, so it runs with b = 0 only. */
export function lossCases(): LossCase[] {
  const cases: LossCase[] = [];
  for (const form of ['closed', 'tailr', 'sequence'] as const) {
    const inputs = form === 'sequence' ? SEQUENCE_INPUTS : CLASSIFICATION_INPUTS;
    for (const input of inputs) {
      for (const gamma of GAMMAS) {
        for (const threshold of form === 'closed' ? [0] : THRESHOLDS) {
          const id = `${form} γ=${gamma}${form === 'closed' ? '' : ` b=${threshold}`} on ${input.name}`;
          cases.push({ id, form, gamma, threshold, input });
        }
      }
    }
  }
  return cases;
}

export interface LossResult {
  value: number;
  /** Flattened like the logits. */
  grad: number[];
}

export function runPython<T>(args: string[], input: unknown): T {
  const run = spawnSync(PYTHON, args, { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error) throw new Error(`cannot run ${PYTHON}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`${PYTHON} ${args.join(' ')} exited with ${run.status}:\n${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** The mpmath value and gradient of each case, by id. */
export function referenceResults(cases: readonly LossCase[]): Map<string, LossResult> {
  const request = cases.map((c) => ({
    id: c.id,
    form: c.form,
    gamma: c.gamma,
    threshold: c.threshold,
    logits: c.input.logits,
    labels: c.input.labels,
    ignore_index: IGNORE_INDEX,
  }));
  const out = runPython<{ results: Record<string, LossResult> }>([path.join(PYTHON_SCRIPTS, 'loss_reference.py')], {
    cases: request,
  });
  return new Map(Object.entries(out.results));
}

/** The largest gradient entry, which the absolute part of the gradient tolerance is relative to. */
export function gradScale(grad: readonly number[]): number {
  return grad.reduce((m, g) => Math.max(m, Math.abs(g)), 0);
}

/**
 * Against the 60-digit reference, measured: float64 values within 2.7e-16 relative and gradient
 * entries within 2e-15; float32 (PyTorch, NumPy, TF.js on cpu and wasm) values within 2.4e-7 and
 * gradient entries within 4e-7, tiny losses included. The bounds leave a margin of 5 to 15
 * (float32: 2e-6 is 16·ε). Before the rewrite, at γ = 1 − 1e-6 the float32 PyTorch value was 49 %
 * off on rows with p_y near 1 and the float64 one 4e-11, and losses of 4e-18 came back as −4e-16
 * (NumPy) or 0.05 (float32). Gradient entries far below the largest, where the reference is e^-20
 * of it or 0 (padding, p_y = 1), get an absolute floor relative to the largest entry.
 */
export const TOLERANCE = {
  float64: { value: { rtol: 4e-15, atol: 0 }, grad: { rtol: 3e-14, atol: 1e-15 } },
  float32: { value: { rtol: 2e-6, atol: 0 }, grad: { rtol: 2e-6, atol: 1e-7 } },
} as const;
