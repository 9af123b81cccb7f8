// The pure snippet module (no vscode): templates, rendering, the generated files, the insert plan.
export * from './types';
export { FRAMEWORKS, FORM_LABELS, codeLanguageFor, languageMatches, frameworkOrder } from './frameworks';
export { renderSnippet, renderCode, formatNumber } from './render';
export type { RenderRequest } from './render';
export { snippetFiles, snippetEntries, snippetName, snippetPrefixes, SNIPPET_CONTRIBUTIONS } from './snippetFiles';
export type { SnippetFile, SnippetEntry } from './snippetFiles';
export { requiredImports, importStatementsFor } from './imports';
export { planInsertion, applyInserts } from './insertion';
export type { InsertionPlan, InsertionRequest, TextInsert, Position } from './insertion';
export { parseUnitInterval, parseInsertOptions, GAMMA_FIELD, THRESHOLD_FIELD } from './insertOptions';
