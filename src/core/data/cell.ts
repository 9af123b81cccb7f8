import { DECIMAL } from './parseNumber';

/** What a cell that is not a number holds. */
export const enum CellKind {
  Missing,
  /** `Infinity`, `inf` or a number beyond the float32 range: an error if the column is numeric. */
  NonFinite,
  Text,
}

/** Spellings of a missing value (besides an empty or blank cell), matched exactly. */
export const MISSING_SPELLINGS: ReadonlySet<string> = new Set([
  'NaN',
  'nan',
  'NAN',
  'NA',
  'N/A',
  'n/a',
  'null',
  'NULL',
  '?',
]);

const FLOAT32_MAX = 3.4028234663852886e38;
// Spellings of infinity that other tools write (NumPy: `inf`); JavaScript's `+text` knows only `Infinity`.
const INFINITY = /^[+-]?(?:inf|infinity)$/i;

/**
 * The number a cell spells (`1`, `-0.5`, `.5`, `1e-3`, surrounding blanks allowed), or NaN; numbers
 * beyond ±`max` (default: the float32 range) are NaN too. `+text` is the fast path; it also accepts
 * blanks (as 0) and hex/octal/binary literals, which are sent to the careful path.
 */
export function cellNumber(text: string, max = FLOAT32_MAX): number {
  const value = +text;
  if (value !== value) return NaN;
  const first = text.charCodeAt(0);
  if (
    (value === 0 && text !== '0') ||
    first <= 32 ||
    (first === 48 && text.length > 2 && isRadixLetter(text.charCodeAt(1)))
  ) {
    const trimmed = text.trim();
    return DECIMAL.test(trimmed) && Math.abs(+trimmed) <= max ? +trimmed : NaN;
  }
  return value <= max && value >= -max ? value : NaN;
}

/** The kind of a cell for which cellNumber gave NaN. */
export function classifyNonNumber(text: string): CellKind {
  if (MISSING_SPELLINGS.has(text)) return CellKind.Missing;
  const trimmed = text.trim();
  if (trimmed === '' || MISSING_SPELLINGS.has(trimmed)) return CellKind.Missing;
  if (INFINITY.test(trimmed)) return CellKind.NonFinite;
  return DECIMAL.test(trimmed) ? CellKind.NonFinite : CellKind.Text; // a decimal that is not a float32
}

function isRadixLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower === 0x78 || lower === 0x6f || lower === 0x62; // x, o, b
}
