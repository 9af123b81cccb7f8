// Decimal spellings only: `1`, `-0.5`, `.5`, `1e-3`, `+2.`; not hex, not `Infinity`, not ''.
export const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The finite number a text spells (surrounding blanks allowed), or undefined. */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}
