// What "γ-CE: Insert Loss Function" does to a document, as a pure function of its text: the loss
// at the cursor in the editor's indentation, and the imports it needs at the top unless present.
import { codeLanguageFor, languageMatches } from './frameworks';
import { moduleStyleOf, requiredImports, scanPythonImports, scanScriptImports } from './imports';
import { renderCode } from './render';
import type { FrameworkId, LossValues, SnippetKind } from './types';

export interface Position {
  line: number;
  character: number;
}

export interface TextInsert {
  position: Position;
  text: string;
}

export interface InsertionRequest {
  text: string;
  /** The document's VS Code language id; imports are added only when it is the framework's language. */
  languageId: string | undefined;
  cursor: Position;
  framework: FrameworkId;
  /** A loss form, or an integration of the framework. */
  form: SnippetKind;
  values: LossValues;
  insertSpaces: boolean;
  tabSize: number;
}

export interface InsertionPlan {
  /** Non-overlapping inserts in document order, positions in the original text. */
  inserts: TextInsert[];
  addedImports: string[];
  /** Names the loss needs that the document binds to something else (left alone). */
  conflicts: string[];
}

export function planInsertion(request: InsertionRequest): InsertionPlan {
  const { text, cursor, framework } = request;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const language = codeLanguageFor(framework, request.languageId);
  const isPython = language === 'python';
  const unit = request.insertSpaces ? ' '.repeat(request.tabSize) : '\t';

  const line = lines[cursor.line] ?? '';
  const before = line.slice(0, cursor.character);
  const after = line.slice(cursor.character);
  const baseIndent = /^\s*/.exec(line)![0].slice(0, before.trim() ? undefined : cursor.character);
  const code = renderCode({ framework, form: request.form, language }, request.values)
    .split('\n')
    .map((l, i) => {
      if (!l) return '';
      const indented = l.replace(/^\t+/, (tabs) => unit.repeat(tabs.length));
      return i === 0 ? indented : baseIndent + indented;
    })
    .join(eol);
  const body = (before.trim() ? eol + baseIndent : '') + code + (after.trim() ? eol + baseIndent : '');
  const bodyInsert: TextInsert = { position: cursor, text: body };

  if (!languageMatches(framework, request.languageId)) return { inserts: [bodyInsert], addedImports: [], conflicts: [] };

  const scan = isPython ? scanPythonImports(lines) : scanScriptImports(lines);
  const missing: string[] = [];
  const conflicts: string[] = [];
  for (const required of requiredImports(framework, language, moduleStyleOf(lines), request.form)) {
    const bound = scan.bindings.get(required.name);
    if (bound === undefined) missing.push(required.statement);
    else if (!required.accepts(bound)) conflicts.push(required.name);
  }
  if (missing.length === 0) return { inserts: [bodyInsert], addedImports: [], conflicts };

  const statements = missing.map((s) => s + eol).join('');
  const atEnd = scan.insertLine >= lines.length;
  const position = atEnd
    ? { line: lines.length - 1, character: lines[lines.length - 1].length }
    : { line: scan.insertLine, character: 0 };
  const samePlace = position.line === cursor.line && position.character === cursor.character;
  if (samePlace) {
    // One insert: imports, the blank lines PEP 8 or common TS style puts before a function, the loss.
    const gap = isPython ? eol + eol : eol;
    const lead = scan.afterHeader ? eol : '';
    return {
      inserts: [{ position, text: (atEnd ? eol : '') + lead + statements + gap + body.replace(/^(\r?\n)+/, '') }],
      addedImports: missing,
      conflicts,
    };
  }
  const next = lines[scan.insertLine];
  const lead = (atEnd ? eol : '') + (scan.afterHeader ? eol : '');
  const trail = !scan.afterImports && next !== undefined && next.trim() !== '' ? eol : '';
  const importText = lead + (atEnd ? statements.slice(0, -eol.length) : statements) + trail;
  const importInsert: TextInsert = { position, text: importText };
  return {
    inserts: comparePositions(position, cursor) < 0 ? [importInsert, bodyInsert] : [bodyInsert, importInsert],
    addedImports: missing,
    conflicts,
  };
}

function comparePositions(a: Position, b: Position): number {
  return a.line === b.line ? a.character - b.character : a.line - b.line;
}

/** The text after the inserts, applied from the last to the first (their positions are in the original). */
export function applyInserts(text: string, inserts: readonly TextInsert[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: Position) => lineStarts[p.line] + p.character;
  let result = text;
  for (const insert of [...inserts].sort((a, b) => offset(b.position) - offset(a.position))) {
    const at = offset(insert.position);
    result = result.slice(0, at) + insert.text + result.slice(at);
  }
  return result;
}
