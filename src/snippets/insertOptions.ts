// Checks of what the insert command is given: typed γ and b, and the arguments a keybinding or a
// test may pass instead of answering the prompts.
import { INTEGRATIONS, isIntegration } from './integrations';
import { FORMS, FRAMEWORK_IDS, INTEGRATION_IDS } from './types';
import type { FrameworkId, SnippetKind } from './types';

export type Parsed<T> = { value: T; error?: undefined } | { value?: undefined; error: string };

export interface UnitIntervalField {
  /** How the message names the value: 'γ' or 'b'. */
  symbol: string;
  /** What 0 and 1 mean, said when the value is out of range. */
  atZero: string;
  atOne: string;
}

export const GAMMA_FIELD: UnitIntervalField = { symbol: 'γ', atZero: '0 is cross-entropy', atOne: '1 gives 1 − p' };
export const THRESHOLD_FIELD: UnitIntervalField = {
  symbol: 'b',
  atZero: '0 means no floor',
  atOne: '1 makes every weight 1',
};

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A number in [0, 1] as typed (decimal or exponent notation), or the message to show next to the field. */
export function parseUnitInterval(text: string, field: UnitIntervalField): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === '') return { error: `Enter ${field.symbol}, a number from 0 to 1 (${field.atZero}).` };
  if (!DECIMAL.test(trimmed)) return { error: `'${trimmed}' is not a number: enter ${field.symbol} from 0 to 1, e.g. 0.1 or 1e-7.` };
  const value = Number(trimmed);
  if (value < 0) return { error: `${field.symbol} must be at least 0 (${field.atZero}); got ${trimmed}.` };
  if (value > 1) return { error: `${field.symbol} must be at most 1 (${field.atOne}); got ${trimmed}.` };
  return { value: Object.is(value, -0) ? 0 : value };
}

/** b of an integration as typed: empty is None, their γ-CE closed form; a number selects TaiLr. */
export function parseOptionalThreshold(text: string): Parsed<number | null> {
  return text.trim() === '' ? { value: null } : parseUnitInterval(text, THRESHOLD_FIELD);
}

export interface InsertOptions {
  framework?: FrameworkId;
  form?: SnippetKind;
  gamma?: number;
  /** null only with an integration (None: the γ-CE closed form). */
  threshold?: number | null;
}

const KINDS: readonly SnippetKind[] = [...FORMS, ...INTEGRATION_IDS];

/** The command's optional argument: { framework?, form?, gamma?, threshold? }, each checked. */
export function parseInsertOptions(arg: unknown): Parsed<InsertOptions> {
  if (arg === undefined || arg === null) return { value: {} };
  if (typeof arg !== 'object' || Array.isArray(arg)) return { error: 'the argument must be an object { framework, form, gamma, threshold }' };
  const { framework, form, gamma, threshold, ...rest } = arg as Record<string, unknown>;
  const unknownKeys = Object.keys(rest);
  if (unknownKeys.length) return { error: `unknown option ${unknownKeys.map((k) => `'${k}'`).join(', ')}` };
  const options: InsertOptions = {};
  if (framework !== undefined) {
    if (!FRAMEWORK_IDS.includes(framework as FrameworkId)) {
      return { error: `framework must be one of ${FRAMEWORK_IDS.join(', ')}; got ${JSON.stringify(framework)}` };
    }
    options.framework = framework as FrameworkId;
  }
  if (form !== undefined) {
    if (!KINDS.includes(form as SnippetKind)) {
      return { error: `form must be one of ${KINDS.join(', ')}; got ${JSON.stringify(form)}` };
    }
    options.form = form as SnippetKind;
    if (isIntegration(options.form)) {
      const own = INTEGRATIONS[options.form].framework;
      if (options.framework !== undefined && options.framework !== own) {
        return { error: `form '${options.form}' is a ${own} integration, not ${options.framework}` };
      }
      options.framework = own;
    }
  }
  if (threshold === null) {
    if (options.form === undefined || !isIntegration(options.form)) {
      return { error: 'threshold null (None) is for the integration forms only; the loss forms take a number' };
    }
    options.threshold = null;
  }
  for (const [key, value, field] of [['gamma', gamma, GAMMA_FIELD], ['threshold', threshold, THRESHOLD_FIELD]] as const) {
    if (value === undefined || value === null) continue;
    const parsed = typeof value === 'number' ? parseUnitInterval(String(value), field) : { error: `${key} must be a number` };
    if (parsed.error !== undefined) return { error: parsed.error };
    options[key] = parsed.value;
  }
  return { value: options };
}
