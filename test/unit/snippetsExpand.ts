// What VS Code inserts for a snippet: its body with every placeholder at its default, tabs turned
// into the editor's indentation; and what the insert command writes into an empty Python file.
import * as assert from 'assert';
import { applyInserts, planInsertion } from '../../src/snippets/insertion';
import { renderSnippet } from '../../src/snippets/render';
import type { CodeLanguage, Form, FrameworkId, LossValues, SnippetKind } from '../../src/snippets/types';

/** A snippet body with every placeholder at its default and the escapes undone. */
export function expandWithDefaults(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\' && '$}\\'.includes(body[i + 1])) {
      out += body[++i];
    } else if (c === '$') {
      const m = /^\$(?:\{(\d+):([^}]*)\}|(\d+))/.exec(body.slice(i));
      assert.ok(m, `unescaped $ at ${i}: ${body.slice(i, i + 20)}`);
      out += m[2] ?? '';
      i += m[0].length - 1;
    } else {
      assert.notStrictEqual(c, '}', `unescaped } at ${i}: ${body.slice(Math.max(0, i - 20), i + 1)}`);
      out += c;
    }
  }
  return out;
}

/** The text a user gets by expanding the snippet in an empty file indented with `indent` spaces. */
export function insertedSnippet(framework: FrameworkId, form: Form, language: CodeLanguage, indent: number): string {
  return expandWithDefaults(renderSnippet({ framework, form, language })).replace(/^\t+/gm, (tabs) =>
    ' '.repeat(indent * tabs.length),
  );
}

/** The module the insert command writes into an empty Python file: the imports, then the code. */
export function pythonModule(framework: FrameworkId, form: SnippetKind, values: LossValues): string {
  const request = {
    text: '',
    languageId: 'python',
    cursor: { line: 0, character: 0 },
    framework,
    form,
    values,
    insertSpaces: true,
    tabSize: 4,
  };
  return `${applyInserts('', planInsertion(request).inserts)}\n`;
}
