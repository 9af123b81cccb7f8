// The framework integrations, as inserted into empty files: GammaCELoss, the Hugging Face Trainer
// subclass and the Lightning module executed with Debian's python3-torch (transformers and
// lightning replaced by stand-ins written next to them) against float64 references written from
// the definitions; the Keras 3 and optax-style ones, which cannot be installed here, compiled,
// checked for unbound names and compared in structure.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { INTEGRATIONS } from '../../src/snippets/integrations';
import { DEFAULT_VALUES, INTEGRATION_DEFAULTS, INTEGRATION_IDS } from '../../src/snippets/types';
import { REPO } from './helpers';
import { PYTHON, PYTHON_SCRIPTS, runPython } from './snippetCases';
import { pythonModule } from './snippetsExpand';

const DIR = path.join(REPO, 'test-output', 'snippet-integrations');
const SCRIPT = path.join(PYTHON_SCRIPTS, 'integration_checks.py');

/** The files the Python script reads, by the name it imports them as. */
const FILES: Record<string, () => string> = {
  module: () => pythonModule('pytorch', 'module', INTEGRATION_DEFAULTS),
  trainer: () => pythonModule('pytorch', 'trainer', INTEGRATION_DEFAULTS),
  lightning_module: () => pythonModule('pytorch', 'lightning', INTEGRATION_DEFAULTS),
  keras3: () => pythonModule('keras', 'keras3', INTEGRATION_DEFAULTS),
  optax: () => pythonModule('jax', 'optax', INTEGRATION_DEFAULTS),
  closed: () => pythonModule('pytorch', 'closed', DEFAULT_VALUES),
  tailr: () => pythonModule('pytorch', 'tailr', DEFAULT_VALUES),
  sequence: () => pythonModule('pytorch', 'sequence', DEFAULT_VALUES),
};

const file = (name: string) => path.join(DIR, `${name}.py`);

type Checks = Record<string, Record<string, Record<string, unknown>>>;

describe('framework integration snippets', () => {
  before(() => {
    fs.rmSync(DIR, { recursive: true, force: true });
    fs.mkdirSync(DIR, { recursive: true });
    for (const [name, render] of Object.entries(FILES)) fs.writeFileSync(file(name), render());
  });

  it(`python3 -m py_compile accepts all ${INTEGRATION_IDS.length} integrations as inserted`, function () {
    this.timeout(60_000);
    const names = ['module', 'trainer', 'lightning_module', 'keras3', 'optax'];
    const run = spawnSync(PYTHON, ['-m', 'py_compile', ...names.map(file)], { encoding: 'utf8' });
    assert.strictEqual(run.status, 0, run.stderr);
  });

  it('every name they use is imported or defined in the inserted text', function () {
    this.timeout(60_000);
    const names = ['module', 'trainer', 'lightning_module', 'keras3', 'optax'];
    const { unbound } = runPython<{ unbound: Record<string, string[]> }>(
      [path.join(PYTHON_SCRIPTS, 'unbound_names.py'), ...names.map(file)],
      {},
    );
    assert.deepStrictEqual(
      names.map((n) => [n, unbound[file(n)]]),
      names.map((n) => [n, []]),
    );
  });

  describe('executed with torch (transformers and lightning as stand-ins)', () => {
    let checks: Checks;
    before(function () {
      this.timeout(300_000);
      const run = spawnSync(PYTHON, [SCRIPT, DIR], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      assert.strictEqual(run.status, 0, `${PYTHON} ${SCRIPT}:\n${run.stderr}`);
      checks = (JSON.parse(run.stdout) as { checks: Checks }).checks;
    });

    it('GammaCELoss at γ = 0 equals nn.CrossEntropyLoss, values and gradients, for every reduction × ignore_index × weight × label_smoothing × shape ((N, C), (N, C, d), (N, C, d1, d2), (C)), TaiLr b = 0 included', () => {
      const c = checks.module['gamma = 0 equals nn.CrossEntropyLoss'];
      assert.strictEqual(c.cases, 4 * 3 * 2 * 2 * 2 * 2);
      assert.ok((c.value as number) <= 4e-15, `value ${c.value}`);
      assert.ok((c.grad as number) <= 4e-15, `gradient ${c.grad}`);
    });

    it('GammaCELoss at γ > 0 and TaiLr equal the float64 definition (autograd gradients), float64 and float32', () => {
      const c = checks.module['gamma > 0 equals the float64 definition'];
      assert.strictEqual(c.cases, 4 * 5 * 3 * 3 * 2 * 2);
      assert.ok((c.value as number) <= 1e-14, `value ${c.value}`);
      assert.ok((c.grad as number) <= 1e-14, `gradient ${c.grad}`);
      assert.ok((c['float32 value'] as number) <= 2e-6, `float32 value ${c['float32 value']}`);
      assert.ok((c['float32 grad'] as number) <= 2e-6, `float32 gradient ${c['float32 grad']}`);
    });

    it('GammaCELoss equals the functional snippets (γ-CE, TaiLr, sequence with padding), extreme logits included', () => {
      const c = checks.module['equals the functional snippets'];
      assert.strictEqual(c.cases, 12);
      for (const form of ['closed', 'tailr', 'sequence']) assert.ok((c[form] as number) <= 1e-15, `${form} ${c[form]}`);
    });

    it('GammaCELoss computes half precision in float32 and refuses bad options with one clear message each', () => {
      assert.strictEqual(checks.module['half precision'].dtype, 'torch.float32');
      assert.deepStrictEqual(checks.module.errors, {
        gamma: 'gamma must be in [0, 1], got 1.5',
        threshold: 'threshold must be None or in [0, 1], got -0.1',
        reduction: "reduction must be 'mean', 'sum' or 'none', got 'avg'",
        label_smoothing: 'label_smoothing must be in [0, 1], got 2.0',
        target: 'GammaCELoss takes class indices as target, not probabilities',
      });
    });

    it('GammaCETrainer stores γ and b, and tells the Trainer its loss is normalised', () => {
      assert.deepStrictEqual(checks.trainer.stored, {
        gamma: 0.3,
        threshold: 0.2,
        causal_lm: true,
        model_accepts_loss_kwargs: true,
      });
    });

    it('compute_loss shifts labels by one (-100 left out): mean without num_items_in_batch, sum / num_items_in_batch with it', () => {
      const c = checks.trainer.compute_loss;
      assert.strictEqual(c['shifted tokens'], 14);
      assert.ok((c.mean as number) <= 1e-15, `mean ${c.mean}`);
      assert.ok((c['sum / num_items_in_batch'] as number) <= 1e-15, `sum ${c['sum / num_items_in_batch']}`);
      assert.deepStrictEqual(c.return_outputs, [0, [4, 6, 7]]);
      assert.deepStrictEqual(c['model saw attention_mask, not labels'], ['attention_mask']);
    });

    it("gradient accumulation: micro-batches of 3 and 11 tokens under the library's training_step give the whole batch's gradient", () => {
      const c = checks.trainer['gradient accumulation'];
      assert.deepStrictEqual(c['micro-batch counts'], [3, 11]);
      assert.ok((c['accumulated vs whole batch gradient'] as number) <= 1e-14, JSON.stringify(c));
      // What per-micro-batch means would have given instead: far from the whole batch's mean.
      assert.ok((c['mean of the micro-batch means vs the whole mean'] as number) > 1e-3, JSON.stringify(c));
      assert.ok((c['micro-batch means / steps'] as number) <= 1e-15, JSON.stringify(c));
      // Without model_accepts_loss_kwargs = True the Trainer would halve it (2 accumulation steps).
      assert.ok(Math.abs((c['without model_accepts_loss_kwargs, accumulated / whole'] as number) - 0.5) <= 1e-12);
    });

    it('with average_tokens_across_devices the loss is multiplied by the processes; causal_lm=False aligns logits and labels', () => {
      assert.ok((checks.trainer.average_tokens_across_devices.error as number) <= 1e-15);
      assert.ok((checks.trainer['causal_lm=False'].error as number) <= 1e-15);
      assert.deepStrictEqual(checks.trainer.errors, {
        gamma: 'gamma must be in [0, 1], got 2.0',
        labels: 'GammaCETrainer needs labels in every batch (-100 where ignored)',
      });
    });

    it('the LightningModule: training_step returns and logs the loss (ignore_index passed through), its gradient; AdamW', () => {
      const c = checks.lightning.training_step;
      assert.ok((c.value as number) <= 1e-15, `value ${c.value}`);
      assert.ok((c.grad as number) <= 1e-14, `gradient ${c.grad}`);
      assert.ok((c.train_loss as number) <= 1e-7, `logged ${c.train_loss}`);
      assert.ok((c.validation as number) <= 1e-15, `validation ${c.validation}`);
      assert.deepStrictEqual(c.logged, ['train_loss', 'val_loss']);
      assert.deepStrictEqual(checks.lightning.configure_optimizers, { class: 'AdamW', lr: 0.05 });
    });
  });

  it('Keras 3 and optax-style values on NumPy stand-ins for keras.ops and jax.numpy equal the float64 definition', function () {
    this.timeout(120_000);
    // The stand-ins map each keras.ops / jnp call onto NumPy: this runs every line of both
    // snippets (from_logits, ignore_class, where) for γ in {0, 1e-7, 0.1, 0.5, 0.9, 1} and
    // b in {None, 0, 0.2}; gradients and backends need the real libraries.
    const standins = path.join(DIR, 'standins');
    fs.mkdirSync(standins, { recursive: true });
    for (const name of ['keras3', 'optax']) fs.copyFileSync(file(name), path.join(standins, `${name}.py`));
    const run = spawnSync(PYTHON, [SCRIPT, '--standins', standins], { encoding: 'utf8' });
    assert.strictEqual(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout) as {
      values: Record<string, number>;
      cases: number;
      'keras config': Record<string, unknown>;
      'optax shape': number[];
    };
    assert.strictEqual(out.cases, 18);
    for (const [what, error] of Object.entries(out.values)) assert.ok(error <= 1e-14, `${what}: ${error}`);
    assert.deepStrictEqual(Object.keys(out.values), [
      'keras',
      'keras ignore_class',
      'keras probabilities',
      'optax',
      'optax where',
    ]);
    assert.deepStrictEqual(out['keras config'], {
      name: 'gamma_ce',
      reduction: 'sum_over_batch_size',
      gamma: 0.3,
      threshold: 0.2,
      from_logits: true,
      ignore_class: -100,
    });
    assert.deepStrictEqual(out['optax shape'], [3, 4], 'one loss per label, like optax');
  });

  describe('Keras 3 and optax-style structure (neither installs here)', () => {
    interface Structure {
      classes: Record<string, { bases: string[]; decorators: string[]; methods: Record<string, string[]> }>;
      functions: Record<string, { args: string[]; defaults: string[]; kwonly: string[]; kwonly_defaults: string[] }>;
      call_roots: string[];
      gamma_ifs: string[];
    }
    let structure: Record<string, Structure>;
    before(function () {
      this.timeout(60_000);
      const run = spawnSync(PYTHON, [SCRIPT, '--structure', file('keras3'), file('optax')], { encoding: 'utf8' });
      assert.strictEqual(run.status, 0, run.stderr);
      structure = JSON.parse(run.stdout) as Record<string, Structure>;
    });

    it('GammaCE subclasses keras.losses.Loss, is serialisable, and calls only keras, keras.ops and math', () => {
      const s = structure[file('keras3')];
      const cls = s.classes[INTEGRATIONS.keras3.definedName];
      assert.deepStrictEqual(cls.bases, ['keras.losses.Loss']);
      assert.deepStrictEqual(cls.decorators, ["keras.saving.register_keras_serializable(package='gamma_ce')"]);
      assert.deepStrictEqual(cls.methods, {
        __init__: ['self', 'gamma', 'threshold', 'from_logits', 'ignore_class', 'reduction', 'name'],
        call: ['self', 'y_true', 'y_pred'],
        get_config: ['self'],
      });
      assert.deepStrictEqual(
        s.call_roots.filter((r) => !['ValueError', 'float', 'super', 'config'].includes(r)),
        ['keras', 'math', 'ops'],
      );
    });

    it('gamma_ce_loss is optax-style and jit-safe: no Python branch on gamma except the check of a concrete one', () => {
      const s = structure[file('optax')];
      assert.deepStrictEqual(s.functions.gamma_ce_loss, {
        args: ['logits', 'labels', 'gamma', 'threshold'],
        defaults: ['0.1', 'None'],
        kwonly: ['ignore_index', 'where'],
        kwonly_defaults: ['-100', 'None'],
      });
      assert.deepStrictEqual(s.gamma_ifs, ['isinstance(gamma, (int, float)) and (not 0.0 <= gamma <= 1.0)']);
      assert.deepStrictEqual(
        s.call_roots.filter((r) => !['ValueError', 'isinstance'].includes(r)),
        ['jax', 'jnp'],
      );
    });
  });
});
