// The contributed snippet files, generated from the templates (scripts/generate-snippets.js writes
// them at build time; test/unit/snippetsFresh.test.ts fails when the committed ones are stale).
import { FORM_LABELS, FRAMEWORKS } from './frameworks';
import { importStatementsFor } from './imports';
import { INTEGRATIONS } from './integrations';
import { renderSnippet } from './render';
import type { CodeLanguage, Form, FrameworkId } from './types';
import { FORMS, INTEGRATION_IDS } from './types';

export interface SnippetFile {
  /** Relative to the repository root, '/'-separated. */
  path: string;
  language: CodeLanguage;
  content: string;
}

/** package.json's contributes.snippets: every language id and the file it reads. */
export const SNIPPET_CONTRIBUTIONS: ReadonlyArray<{ language: string; path: string }> = [
  { language: 'python', path: './snippets/python.json' },
  { language: 'typescript', path: './snippets/typescript.json' },
  { language: 'typescriptreact', path: './snippets/typescript.json' },
  { language: 'javascript', path: './snippets/javascript.json' },
  { language: 'javascriptreact', path: './snippets/javascript.json' },
];

export interface SnippetEntry {
  prefix: string[];
  description: string;
  body: string[];
}

const FORM_NAMES: Record<Form, string> = { closed: 'γ-CE loss', tailr: 'TaiLr loss', sequence: 'TaiLr sequence loss' };

export function snippetName(framework: FrameworkId, form: Form): string {
  return `${FORM_NAMES[form]} (${FRAMEWORKS[framework].label})`;
}

export function snippetPrefixes(framework: FrameworkId, form: Form): string[] {
  const suffix = FRAMEWORKS[framework].prefixSuffix;
  if (form === 'closed') return [`gammace-${suffix}`];
  if (form === 'tailr') return [`tailr-${suffix}`];
  return [`tailr-seq-${suffix}`, `gammace-seq-${suffix}`];
}

export function snippetEntries(language: CodeLanguage): Record<string, SnippetEntry> {
  const entries: Record<string, SnippetEntry> = {};
  for (const framework of Object.values(FRAMEWORKS)) {
    if (!framework.languages.includes(language)) continue;
    const imports = importStatementsFor(framework.id, language, 'module').join(language === 'python' ? '; ' : ' ');
    for (const form of FORMS) {
      entries[snippetName(framework.id, form)] = {
        prefix: snippetPrefixes(framework.id, form),
        description: `${FORM_NAMES[form]} for ${framework.label}: ${FORM_LABELS[form].detail}. ` +
          `Starts with its imports (${imports}): delete any the file already has.`,
        body: renderSnippet({ framework: framework.id, form, language }).split('\n'),
      };
    }
  }
  for (const id of INTEGRATION_IDS) {
    const integration = INTEGRATIONS[id];
    if (!FRAMEWORKS[integration.framework].languages.includes(language)) continue;
    const imports = importStatementsFor(integration.framework, language, 'module', id).join('; ');
    entries[integration.snippetName] = {
      prefix: integration.prefixes,
      description: `${integration.label}: ${integration.detail}. Starts with its imports (${imports}): delete any the file already has.`,
      body: renderSnippet({ framework: integration.framework, form: id, language }).split('\n'),
    };
  }
  return entries;
}

const HEADER = '// Generated from src/snippets by scripts/generate-snippets.js (npm run build): do not edit.\n';

export function snippetFiles(): SnippetFile[] {
  return (['python', 'typescript', 'javascript'] as const).map((language) => ({
    path: `snippets/${language}.json`,
    language,
    content: `${HEADER}${JSON.stringify(snippetEntries(language), null, 2)}\n`,
  }));
}
