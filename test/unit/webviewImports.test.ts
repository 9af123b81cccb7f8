import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { REPO } from './helpers';

/** The module specifiers a file imports or re-exports for their values (type-only ones are erased). */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const bindings = clause?.namedBindings;
      const onlyTypes =
        clause &&
        !clause.name &&
        bindings &&
        ts.isNamedImports(bindings) &&
        bindings.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

/** Every file and package a bundle entry reaches through value imports. */
function reach(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of valueImports(file)) {
      if (!specifier.startsWith('.')) packages.add(specifier);
      else {
        const base = path.resolve(path.dirname(file), specifier);
        visit(fs.existsSync(`${base}.ts`) ? `${base}.ts` : path.join(base, 'index.ts'));
      }
    }
  };
  visit(entry);
  return { files, packages };
}

describe('webview bundles', () => {
  for (const panel of ['calibration', 'training', 'lm']) {
    it(`the ${panel} webview reaches no package (zod stays on the host): its protocol is imported as types only`, () => {
      const { files, packages } = reach(path.join(REPO, 'src', 'webview', panel, 'main.ts'));
      assert.deepStrictEqual([...packages], []);
      const relative = [...files].map((f) => path.relative(REPO, f).split(path.sep).join('/'));
      assert.ok(
        !relative.some((f) => f.endsWith('/protocol.ts') || f === 'src/extension/webviewProtocol.ts'),
        relative.join('\n'),
      );
    });
  }

  it('the check sees value imports of a protocol module', () => {
    const { files } = reach(path.join(REPO, 'src', 'extension', 'training', 'protocol.ts'));
    assert.ok([...files].some((f) => f.endsWith(path.join('calibration', 'protocol.ts'))));
    assert.ok(valueImports(path.join(REPO, 'src', 'extension', 'webviewProtocol.ts')).includes('zod'));
  });
});
