/** The per-field checks of resolveTrainConfig, read from the settings spec; each returns the message, or undefined when the value is fine. */
import type { AnySetting, ListSetting, NumberBounds } from './settings';

export function settingProblem(key: string, setting: AnySetting, value: unknown): string | undefined {
  const subject = setting.subject ?? key;
  switch (setting.kind) {
    case 'number':
      if (value === null && setting.nullable) return undefined;
      if (!setting.bounds || inBounds(value, setting.bounds)) return undefined;
      return boundsMessage(subject, setting.bounds, value);
    case 'list':
      if (value === null && setting.nullable) return undefined;
      return listProblem(subject, setting, value);
    case 'enum':
      return setting.values.includes(value as string)
        ? undefined
        : `${subject} must be ${orList(setting.values, setting.quoted)}, got '${String(value)}'`;
    case 'enumList':
      if (!Array.isArray(value)) return `${subject} must be a list of ${orList(setting.values)}, got ${shown(value)}`;
      for (const v of value) if (!setting.values.includes(v as string)) return setting.unknown(String(v));
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${subject} must be true or false, got ${String(value)}`;
  }
}

function listProblem(subject: string, setting: ListSetting<number[] | null>, value: unknown): string | undefined {
  const { distinct, invalid, items } = setting;
  if (!distinct) {
    const ok = Array.isArray(value) && value.length > 0 && value.every((v) => inBounds(v, items));
    return ok ? undefined : (invalid?.(value) ?? `${subject} must be a non-empty list, got ${shown(value)}`);
  }
  if (!Array.isArray(value) || value.length === 0) return distinct.empty;
  const bad: unknown = (value as unknown[]).find((v) => !inBounds(v, items));
  if (bad !== undefined) return boundsMessage(distinct.item, items, bad);
  const repeated = (value as number[]).find((v, i) => value.indexOf(v) !== i);
  return repeated === undefined ? undefined : distinct.repeated(repeated);
}

export function inBounds(value: unknown, b: NumberBounds): boolean {
  if (typeof value !== 'number' || Number.isNaN(value)) return false;
  if (b.integer && !Number.isInteger(value)) return false;
  const aboveMin = b.exclusiveMinimum ? value > b.minimum : value >= b.minimum;
  const belowMax = b.maximum === undefined || (b.exclusiveMaximum ? value < b.maximum : value <= b.maximum);
  return aboveMin && belowMax;
}

function boundsMessage(subject: string, b: NumberBounds, value: unknown): string {
  return `${subject} must be ${describeBounds(b)}, got ${String(value)}`;
}

/** "in [0, 1)", "a whole number from 1 to 20", "a whole number ≥ 0". */
export function describeBounds(b: NumberBounds): string {
  const max = b.maximumText ?? String(b.maximum);
  if (b.integer)
    return b.maximum === undefined ? `a whole number ≥ ${b.minimum}` : `a whole number from ${b.minimum} to ${max}`;
  if (b.maximum === undefined) return `${b.exclusiveMinimum ? '>' : '≥'} ${b.minimum}`;
  return `in ${b.exclusiveMinimum ? '(' : '['}${b.minimum}, ${max}${b.exclusiveMaximum ? ')' : ']'}`;
}

function orList(values: readonly string[], quoted = false): string {
  const shown = values.map((v) => (quoted ? `'${v}'` : v));
  return shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

function shown(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}
