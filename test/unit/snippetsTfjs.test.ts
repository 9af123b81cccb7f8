// The TensorFlow.js snippets, executed: the JavaScript body as inserted, and the TypeScript body
// type-checked against @tensorflow/tfjs and transpiled, on the cpu and wasm backends (wasm's log1p
// is log(1 + x)); values and gradients equal the 60-digit mpmath reference to float32 precision.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import * as ts from 'typescript';
import { FRAMEWORKS } from '../../src/snippets/frameworks';
import { renderCode } from '../../src/snippets/render';
import type { CodeLanguage, Form } from '../../src/snippets/types';
import { FORMS } from '../../src/snippets/types';
import { useBackend } from '../../src/core/train/backend';
import { assertClose, REPO } from './helpers';
import { gradScale, LossCase, lossCases, LossResult, referenceResults, TOLERANCE } from './snippetCases';

const WASM_DIR = path.join(REPO, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');

type LossFn = (logits: tf.Tensor, labels: tf.Tensor) => tf.Scalar;

function transpiled(code: string): string {
  return ts.transpileModule(code, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS },
  }).outputText;
}

/** The snippet's function, with γ and b written in as its defaults, exactly as the command inserts it. */
function loadSnippet(language: CodeLanguage, form: Form, gamma: number, threshold: number): LossFn {
  const code = renderCode({ framework: 'tfjs', form, language }, { gamma, threshold });
  const js = language === 'typescript' ? transpiled(code) : code;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('tf', `${js}\nreturn ${FRAMEWORKS.tfjs.functionNames[form]};`)(tf) as LossFn;
}

function runSnippet(language: CodeLanguage, c: LossCase): { value: number; grad: number[] } {
  const fn = loadSnippet(language, c.form, c.gamma, c.threshold);
  return tf.tidy(() => {
    const logits = tf.tensor(c.input.logits);
    const labels = tf.tensor(c.input.labels, undefined, 'int32');
    const value = fn(logits, labels).dataSync()[0];
    const grad = Array.from(
      tf
        .grad((z: tf.Tensor) => fn(z, labels))(logits)
        .dataSync(),
    );
    return { value, grad };
  });
}

const cases = lossCases();
let reference: Map<string, LossResult>;

describe('TensorFlow.js snippets executed against 60-digit mpmath (float32)', () => {
  before(async function () {
    this.timeout(60_000);
    reference = referenceResults(cases);
    await tf.setBackend('cpu');
  });

  const runs = [
    { backend: 'cpu', language: 'javascript' },
    { backend: 'cpu', language: 'typescript' },
    { backend: 'wasm', language: 'javascript' },
  ] as const;
  for (const { backend, language } of runs) {
    describe(`${language} body on ${backend}`, () => {
      before(async () => assert.strictEqual(await useBackend(backend, WASM_DIR), backend));
      after(async () => useBackend('cpu', WASM_DIR));

      for (const c of cases) {
        it(`${c.id}: value (never negative) and gradient`, () => {
          const expected = reference.get(c.id)!;
          const actual = runSnippet(language, c);
          assert.ok(Number.isFinite(actual.value), `value ${actual.value}`);
          assert.ok(actual.grad.every(Number.isFinite), 'finite gradient');
          assert.ok(actual.value >= 0, `the loss is ${actual.value}`);
          const { value, grad } = TOLERANCE.float32;
          assertClose(actual.value, expected.value, value, 'value');
          assertClose(
            actual.grad,
            expected.grad,
            { rtol: grad.rtol, atol: grad.atol * gradScale(expected.grad) },
            'gradient',
          );
        });
      }
    });
  }

  it('leaves no tensors behind (tf.tidy inside, the stop-gradient identity included)', () => {
    const [c] = lossCases().filter((x) => x.form === 'sequence');
    const fn = loadSnippet('javascript', 'sequence', 0.1, 0.2);
    const logits = tf.tensor(c.input.logits);
    const labels = tf.tensor(c.input.labels, undefined, 'int32');
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.dispose([fn(logits, labels), tf.grad((z: tf.Tensor) => fn(z, labels))(logits)]);
    assert.strictEqual(tf.memory().numTensors, before);
    tf.dispose([logits, labels]);
  });

  it('refuses γ or b outside [0, 1] with a RangeError naming the value', () => {
    const logits = tf.tensor2d([[1, 2]]);
    const labels = tf.tensor1d([0], 'int32');
    const fn = loadSnippet('javascript', 'tailr', 0.1, 0) as unknown as (...args: unknown[]) => tf.Scalar;
    assert.throws(() => fn(logits, labels, 1.5), /gamma must be in \[0, 1\], got 1\.5/);
    assert.throws(() => fn(logits, labels, 0.1, -0.2), /threshold must be in \[0, 1\], got -0\.2/);
    assert.throws(() => fn(logits, labels, NaN), /gamma must be in \[0, 1\], got NaN/);
    tf.dispose([logits, labels]);
  });

  it('the TypeScript bodies type-check (strict) against @tensorflow/tfjs, usable in optimizer.minimize', function () {
    this.timeout(60_000);
    const dir = path.join(REPO, 'test-output', 'snippet-typecheck');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'losses.ts');
    const bodies = FORMS.map((form) =>
      renderCode({ framework: 'tfjs', form, language: 'typescript' }, { gamma: 0.1, threshold: 0.2 }),
    );
    fs.writeFileSync(
      file,
      [
        "import * as tf from '@tensorflow/tfjs';",
        ...bodies,
        'const optimizer = tf.train.sgd(0.1);',
        'const w = tf.variable(tf.zeros([4, 3]));',
        'const x = tf.ones([2, 4]);',
        "optimizer.minimize(() => gammaCeLoss(tf.matMul(x, w), tf.tensor1d([0, 2], 'int32')));",
        "optimizer.minimize(() => tailrLoss(tf.matMul(x, w), tf.tensor1d([0, 2], 'int32')));",
        "optimizer.minimize(() => tailrSequenceLoss(tf.reshape(tf.matMul(x, w), [1, 2, 3]), tf.tensor2d([[0, -100]], undefined, 'int32')));",
        '',
      ].join('\n'),
    );
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      skipLibCheck: true,
      types: [],
      noUnusedLocals: true,
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    assert.deepStrictEqual(diagnostics, []);
  });
});
