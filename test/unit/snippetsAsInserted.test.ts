// Every snippet as VS Code inserts it into an empty file, run in a fresh process with nothing but a
// call appended (issue 11.3): Python with /usr/bin/python3 (PyTorch and NumPy; Keras and JAX where
// the interpreter has them), TF.js as an ES module in Node and as TypeScript, type-checked and run.
// For every Python snippet, also: every name it uses is bound in the file itself.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { FRAMEWORKS } from '../../src/snippets/frameworks';
import type { Form, FrameworkId } from '../../src/snippets/types';
import { DEFAULT_VALUES, FORMS } from '../../src/snippets/types';
import { assertClose, REPO } from './helpers';
import {
  IGNORE_INDEX,
  LossCase,
  LossResult,
  PYTHON,
  PYTHON_SCRIPTS,
  referenceResults,
  runPython,
} from './snippetCases';
import { insertedSnippet } from './snippetsExpand';

const DIR = path.join(REPO, 'test-output', 'snippets-as-inserted');
const PYTHON_FRAMEWORKS: FrameworkId[] = ['pytorch', 'numpy', 'keras', 'jax'];

// One small input per form, and its reference at the snippet defaults (γ = 0.1, b = 0).
const LOGITS = [
  [2, 0.5, -1],
  [0, 1, 3],
];
const LABELS = [0, 2];
const INPUTS: Record<Form, { logits: string; labels: string; case: LossCase }> = Object.fromEntries(
  FORMS.map((form) => {
    const sequence = form === 'sequence';
    const input = sequence
      ? { name: form, logits: [LOGITS], labels: [[LABELS[0], IGNORE_INDEX]] }
      : { name: form, logits: LOGITS, labels: LABELS };
    const c: LossCase = { id: form, form, ...DEFAULT_VALUES, input };
    return [form, { logits: JSON.stringify(input.logits), labels: JSON.stringify(input.labels), case: c }];
  }),
) as Record<Form, { logits: string; labels: string; case: LossCase }>;

/** The line appended to the inserted snippet: call it on the form's input and print the loss. */
function pythonCall(framework: FrameworkId, form: Form): string {
  const fn = FRAMEWORKS[framework].functionNames[form];
  const { logits, labels } = INPUTS[form];
  switch (framework) {
    case 'pytorch':
      return `print(float(${fn}(torch.tensor(${logits}, dtype=torch.float64), torch.tensor(${labels}))))`;
    case 'numpy':
      return `print(float(${fn}(np.array(${logits}), np.array(${labels}))[0]))`;
    case 'keras':
      return `print(float(${fn}(tf.constant(${labels}), tf.constant(${logits}))))`;
    default:
      return `print(float(${fn}(jnp.array(${logits}), jnp.array(${labels}))))`;
  }
}

const PYTHON_MODULES: Record<string, string> = { pytorch: 'torch', numpy: 'numpy', keras: 'tensorflow', jax: 'jax' };

function importable(module: string): boolean {
  return spawnSync(PYTHON, ['-c', `import ${module}`], { encoding: 'utf8' }).status === 0;
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}

describe('snippets run as inserted into an empty file, in a fresh process', () => {
  let reference: Map<string, LossResult>;
  before(function () {
    this.timeout(60_000);
    fs.rmSync(DIR, { recursive: true, force: true });
    fs.mkdirSync(DIR, { recursive: true });
    reference = referenceResults(FORMS.map((form) => INPUTS[form].case));
  });

  describe('Python', () => {
    const files = PYTHON_FRAMEWORKS.flatMap((framework) =>
      FORMS.map((form) => ({ framework, form, file: path.join(DIR, `${framework}_${form}.py`) })),
    );
    before(() => {
      for (const { framework, form, file } of files)
        fs.writeFileSync(file, `${insertedSnippet(framework, form, 'python', 4)}${pythonCall(framework, form)}\n`);
    });

    it('every name the 12 snippets use is imported or defined in the inserted text (nothing comes from the file)', () => {
      const { unbound } = runPython<{ unbound: Record<string, string[]> }>(
        [path.join(PYTHON_SCRIPTS, 'unbound_names.py'), ...files.map((f) => f.file)],
        {},
      );
      const missing = files
        .map(({ framework, form, file }) => [`${framework}/${form}`, unbound[file]])
        .filter(([, names]) => names.length);
      assert.deepStrictEqual(missing, []);
    });

    for (const framework of PYTHON_FRAMEWORKS) {
      const module = PYTHON_MODULES[framework];
      const required = framework === 'pytorch' || framework === 'numpy';
      for (const form of FORMS) {
        const title = `${FRAMEWORKS[framework].label} ${form}: \`${PYTHON} file.py\` prints the loss`;
        // Keras and JAX are not installable here: executed wherever the interpreter has them.
        if (!required && !importable(module)) {
          it.skip(`${title} (${module} is not installed; the name check above covers it)`);
          continue;
        }
        it(title, function () {
          this.timeout(120_000);
          const file = path.join(DIR, `${framework}_${form}.py`);
          const run = spawnSync(PYTHON, [file], { encoding: 'utf8', cwd: DIR });
          assert.strictEqual(run.status, 0, `${PYTHON} ${file}:\n${run.stderr}`);
          assertClose(Number(lastLine(run.stdout)), reference.get(form)!.value, { rtol: 1e-12 }, 'loss');
        });
      }
    }
  });

  describe('TensorFlow.js', () => {
    const call = (form: Form) => {
      const fn = FRAMEWORKS.tfjs.functionNames[form];
      const { logits, labels } = INPUTS[form];
      const ids =
        form === 'sequence' ? `tf.tensor2d(${labels}, undefined, 'int32')` : `tf.tensor1d(${labels}, 'int32')`;
      const scores = form === 'sequence' ? `tf.tensor3d(${logits})` : `tf.tensor2d(${logits})`;
      return `console.log(String(${fn}(${scores}, ${ids}).dataSync()[0]));\n`;
    };

    const typescriptFile = (form: Form) => `${insertedSnippet('tfjs', form, 'typescript', 2)}${call(form)}`;

    it('each TypeScript snippet type-checks (strict) as a file of its own, imports included', function () {
      this.timeout(60_000);
      const files = FORMS.map((form) => {
        const file = path.join(DIR, `${form}.ts`);
        fs.writeFileSync(file, typescriptFile(form));
        return file;
      });
      const program = ts.createProgram(files, {
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
        .map((d) => `${d.file?.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      assert.deepStrictEqual(diagnostics, []);
    });

    for (const form of FORMS) {
      it(`${form}: the JavaScript snippet runs as an ES module (node file.mjs)`, function () {
        this.timeout(60_000);
        const file = path.join(DIR, `${form}.mjs`);
        fs.writeFileSync(file, `${insertedSnippet('tfjs', form, 'javascript', 2)}${call(form)}`);
        const run = spawnSync(process.execPath, [file], { encoding: 'utf8', cwd: DIR });
        assert.strictEqual(run.status, 0, run.stderr);
        assertClose(Number(lastLine(run.stdout)), reference.get(form)!.value, { rtol: 2e-6 }, 'loss');
      });

      it(`${form}: the TypeScript snippet, transpiled, runs (node file.cjs)`, function () {
        this.timeout(60_000);
        const js = path.join(DIR, `${form}.cjs`);
        const options = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS };
        fs.writeFileSync(js, ts.transpileModule(typescriptFile(form), { compilerOptions: options }).outputText);
        const run = spawnSync(process.execPath, [js], { encoding: 'utf8', cwd: DIR });
        assert.strictEqual(run.status, 0, run.stderr);
        assertClose(Number(lastLine(run.stdout)), reference.get(form)!.value, { rtol: 2e-6 }, 'loss');
      });
    }
  });
});
