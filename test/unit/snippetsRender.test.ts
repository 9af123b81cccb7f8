import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'jsonc-parser';
import { FRAMEWORKS } from '../../src/snippets/frameworks';
import { applyInserts, planInsertion } from '../../src/snippets/insertion';
import { formatNumber, renderCode, renderSnippet } from '../../src/snippets/render';
import { SNIPPET_CONTRIBUTIONS, snippetEntries, snippetFiles, SnippetEntry } from '../../src/snippets/snippetFiles';
import type { CodeLanguage, Form, FrameworkId, IntegrationId } from '../../src/snippets/types';
import { INTEGRATIONS } from '../../src/snippets/integrations';
import { DEFAULT_VALUES, FORMS, FRAMEWORK_IDS, INTEGRATION_DEFAULTS, INTEGRATION_IDS } from '../../src/snippets/types';
import { REPO } from './helpers';
import { expandWithDefaults } from './snippetsExpand';

const ALL: Array<{ framework: FrameworkId; form: Form; language: CodeLanguage }> = FRAMEWORK_IDS.flatMap((framework) =>
  FRAMEWORKS[framework].languages.flatMap((language) => FORMS.map((form) => ({ framework, form, language }))),
);

describe('snippet rendering', () => {
  it(`renders all ${ALL.length} framework × form × language bodies`, () => {
    assert.strictEqual(ALL.length, 4 * 3 + 2 * 3);
  });

  for (const request of ALL) {
    const name = `${request.framework}/${request.form}/${request.language}`;
    it(`${name}: the snippet with its defaults is exactly what the command writes into an empty file with γ = 0.1, b = 0, imports included`, () => {
      const snippet = renderSnippet(request);
      const intoEmptyFile = applyInserts(
        '',
        planInsertion({
          text: '',
          languageId: request.language,
          cursor: { line: 0, character: 0 },
          framework: request.framework,
          form: request.form,
          values: DEFAULT_VALUES,
          insertSpaces: false,
          tabSize: 4,
        }).inserts,
      );
      assert.strictEqual(expandWithDefaults(snippet), `${intoEmptyFile}\n`);
      assert.ok(intoEmptyFile.endsWith(renderCode(request, DEFAULT_VALUES)));
      assert.match(
        intoEmptyFile,
        request.language === 'python' ? /^import math\n/ : /^import \* as tf from '@tensorflow\/tfjs';\n\n\/\*\*/,
      );
      const gamma = formatNumber(0.1, request.language);
      assert.ok(snippet.includes(`\${1:${gamma}}`), 'γ is tab stop 1 with default 0.1');
      if (request.form === 'closed') assert.ok(!snippet.includes('${2'), 'γ-CE has no b');
      else assert.ok(snippet.includes(`\${2:${formatNumber(0, request.language)}}`), 'b is tab stop 2 with default 0');
      assert.ok(snippet.endsWith('\n$0'), 'the final cursor goes after the function');
    });

    it(`${name}: lines within 100 columns, no character VS Code flags as ambiguous (γ is spelled gamma)`, () => {
      const code = renderCode(request, { gamma: 0.5, threshold: 0.2 });
      for (const line of code.split('\n')) {
        const width = line.replace(/\t/g, ' '.repeat(FRAMEWORKS[request.framework].indentWidth)).length;
        assert.ok(width <= 100, `${width} columns: ${line}`);
      }
      // The only non-ASCII characters: none is in VS Code's ambiguous-characters table (which maps
      // γ to y, − to -, × to x, σ to o…), so the editor highlights none of them.
      // eslint-disable-next-line no-control-regex -- the whole ASCII range, NUL included
      const nonAscii = new Set(code.match(/[^\x00-\x7f]/gu));
      assert.deepStrictEqual(
        [...nonAscii].filter((c) => !'·→Σ'.includes(c)),
        [],
      );
    });

    it(`${name}: indented with tabs only (VS Code converts them to the editor's indentation)`, () => {
      for (const line of renderCode(request, { gamma: 0.5, threshold: 0.2 }).split('\n')) {
        assert.match(line, /^\t*( \*.*|[^\s].*)?$/, `line ${JSON.stringify(line)}`);
      }
    });
  }

  for (const id of INTEGRATION_IDS) {
    const { framework, definedName, prefixes } = INTEGRATIONS[id];
    const request = { framework, form: id as IntegrationId, language: 'python' as const };
    it(`integration ${id}: the snippet is what the command writes into an empty file (γ = 0.1, b = None), in 100 columns, tabs only`, () => {
      const snippet = renderSnippet(request);
      const intoEmptyFile = applyInserts(
        '',
        planInsertion({
          text: '',
          languageId: 'python',
          cursor: { line: 0, character: 0 },
          ...request,
          values: INTEGRATION_DEFAULTS,
          insertSpaces: false,
          tabSize: 4,
        }).inserts,
      );
      assert.strictEqual(expandWithDefaults(snippet), `${intoEmptyFile}\n`);
      assert.ok(snippet.includes('${1:0.1}') && snippet.includes('${2:None}'), 'γ and b are tab stops 1 and 2');
      assert.match(intoEmptyFile, new RegExp(`^(class|def) ${definedName}\\(|\\nclass ${definedName}\\(`, 'm'));
      assert.ok(
        prefixes.every((p) => p.startsWith('gammace-')),
        prefixes.join(),
      );
      const code = renderCode(request, { gamma: 1e-7, threshold: 0.25 });
      assert.ok(code.includes('gamma=1e-7') && code.includes('threshold=0.25'), 'the values are written in');
      for (const line of code.split('\n')) {
        assert.ok(line.replace(/\t/g, '    ').length <= 100, `too long: ${line}`);
        assert.match(line, /^\t*([^\s].*)?$/, `line ${JSON.stringify(line)}`);
      }
      // eslint-disable-next-line no-control-regex -- the whole ASCII range, NUL included
      const nonAscii = [...new Set(code.match(/[^\x00-\x7f]/gu))];
      assert.deepStrictEqual(
        nonAscii.filter((c) => !'·→Σ'.includes(c)),
        [],
      );
    });
  }

  it('refuses None for b in the loss forms, and an integration under another framework', () => {
    assert.throws(
      () => renderCode({ framework: 'pytorch', form: 'tailr', language: 'python' }, { gamma: 0.1, threshold: null }),
      /the tailr form needs a number for the threshold b/,
    );
    assert.throws(
      () => renderCode({ framework: 'jax', form: 'trainer', language: 'python' }, INTEGRATION_DEFAULTS),
      /Hugging Face Trainer is not a JAX integration/,
    );
  });

  it('writes γ and b as literals of the language: Python floats keep a decimal point', () => {
    assert.deepStrictEqual(
      [0, 1, 0.1, 1e-7, 0.25].map((v) => formatNumber(v, 'python')),
      ['0.0', '1.0', '0.1', '1e-7', '0.25'],
    );
    assert.deepStrictEqual(
      [0, 1, 0.1, 1e-7].map((v) => formatNumber(v, 'typescript')),
      ['0', '1', '0.1', '1e-7'],
    );
    assert.throws(() => formatNumber(NaN, 'python'), /not a finite number/);
    const code = renderCode(
      { framework: 'pytorch', form: 'tailr', language: 'python' },
      { gamma: 1e-7, threshold: 0.2 },
    );
    assert.match(code.split('\n')[0], /^def tailr_loss\(logits, labels, gamma=1e-7, threshold=0\.2\):$/);
  });

  it('escapes $, } and \\ that belong to the code (f-strings, template literals)', () => {
    const python = renderSnippet({ framework: 'pytorch', form: 'closed', language: 'python' });
    assert.ok(python.includes('got {gamma\\}"'), 'the f-string brace is escaped');
    const ts = renderSnippet({ framework: 'tfjs', form: 'closed', language: 'typescript' });
    assert.ok(ts.includes('got \\${gamma\\}`'), 'the template literal is escaped');
  });

  it('the JavaScript bodies have no TypeScript annotations; the TypeScript ones do', () => {
    for (const form of FORMS) {
      const js = renderCode({ framework: 'tfjs', form, language: 'javascript' }, DEFAULT_VALUES);
      const ts = renderCode({ framework: 'tfjs', form, language: 'typescript' }, DEFAULT_VALUES);
      assert.doesNotMatch(js, /\b(logits|labels|args|dy): |\): tf\.|as tf\./);
      assert.match(ts, /\): tf\.Scalar \{/);
    }
  });

  it('refuses a language the framework has no template for', () => {
    assert.throws(
      () => renderCode({ framework: 'pytorch', form: 'closed', language: 'typescript' }, DEFAULT_VALUES),
      /PyTorch has no typescript template/,
    );
  });
});

describe('snippet files and their contribution', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

  it('python.json holds the 4 Python frameworks × 3 forms and the 5 integrations; typescript.json and javascript.json the 3 TF.js forms', () => {
    const counts = snippetFiles().map((f) => [f.path, Object.keys(parse(f.content) as object).length]);
    assert.deepStrictEqual(counts, [
      ['snippets/python.json', 12 + INTEGRATION_IDS.length],
      ['snippets/typescript.json', 3],
      ['snippets/javascript.json', 3],
    ]);
  });

  it('prefixes are the words users type: gammace-*, tailr-*, tailr-seq-*, unique per language', () => {
    for (const language of ['python', 'typescript', 'javascript'] as const) {
      const entries = Object.values(snippetEntries(language));
      const prefixes = entries.flatMap((e) => e.prefix);
      assert.strictEqual(new Set(prefixes).size, prefixes.length, `${language} prefixes are unique`);
      const integrationPrefixes = new Set(INTEGRATION_IDS.flatMap((id) => INTEGRATIONS[id].prefixes));
      for (const e of entries.filter((x) => !integrationPrefixes.has(x.prefix[0])))
        assert.match(e.prefix[0], /^(gammace|tailr|tailr-seq)-(torch|tf|jax|np|tfjs)$/);
    }
    assert.deepStrictEqual(snippetEntries('python')['TaiLr sequence loss (PyTorch)'].prefix, [
      'tailr-seq-torch',
      'gammace-seq-torch',
    ]);
    assert.deepStrictEqual(snippetEntries('typescript')['γ-CE loss (TensorFlow.js)'].prefix, ['gammace-tfjs']);
  });

  it('descriptions say what the loss is and that the body starts with its imports', () => {
    const e: SnippetEntry = snippetEntries('python')['γ-CE loss (PyTorch)'];
    assert.strictEqual(
      e.description,
      'γ-CE loss for PyTorch: -log(γ + (1 - γ)·p_y) / (1 - γ), mean over the batch. ' +
        'Starts with its imports (import math; import torch; import torch.nn.functional as F): delete any the file already has.',
    );
    assert.deepStrictEqual(e.body.slice(0, 5), [
      'import math',
      'import torch',
      'import torch.nn.functional as F',
      '',
      '',
    ]);
    assert.match(
      snippetEntries('javascript')['TaiLr loss (TensorFlow.js)'].description,
      /Starts with its imports \(import \* as tf from '@tensorflow\/tfjs';\): delete any the file already has\.$/,
    );
  });

  it('package.json contributes each file for its language ids, and the .vsix includes them', () => {
    assert.deepStrictEqual(pkg.contributes.snippets, SNIPPET_CONTRIBUTIONS);
    for (const { path: file } of SNIPPET_CONTRIBUTIONS)
      assert.ok(fs.existsSync(path.join(REPO, file)), `${file} exists`);
    assert.match(fs.readFileSync(path.join(REPO, '.vscodeignore'), 'utf8'), /^!snippets\/\*\.json$/m);
  });

  it('package.json contributes the command "γ-CE: Insert Loss Function"', () => {
    const command = pkg.contributes.commands.find(
      (c: { command: string }) => c.command === 'gammaCe.insertLossFunction',
    );
    assert.deepStrictEqual(command, {
      command: 'gammaCe.insertLossFunction',
      title: 'Insert Loss Function',
      category: 'γ-CE',
    });
    assert.strictEqual(pkg.engines.vscode, '^1.100.0');
  });
});
