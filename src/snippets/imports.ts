// Which imports a loss body needs, which a document already has, and where missing ones go.
import { FRAMEWORKS } from './frameworks';
import { INTEGRATIONS, isIntegration } from './integrations';
import type { CodeLanguage, FrameworkId, SnippetKind } from './types';

/** How a JavaScript file loads modules: `import … from` or `require(…)`. */
export type ModuleStyle = 'module' | 'commonjs';

export interface RequiredImport {
  statement: string;
  /** The name the body uses. */
  name: string;
  /** Whether a module that name is already bound to will do. */
  accepts(module: string): boolean;
}

const TFJS = '@tensorflow/tfjs';

/** The imports a body needs; an integration's own, which may differ from its framework's forms'. */
export function requiredImports(
  framework: FrameworkId,
  language: CodeLanguage,
  style: ModuleStyle,
  kind?: SnippetKind,
): RequiredImport[] {
  if (kind !== undefined && isIntegration(kind)) {
    return INTEGRATIONS[kind].pythonImports.map(({ statement, name, module }) => ({
      statement,
      name,
      accepts: (bound) => bound === module,
    }));
  }
  if (framework !== 'tfjs') {
    return FRAMEWORKS[framework].pythonImports.map(({ statement, name, module }) => ({
      statement,
      name,
      accepts: (bound) => bound === module,
    }));
  }
  const statement = language === 'javascript' && style === 'commonjs'
    ? `const tf = require('${TFJS}');`
    : `import * as tf from '${TFJS}';`;
  // tfjs-node and tfjs-node-gpu re-export the whole of @tensorflow/tfjs.
  return [{ statement, name: 'tf', accepts: (bound) => bound === TFJS || bound.startsWith(`${TFJS}-node`) }];
}

export function importStatementsFor(
  framework: FrameworkId,
  language: CodeLanguage,
  style: ModuleStyle,
  kind?: SnippetKind,
): string[] {
  return requiredImports(framework, language, style, kind).map((i) => i.statement);
}

export interface ImportScan {
  /** Name → module for every top-level import (a named ES import as `module#export`). */
  bindings: Map<string, string>;
  /** The line before which new imports go. */
  insertLine: number;
  /** Whether insertLine follows existing imports (no blank line needed before the new ones). */
  afterImports: boolean;
  /** Whether insertLine follows a header (shebang, comments, docstring, directives). */
  afterHeader: boolean;
}

// ---- Python ----

const PY_IMPORT_START = /^(import|from)\s/;

/** A top-level Python import statement starting at `start`: its text and its last line. */
function pythonStatement(lines: string[], start: number): { text: string; end: number } {
  let text = '';
  let depth = 0;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i].replace(/#.*$/, '');
    text += ` ${line.replace(/\\\s*$/, '')}`;
    depth += (line.match(/\(/g) ?? []).length - (line.match(/\)/g) ?? []).length;
    if (depth <= 0 && !/\\\s*$/.test(line)) return { text: text.trim(), end: i };
  }
  return { text: text.trim(), end: lines.length - 1 };
}

function addPythonBindings(statement: string, bindings: Map<string, string>): void {
  const from = /^from\s+([\w.]+)\s+import\s+\(?([^)]*)\)?$/.exec(statement);
  if (from) {
    for (const part of from[2].split(',')) {
      const m = /^\s*(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
      if (m) bindings.set(m[2] ?? m[1], `${from[1]}.${m[1]}`);
    }
    return;
  }
  const plain = /^import\s+(.+)$/.exec(statement);
  if (!plain) return;
  for (const part of plain[1].split(',')) {
    const m = /^\s*([\w.]+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
    if (!m) continue;
    // `import a.b` binds `a`; `import a.b as c` binds `c` to a.b.
    if (m[2]) bindings.set(m[2], m[1]);
    else bindings.set(m[1].split('.')[0], m[1].split('.')[0]);
  }
}

function isPythonTrivia(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#');
}

/** The last line of a module docstring starting at `start`, or -1 when there is none. */
function pythonDocstringEnd(lines: string[], start: number): number {
  const open = /^[rRuU]?("""|''')/.exec(lines[start] ?? '');
  if (!open) return /^[rRuU]?(["'])(?:(?!\1)[^\\]|\\.)*\1\s*$/.test(lines[start] ?? '') ? start : -1;
  const quote = open[1];
  if (lines[start].indexOf(quote, open[0].length) >= 0) return start;
  for (let i = start + 1; i < lines.length; i++) if (lines[i].includes(quote)) return i;
  return lines.length - 1;
}

export function scanPythonImports(lines: string[]): ImportScan {
  const bindings = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    if (!PY_IMPORT_START.test(lines[i])) continue;
    const { text, end } = pythonStatement(lines, i);
    addPythonBindings(text, bindings);
    i = end;
  }

  // Header: shebang and comments, the module docstring, `from __future__` imports.
  let headerEnd = -1;
  let i = 0;
  const skipTrivia = () => {
    while (i < lines.length && isPythonTrivia(lines[i])) {
      if (lines[i].trim()) headerEnd = i;
      i++;
    }
  };
  skipTrivia();
  const docEnd = pythonDocstringEnd(lines, i);
  if (docEnd >= 0) {
    headerEnd = docEnd;
    i = docEnd + 1;
    skipTrivia();
  }
  while (i < lines.length && /^from\s+__future__\s/.test(lines[i])) {
    headerEnd = pythonStatement(lines, i).end;
    i = headerEnd + 1;
    skipTrivia();
  }

  // The import block right after it (comments and blank lines may separate its statements).
  let lastImport = -1;
  while (i < lines.length && (PY_IMPORT_START.test(lines[i]) || isPythonTrivia(lines[i]))) {
    if (PY_IMPORT_START.test(lines[i])) {
      lastImport = pythonStatement(lines, i).end;
      i = lastImport + 1;
    } else i++;
  }
  if (lastImport >= 0) return { bindings, insertLine: lastImport + 1, afterImports: true, afterHeader: false };
  return { bindings, insertLine: headerEnd + 1, afterImports: false, afterHeader: headerEnd >= 0 };
}

// ---- TypeScript / JavaScript ----

const ES_IMPORT_START = /^import[\s{*'"]/;
const REQUIRE = /^(?:const|let|var)\s+(\w+)\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)/;
const TS_IMPORT_REQUIRE = /^import\s+(\w+)\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)/;

/** An ES import starting at `start`: it ends on the line naming its module. */
function esStatement(lines: string[], start: number): { text: string; end: number } {
  let text = '';
  for (let i = start; i < lines.length; i++) {
    text += ` ${lines[i].replace(/\/\/.*$/, '')}`;
    if (/(?:\bfrom\s*|^\s*import\s*|require\(\s*)['"][^'"]+['"]/.test(text)) return { text: text.trim(), end: i };
  }
  return { text: text.trim(), end: lines.length - 1 };
}

function addEsBindings(statement: string, bindings: Map<string, string>): void {
  const tsRequire = TS_IMPORT_REQUIRE.exec(statement);
  if (tsRequire) {
    bindings.set(tsRequire[1], tsRequire[2]);
    return;
  }
  const m = /^import\s+(?:type\s+)?(.*?)\s*from\s*['"]([^'"]+)['"]/.exec(statement);
  if (!m) return;
  const [, clause, module] = m;
  const namespace = /\*\s*as\s+(\w+)/.exec(clause);
  if (namespace) bindings.set(namespace[1], module);
  const defaultName = /^(\w+)\s*(?:,|$)/.exec(clause);
  if (defaultName) bindings.set(defaultName[1], `${module}#default`);
  const named = /\{([^}]*)\}/.exec(clause);
  for (const part of named ? named[1].split(',') : []) {
    const n = /^\s*(?:type\s+)?(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
    if (n) bindings.set(n[2] ?? n[1], `${module}#${n[1]}`);
  }
}

export function moduleStyleOf(lines: string[]): ModuleStyle {
  const text = lines.join('\n');
  if (/^\s*(import[\s{*'"]|export\s)/m.test(text)) return 'module';
  return /\brequire\s*\(/.test(text) ? 'commonjs' : 'module';
}

export function scanScriptImports(lines: string[]): ImportScan {
  const bindings = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    const required = REQUIRE.exec(lines[i]);
    if (required) bindings.set(required[1], required[2]);
    if (!ES_IMPORT_START.test(lines[i])) continue;
    const { text, end } = esStatement(lines, i);
    addEsBindings(text, bindings);
    i = end;
  }

  // Header: shebang, comments (line and block) and directives such as 'use strict'.
  let headerEnd = -1;
  let i = 0;
  let inBlockComment = false;
  for (; i < lines.length; i++) {
    const t = lines[i].trim();
    if (inBlockComment) {
      headerEnd = i;
      if (t.includes('*/')) inBlockComment = false;
    } else if (t.startsWith('/*')) {
      headerEnd = i;
      inBlockComment = !t.includes('*/', 2);
    } else if (t.startsWith('//') || (i === 0 && t.startsWith('#!')) || /^['"]use \w+['"];?$/.test(t)) {
      headerEnd = i;
    } else if (t !== '') break;
  }

  let lastImport = -1;
  for (; i < lines.length; i++) {
    const t = lines[i].trim();
    if (ES_IMPORT_START.test(lines[i])) {
      lastImport = esStatement(lines, i).end;
      i = lastImport;
    } else if (REQUIRE.test(lines[i])) {
      lastImport = i;
    } else if (t !== '' && !t.startsWith('//')) break;
  }
  if (lastImport >= 0) return { bindings, insertLine: lastImport + 1, afterImports: true, afterHeader: false };
  return { bindings, insertLine: headerEnd + 1, afterImports: false, afterHeader: headerEnd >= 0 };
}
