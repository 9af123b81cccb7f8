// The insert command's logic without a UI: where the loss and its imports go, and input checks.
import * as assert from 'assert';
import { frameworkOrder } from '../../src/snippets/frameworks';
import { applyInserts, InsertionRequest, planInsertion } from '../../src/snippets/insertion';
import {
  GAMMA_FIELD,
  parseInsertOptions,
  parseOptionalThreshold,
  parseUnitInterval,
  THRESHOLD_FIELD,
} from '../../src/snippets/insertOptions';
import { kindsFor } from '../../src/snippets/integrations';
import { renderCode } from '../../src/snippets/render';

type Request = Partial<InsertionRequest> & Pick<InsertionRequest, 'text'>;

function request(r: Request): InsertionRequest {
  const lines = r.text.split(/\r?\n/);
  return {
    languageId: 'python',
    cursor: { line: lines.length - 1, character: lines[lines.length - 1].length },
    framework: 'pytorch',
    form: 'closed',
    values: { gamma: 0.3, threshold: 0.2 },
    insertSpaces: true,
    tabSize: 4,
    ...r,
  };
}

function insert(r: Request): string {
  return applyInserts(r.text, planInsertion(request(r)).inserts);
}

const TORCH_IMPORTS = 'import math\nimport torch\nimport torch.nn.functional as F\n';
const closedTorch = renderCode(
  { framework: 'pytorch', form: 'closed', language: 'python' },
  { gamma: 0.3, threshold: 0.2 },
).replace(/\t/g, '    ');

describe('planInsertion', () => {
  it('into an empty Python file: the imports, two blank lines, the loss with γ written in', () => {
    assert.strictEqual(insert({ text: '' }), `${TORCH_IMPORTS}\n\n${closedTorch}`);
    assert.match(closedTorch, /^def gamma_ce_loss\(logits, labels, gamma=0\.3\):\n {4}"""gamma-cross-entropy/);
  });

  it('adds imports once: a second insertion adds only the function', () => {
    const once = insert({ text: '' });
    const twice = insert({ text: `${once}\n\n\n`, form: 'tailr' });
    assert.strictEqual(twice.match(/^import torch$/gm)?.length, 1);
    assert.strictEqual(twice.match(/^import math$/gm)?.length, 1);
    assert.match(twice, /def tailr_loss\(logits, labels, gamma=0\.3, threshold=0\.2\):/);
    assert.deepStrictEqual(planInsertion(request({ text: `${once}\n` })).addedImports, []);
  });

  it('recognises the imports in any equivalent form and adds only what is missing, after the import block', () => {
    const text =
      '"""Training."""\nfrom __future__ import annotations\n\nimport os, math\nfrom torch.nn import functional as F\n\nx = 1\n';
    const plan = planInsertion(request({ text }));
    assert.deepStrictEqual(plan.addedImports, ['import torch']);
    assert.ok(
      insert({ text }).startsWith(
        '"""Training."""\nfrom __future__ import annotations\n\nimport os, math\nfrom torch.nn import functional as F\nimport torch\n\nx = 1\n',
      ),
    );
    assert.deepStrictEqual(
      planInsertion(request({ text: 'import torch.nn.functional as F\nimport torch.optim\nimport math\n' }))
        .addedImports,
      [],
    );
  });

  it('puts imports after a shebang, comments and the module docstring, not before', () => {
    const text = '#!/usr/bin/env python3\n# Copyright\n"""Module\n\ndocs."""\n\ndef main():\n    pass\n';
    const result = insert({ text, framework: 'numpy' });
    assert.ok(
      result.startsWith(
        '#!/usr/bin/env python3\n# Copyright\n"""Module\n\ndocs."""\n\nimport math\nimport numpy as np\n\ndef main():',
      ),
      result,
    );
  });

  it('follows a multi-line parenthesised import to its end', () => {
    const text = 'from typing import (\n    Any,\n    Dict,\n)\nimport torch\n\nmodel = None\n';
    assert.ok(
      insert({ text }).startsWith(
        'from typing import (\n    Any,\n    Dict,\n)\nimport torch\nimport math\nimport torch.nn.functional as F\n\nmodel = None\n',
      ),
    );
  });

  it("indents with the editor's settings and the cursor line's indentation", () => {
    const text = 'class Losses:\n    \n';
    const result = insert({ text, cursor: { line: 1, character: 4 }, languageId: 'plaintext', insertSpaces: false });
    const lines = result.split('\n');
    assert.strictEqual(lines[1], '    def gamma_ce_loss(logits, labels, gamma=0.3):');
    assert.strictEqual(lines[2], '    \t"""gamma-cross-entropy, mean over the batch:');
    assert.ok(
      lines
        .filter((l) => l.includes('raise ValueError'))
        .every((l) => l === '    \t\traise ValueError(f"gamma must be in [0, 1], got {gamma}")'),
    );
    const twoSpaces = insert({ text: '', tabSize: 2 }).split('\n');
    assert.ok(twoSpaces.includes('  if gamma == 0.0:') && twoSpaces.includes('    return -log_p.mean()'));
  });

  it('starts on a new line when the cursor follows code, and moves code after the cursor below', () => {
    const text = 'import math\nimport torch\nimport torch.nn.functional as F\nx = 1  # end';
    const result = insert({ text, cursor: { line: 3, character: 5 } });
    assert.ok(
      result.startsWith('import math\nimport torch\nimport torch.nn.functional as F\nx = 1\ndef gamma_ce_loss('),
      result,
    );
    assert.ok(result.endsWith('.mean()\n  # end'), result.slice(-40));
  });

  it('keeps CRLF line endings', () => {
    const result = insert({ text: 'import torch\r\n\r\n' });
    assert.ok(!/[^\r]\n/.test(result), 'every newline is CRLF');
    assert.ok(
      result.startsWith('import torch\r\nimport math\r\nimport torch.nn.functional as F\r\n\r\ndef gamma_ce_loss('),
    );
  });

  it('inserts without imports into a document of another language (e.g. Markdown)', () => {
    const plan = planInsertion(request({ text: '# Notes\n\n', languageId: 'markdown' }));
    assert.deepStrictEqual(plan.addedImports, []);
    assert.strictEqual(plan.inserts.length, 1);
  });

  describe('TypeScript and JavaScript', () => {
    const tfImport = "import * as tf from '@tensorflow/tfjs';";

    it('adds the tfjs import after the last import, multi-line ones included, and typed code', () => {
      const text = "// Copyright\nimport {\n  a,\n  b,\n} from './x';\nimport fs from 'fs';\n\nexport const y = 1;\n";
      const result = insert({ text, languageId: 'typescript', framework: 'tfjs', form: 'tailr' });
      assert.ok(
        result.startsWith(
          `// Copyright\nimport {\n  a,\n  b,\n} from './x';\nimport fs from 'fs';\n${tfImport}\n\nexport const y = 1;\n`,
        ),
        result,
      );
      assert.match(
        result,
        /\nfunction tailrLoss\(\n {4}logits: tf\.Tensor2D,\n {4}labels: tf\.Tensor1D,\n {4}gamma = 0\.3,\n {4}threshold = 0\.2,\n\): tf\.Scalar \{\n/,
      );
    });

    it('accepts tfjs-node as the tf binding', () => {
      const plan = planInsertion(
        request({
          text: "import * as tf from '@tensorflow/tfjs-node';\n",
          languageId: 'typescript',
          framework: 'tfjs',
        }),
      );
      assert.deepStrictEqual(plan.addedImports, []);
    });

    it('uses require() in a CommonJS JavaScript file, after "use strict", and untyped code', () => {
      const text = "'use strict';\nconst fs = require('fs');\n\nmodule.exports = {};\n";
      const result = insert({ text, languageId: 'javascript', framework: 'tfjs', cursor: { line: 2, character: 0 } });
      assert.ok(
        result.startsWith(
          "'use strict';\nconst fs = require('fs');\nconst tf = require('@tensorflow/tfjs');\n\n/**\n * gamma-cross-entropy",
        ),
        result,
      );
      assert.match(result, /function gammaCeLoss\(logits, labels, gamma = 0\.3\) \{/);
    });

    it('uses an ES import in a JavaScript file that has none yet; in 2-space indentation', () => {
      const result = insert({ text: '', languageId: 'javascriptreact', framework: 'tfjs', tabSize: 2 });
      assert.ok(result.startsWith(`${tfImport}\n\n/**`));
      assert.ok(result.includes('\n  return tf.tidy(() => {\n    const logProbs'));
    });

    it('leaves a tf bound to another module alone and reports it', () => {
      const plan = planInsertion(
        request({ text: "import tf from './my-tf';\n", languageId: 'typescript', framework: 'tfjs' }),
      );
      assert.deepStrictEqual(plan.addedImports, []);
      assert.deepStrictEqual(plan.conflicts, ['tf']);
    });
  });
});

describe('integrations in the insert command', () => {
  it('the form pick offers each framework its loss forms, then its integrations', () => {
    assert.deepStrictEqual(kindsFor('pytorch'), ['closed', 'tailr', 'sequence', 'module', 'trainer', 'lightning']);
    assert.deepStrictEqual(kindsFor('keras'), ['closed', 'tailr', 'sequence', 'keras3']);
    assert.deepStrictEqual(kindsFor('jax'), ['closed', 'tailr', 'sequence', 'optax']);
    assert.deepStrictEqual(kindsFor('numpy'), ['closed', 'tailr', 'sequence']);
    assert.deepStrictEqual(kindsFor('tfjs'), ['closed', 'tailr', 'sequence']);
  });

  it('adds only the imports the Trainer subclass lacks, recognising `import torch.nn as nn`', () => {
    const text = 'import torch\nimport torch.nn as nn\n\nmodel = None\n';
    const plan = planInsertion(request({ text, form: 'trainer', values: { gamma: 0.1, threshold: null } }));
    assert.deepStrictEqual(plan.addedImports, [
      'import math',
      'import torch.nn.functional as F',
      'from transformers import Trainer',
    ]);
    assert.deepStrictEqual(plan.conflicts, []);
    const result = applyInserts(text, plan.inserts);
    assert.match(result, /def __init__\(self, \*args, gamma=0\.1, threshold=None, causal_lm=True, \*\*kwargs\):/);
    assert.match(result, /^class GammaCELoss\(nn\.Module\):$/m);
  });

  it('the Keras 3 class imports keras and keras.ops, not TensorFlow', () => {
    const plan = planInsertion(
      request({ text: '', framework: 'keras', form: 'keras3', values: { gamma: 0.5, threshold: 0.2 } }),
    );
    assert.deepStrictEqual(plan.addedImports, ['import math', 'import keras', 'from keras import ops']);
  });

  it('parseInsertOptions takes an integration as the form, infers its framework, and None for b', () => {
    assert.deepStrictEqual(parseInsertOptions({ form: 'trainer', threshold: null }).value, {
      framework: 'pytorch',
      form: 'trainer',
      threshold: null,
    });
    assert.deepStrictEqual(parseInsertOptions({ form: 'optax', gamma: 0.5, threshold: 0.2 }).value, {
      framework: 'jax',
      form: 'optax',
      gamma: 0.5,
      threshold: 0.2,
    });
    assert.match(
      parseInsertOptions({ framework: 'jax', form: 'lightning' }).error!,
      /'lightning' is a pytorch integration, not jax/,
    );
    assert.match(parseInsertOptions({ form: 'tailr', threshold: null }).error!, /for the integration forms only/);
  });

  it("b of an integration: empty is None, a number in [0, 1] is TaiLr's floor", () => {
    assert.deepStrictEqual(parseOptionalThreshold('  ').value, null);
    assert.strictEqual(parseOptionalThreshold('0.2').value, 0.2);
    assert.strictEqual(parseOptionalThreshold('2').error, 'b must be at most 1 (1 makes every weight 1); got 2.');
  });
});

describe('frameworkOrder (the quick pick, pre-selected from the active editor)', () => {
  it('puts PyTorch first for Python and with no editor, TensorFlow.js first for TypeScript/JavaScript', () => {
    assert.deepStrictEqual(frameworkOrder('python'), ['pytorch', 'keras', 'jax', 'numpy', 'tfjs']);
    assert.deepStrictEqual(frameworkOrder(undefined)[0], 'pytorch');
    assert.deepStrictEqual(frameworkOrder('markdown')[0], 'pytorch');
    for (const id of ['typescript', 'javascript', 'typescriptreact', 'javascriptreact']) {
      assert.deepStrictEqual(frameworkOrder(id), ['tfjs', 'pytorch', 'keras', 'jax', 'numpy']);
    }
  });
});

describe('parseUnitInterval (validation next to the γ and b fields)', () => {
  it('accepts numbers in [0, 1], in decimal or exponent notation', () => {
    const ok = ['0', '1', '0.1', ' 0.25 ', '1e-7', '1E-7', '.5', '1.0', '+0.3', '-0'];
    assert.deepStrictEqual(
      ok.map((t) => parseUnitInterval(t, GAMMA_FIELD).value),
      [0, 1, 0.1, 0.25, 1e-7, 1e-7, 0.5, 1, 0.3, 0],
    );
  });

  it('refuses anything else with a message that says what to enter', () => {
    const error = (t: string, field = GAMMA_FIELD) => parseUnitInterval(t, field).error;
    assert.strictEqual(error(''), 'Enter γ, a number from 0 to 1 (0 is cross-entropy).');
    assert.strictEqual(error('abc'), "'abc' is not a number: enter γ from 0 to 1, e.g. 0.1 or 1e-7.");
    assert.strictEqual(error('1.5'), 'γ must be at most 1 (1 gives 1 − p); got 1.5.');
    assert.strictEqual(error('-0.1'), 'γ must be at least 0 (0 is cross-entropy); got -0.1.');
    assert.strictEqual(error('2', THRESHOLD_FIELD), 'b must be at most 1 (1 makes every weight 1); got 2.');
    for (const t of ['NaN', 'Infinity', '0x1', '1/2', '0.1.2', '1e', '0,5']) assert.ok(error(t), `${t} is refused`);
  });
});

describe('parseInsertOptions (the command argument for keybindings and tests)', () => {
  it('accepts nothing, or any subset of framework, form, gamma, threshold', () => {
    assert.deepStrictEqual(parseInsertOptions(undefined).value, {});
    assert.deepStrictEqual(
      parseInsertOptions({ framework: 'jax', form: 'sequence', gamma: 1e-7, threshold: 0.2 }).value,
      { framework: 'jax', form: 'sequence', gamma: 1e-7, threshold: 0.2 },
    );
  });

  it('refuses unknown names and out-of-range values', () => {
    assert.match(
      parseInsertOptions({ framework: 'mxnet' }).error!,
      /framework must be one of pytorch, keras, jax, numpy, tfjs; got "mxnet"/,
    );
    assert.match(parseInsertOptions({ form: 'focal' }).error!, /form must be one of closed, tailr, sequence/);
    assert.match(parseInsertOptions({ gamma: 2 }).error!, /γ must be at most 1/);
    assert.match(parseInsertOptions({ threshold: '0.1' }).error!, /threshold must be a number/);
    assert.match(parseInsertOptions({ gama: 0.1 }).error!, /unknown option 'gama'/);
    assert.match(parseInsertOptions([1]).error!, /must be an object/);
  });
});
