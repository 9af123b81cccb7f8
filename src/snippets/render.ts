// Renders a template either as a snippet body (γ and b as tab stops with defaults) or as plain code
// with concrete values, indented with tabs: VS Code turns a snippet's tabs into the editor's
// indentation, and the insert command does the same for plain code.
import { FRAMEWORKS } from './frameworks';
import { importStatementsFor } from './imports';
import { INTEGRATIONS, isIntegration } from './integrations';
import type { CodeLanguage, FrameworkId, LossValues, SnippetKind, TemplateSlots } from './types';
import { DEFAULT_VALUES, INTEGRATION_DEFAULTS } from './types';

// Control characters cannot occur in the templates, so these mark where γ and b go until the
// text has been escaped for the snippet syntax.
const GAMMA_MARK = '\u0001gamma\u0001';
const THRESHOLD_MARK = '\u0001threshold\u0001';

export interface RenderRequest {
  framework: FrameworkId;
  /** A loss form, or an integration of this framework. */
  form: SnippetKind;
  language: CodeLanguage;
}

/**
 * The snippet body: the imports the function needs, so that it runs as inserted into an empty file
 * (a snippet cannot see the file's own imports), then the function with $1 = γ and $2 = b with
 * the defaults as their text, and $0 after it. With the defaults it is exactly what the insert
 * command writes into an empty file.
 */
export function renderSnippet(request: RenderRequest, defaults: LossValues = defaultsFor(request.form)): string {
  const imports = importStatementsFor(request.framework, request.language, 'module', request.form).join('\n');
  const gap = request.language === 'python' ? '\n\n\n' : '\n\n';
  const text = escapeSnippetText(`${imports}${gap}${renderMarked(request)}`);
  return `${text
    .replace(GAMMA_MARK, () => `\${1:${formatNumber(defaults.gamma, request.language)}}`)
    .replace(THRESHOLD_MARK, () => `\${2:${formatThreshold(defaults.threshold, request)}}`)}\n$0`;
}

/** The snippet defaults: the integrations' b is None (their γ-CE closed form). */
export function defaultsFor(kind: SnippetKind): LossValues {
  return isIntegration(kind) ? INTEGRATION_DEFAULTS : DEFAULT_VALUES;
}

/** Plain code with γ and b written in as the parameters' defaults. */
export function renderCode(request: RenderRequest, values: LossValues): string {
  return renderMarked(request)
    .replace(GAMMA_MARK, () => formatNumber(values.gamma, request.language))
    .replace(THRESHOLD_MARK, () => formatThreshold(values.threshold, request));
}

/** b as a literal; null (Python's None) only where an integration takes it. */
function formatThreshold(threshold: number | null, { form, language }: RenderRequest): string {
  if (threshold !== null) return formatNumber(threshold, language);
  if (!isIntegration(form)) throw new RangeError(`the ${form} form needs a number for the threshold b`);
  return 'None';
}

/** A number as a literal of the language: Python floats keep a decimal point (0.0, not 0). */
export function formatNumber(value: number, language: CodeLanguage): string {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not a finite number`);
  const text = String(value);
  return language === 'python' && Number.isInteger(value) ? `${text}.0` : text;
}

function renderMarked({ framework, form, language }: RenderRequest): string {
  const templates = FRAMEWORKS[framework];
  if (!templates.languages.includes(language)) {
    throw new RangeError(`${templates.label} has no ${language} template`);
  }
  const slots: TemplateSlots = {
    gamma: GAMMA_MARK,
    threshold: THRESHOLD_MARK,
    ts: (annotation) => (language === 'typescript' ? annotation : ''),
  };
  if (isIntegration(form) && INTEGRATIONS[form].framework !== framework) {
    throw new RangeError(`${INTEGRATIONS[form].label} is not a ${templates.label} integration`);
  }
  const text = isIntegration(form) ? INTEGRATIONS[form].body(slots) : templates.forms[form](slots);
  const expected = form === 'closed' ? 1 : 2;
  // eslint-disable-next-line no-control-regex -- \u0001 marks placeholders while rendering
  const marks = (text.match(/\u0001/g) ?? []).length / 2;
  if (marks !== expected) throw new Error(`${framework}/${form}: ${marks} value slots, expected ${expected}`);
  return tabIndent(text, templates.indentWidth);
}

/** Leading runs of `width` spaces become tabs; a remainder (the space before a JSDoc `*`) stays. */
function tabIndent(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      const spaces = line.length - line.trimStart().length;
      if (spaces === line.length) return '';
      const levels = Math.floor(spaces / width);
      return '\t'.repeat(levels) + line.slice(levels * width);
    })
    .join('\n');
}

/** `$`, `}` and `\` are literal only when escaped in a snippet body. */
function escapeSnippetText(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}
