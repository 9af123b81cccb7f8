// The Python snippets: PyTorch and NumPy executed with Debian's python3-torch and python3-numpy
// (/usr/bin/python3) in float64 and float32 against a 60-digit mpmath reference; all four compiled
// with py_compile; Keras and JAX, which cannot be installed here, compared in structure with the
// executed PyTorch snippet.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { FRAMEWORKS } from '../../src/snippets/frameworks';
import type { FrameworkId } from '../../src/snippets/types';
import { DEFAULT_VALUES, FORMS } from '../../src/snippets/types';
import { assertClose, REPO } from './helpers';
import {
  gradScale,
  LossCase,
  lossCases,
  LossResult,
  PYTHON,
  PYTHON_SCRIPTS as SCRIPTS,
  referenceResults,
  runPython,
  SEQUENCE_INPUTS,
  TOLERANCE,
} from './snippetCases';
import { pythonModule } from './snippetsExpand';

function requireModule(module: string, debianPackage: string): void {
  const check = spawnSync(PYTHON, ['-c', `import ${module}`], { encoding: 'utf8' });
  if (check.status !== 0) {
    throw new Error(
      `${PYTHON} cannot import ${module}, so its snippets cannot be executed: ` +
        `apt-get install -y ${debianPackage} (.ci/run installs it).\n${check.stderr ?? check.error?.message ?? ''}`,
    );
  }
}

interface PythonCase {
  id: string;
  code: string;
  function: string;
  logits: unknown;
  labels: unknown;
  kwargs?: Record<string, number | string>;
  dtype?: string;
}

type PythonResult =
  | { id: string; value: number | string; grad: Array<number | string>; dtype: string; error?: undefined }
  | { id: string; error: string };

function runCases(framework: 'pytorch' | 'numpy', cases: PythonCase[]): Map<string, PythonResult> {
  const out = runPython<{ results: PythonResult[] }>([path.join(SCRIPTS, 'run_loss_cases.py')], { framework, cases });
  return new Map(out.results.map((r) => [r.id, r]));
}

function toPythonCase(framework: FrameworkId, c: LossCase, dtype: string): PythonCase {
  return {
    id: c.id,
    code: pythonModule(framework, c.form, c),
    function: FRAMEWORKS[framework].functionNames[c.form],
    logits: c.input.logits,
    labels: c.input.labels,
    dtype,
  };
}

const EXECUTED = [
  { framework: 'pytorch', module: 'torch', debianPackage: 'python3-torch' },
  { framework: 'numpy', module: 'numpy', debianPackage: 'python3-numpy' },
] as const;

const cases = lossCases();
let reference: Map<string, LossResult> | undefined;
function referenceFor(c: LossCase): LossResult {
  reference ??= referenceResults(cases);
  const r = reference.get(c.id);
  assert.ok(r, `no reference for ${c.id}`);
  return r;
}

for (const { framework, module, debianPackage } of EXECUTED) {
  for (const dtype of ['float64', 'float32'] as const) {
    describe(`${FRAMEWORKS[framework].label} snippets executed in ${PYTHON} (${dtype}) against 60-digit mpmath`, () => {
      let results: Map<string, PythonResult>;

      before(function () {
        this.timeout(180_000);
        requireModule(module, debianPackage);
        referenceFor(cases[0]);
        const extra: PythonCase[] =
          dtype === 'float32'
            ? []
            : [
                { ...toPythonCase(framework, cases[0], dtype), id: 'γ = 1.5', kwargs: { gamma: 1.5 } },
                {
                  ...toPythonCase(
                    framework,
                    cases.find((c) => c.form === 'tailr')!,
                    dtype,
                  ),
                  id: 'b = -0.2',
                  kwargs: { threshold: -0.2 },
                },
                {
                  ...toPythonCase(
                    framework,
                    cases.find((c) => c.form === 'sequence')!,
                    dtype,
                  ),
                  id: 'γ = NaN',
                  kwargs: { gamma: 'nan' },
                },
              ];
        results = runCases(framework, [...cases.map((c) => toPythonCase(framework, c, dtype)), ...extra]);
      });

      for (const c of cases) {
        it(`${c.id}: value (never negative) and gradient`, () => {
          const r = results.get(c.id);
          assert.ok(r, `no result for ${c.id}`);
          assert.strictEqual(r.error, undefined, r.error);
          if (r.error !== undefined) return;
          assert.strictEqual(r.dtype, dtype, `${dtype} logits give a ${dtype} loss`);
          const value = Number(r.value);
          const grad = r.grad.map(Number);
          assert.ok(Number.isFinite(value), `value ${r.value}`);
          assert.ok(grad.every(Number.isFinite), `gradient has ${r.grad.filter((g) => !Number.isFinite(Number(g)))}`);
          assert.ok(value >= 0, `the loss is ${value}`);
          const expected = referenceFor(c);
          const tolerance = TOLERANCE[dtype];
          assertClose(value, expected.value, tolerance.value, 'value');
          assertClose(
            grad,
            expected.grad,
            { rtol: tolerance.grad.rtol, atol: tolerance.grad.atol * gradScale(expected.grad) },
            'gradient',
          );
        });
      }

      if (dtype === 'float64') {
        it('refuses γ or b outside [0, 1] with a ValueError naming the value', () => {
          assert.deepStrictEqual(
            ['γ = 1.5', 'b = -0.2', 'γ = NaN'].map((id) => (results.get(id) as { error?: string }).error),
            [
              'ValueError: gamma must be in [0, 1], got 1.5',
              'ValueError: threshold must be in [0, 1], got -0.2',
              'ValueError: gamma must be in [0, 1], got nan',
            ],
          );
        });
      }
    });
  }
}

describe('PyTorch sequence snippet with half-precision logits', () => {
  it('upcasts float16 and bfloat16 logits and returns a float32 loss close to the float64 one', function () {
    this.timeout(120_000);
    requireModule('torch', 'python3-torch');
    const [input] = SEQUENCE_INPUTS;
    const base: PythonCase = {
      id: 'float64',
      code: pythonModule('pytorch', 'sequence', { gamma: 0.1, threshold: 0.2 }),
      function: 'tailr_sequence_loss',
      logits: input.logits,
      labels: input.labels,
    };
    const results = runCases('pytorch', [
      base,
      { ...base, id: 'float16', dtype: 'float16' },
      { ...base, id: 'bfloat16', dtype: 'bfloat16' },
    ]);
    const reference = Number((results.get('float64') as { value: number }).value);
    for (const id of ['float16', 'bfloat16']) {
      const r = results.get(id) as { value: number; dtype: string; error?: string };
      assert.strictEqual(r.error, undefined, r.error);
      assert.strictEqual(r.dtype, 'float32', `${id} logits give a float32 loss`);
      // The logits themselves are rounded to 8 (bfloat16) or 11 (float16) bits of precision.
      assertClose(r.value, reference, { rtol: 5e-2 }, `${id} value`);
    }
  });
});

describe('Python snippets compile and match the executed PyTorch structure', () => {
  const frameworks: FrameworkId[] = ['pytorch', 'keras', 'jax', 'numpy'];
  const dir = path.join(REPO, 'test-output', 'python-snippets');

  it(`python3 -m py_compile accepts every Python snippet with its imports (${frameworks.length} frameworks × ${FORMS.length} forms)`, function () {
    this.timeout(60_000);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const files = frameworks.flatMap((framework) =>
      FORMS.map((form) => {
        const file = path.join(dir, `${framework}_${form}.py`);
        fs.writeFileSync(file, pythonModule(framework, form, DEFAULT_VALUES));
        return file;
      }),
    );
    const run = spawnSync(PYTHON, ['-m', 'py_compile', ...files], { encoding: 'utf8' });
    assert.strictEqual(run.status, 0, run.stderr);
  });

  interface Summary {
    name: string;
    params: Array<[string, unknown]>;
    docstring: string;
    skeleton: unknown[];
    concepts: string[];
  }

  let summaries: Record<string, Summary>;
  before(function () {
    this.timeout(60_000);
    const snippets = frameworks.flatMap((framework) =>
      FORMS.map((form) => ({
        id: `${framework}/${form}`,
        code: pythonModule(framework, form, DEFAULT_VALUES),
        function: FRAMEWORKS[framework].functionNames[form],
      })),
    );
    summaries = runPython<{ summaries: Record<string, Summary> }>([path.join(SCRIPTS, 'snippet_structure.py')], {
      snippets,
    }).summaries;
  });

  for (const framework of ['keras', 'jax'] as const) {
    for (const form of FORMS) {
      it(`${FRAMEWORKS[framework].label} ${form}: same signature, defaults, branches and building blocks as PyTorch`, () => {
        const torch = summaries[`pytorch/${form}`];
        const other = summaries[`${framework}/${form}`];
        assert.strictEqual(other.name, torch.name);
        // Keras takes (y_true, y_pred), so labels come first there; the set and defaults are the same.
        const sortedParams = (s: Summary) => [...s.params].sort((a, b) => a[0].localeCompare(b[0]));
        assert.deepStrictEqual(sortedParams(other), sortedParams(torch));
        assert.deepStrictEqual(other.skeleton, torch.skeleton);
        assert.deepStrictEqual(other.concepts, torch.concepts);
        const description = (doc: string) =>
          doc
            .split('\n\n')
            .slice(0, 3)
            .map((p) => p.trim());
        assert.deepStrictEqual(description(other.docstring), description(torch.docstring));
        assert.match(
          other.docstring,
          /Reference: H\. Ji, .*Tailoring Language Generation Models under\s+Total Variation Distance", ICLR 2023/,
        );
      });
    }
  }

  it('the PyTorch skeleton is the one described: γ checked, log p_y and 1 − p_y, γ = 0 and γ = 1 as their own branches', () => {
    const torch = summaries['pytorch/closed'];
    assert.deepStrictEqual(torch.params, [
      ['logits', null],
      ['labels', null],
      ['gamma', 0.1],
    ]);
    assert.deepStrictEqual(torch.skeleton, [
      { if: 'not 0.0 <= gamma <= 1.0', then: ['raise ValueError'], else: [] },
      'assign others',
      'assign high',
      'assign log_p',
      'assign q',
      { if: 'gamma == 0.0', then: ['return'], else: [] },
      { if: 'gamma == 1.0', then: ['return'], else: [] },
      'assign x',
      'assign near',
      'assign log_mix',
      'return',
    ]);
    assert.deepStrictEqual(summaries['pytorch/tailr'].concepts, [
      'exp',
      'log(gamma)',
      'log1p',
      'log1p(-gamma)',
      'log_softmax',
      'logaddexp',
      'maximum',
      'mean',
      'stop_gradient',
      'sum',
      'where',
    ]);
    assert.deepStrictEqual(summaries['pytorch/sequence'].params.at(-1), ['ignore_index', -100]);
  });

  it('every docstring gives the formula, both limits and the reference', () => {
    for (const [id, s] of Object.entries(summaries)) {
      assert.match(
        s.docstring,
        /L = (-log\(gamma \+ \(1 - gamma\)·p_y\) \/ \(1 - gamma\)|-w·log p_y|Σ_t m_t·\(-w_t·log p_t\))/,
        `${id} formula`,
      );
      assert.match(s.docstring, /gamma = 0 is cross-entropy/, `${id} γ = 0`);
      assert.match(s.docstring, /gamma → 1 gives/, `${id} γ → 1`);
      assert.match(
        s.docstring,
        /Accurate to the precision of the logits \(float32 too\) for every gamma/,
        `${id} precision`,
      );
      assert.match(s.docstring, /ICLR 2023 \(TaiLr\), arXiv:2302\.13344/, `${id} reference`);
    }
  });
});
