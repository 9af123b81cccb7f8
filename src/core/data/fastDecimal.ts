/** Powers of ten that a float64 holds exactly. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Integers below this are exact in a float64, and so was every step of the mantissa that reached it. */
const EXACT = 2 ** 53;

/** Where the last cell that fastDecimal read ends (the delimiter or the line's end). */
export let fastDecimalEnd = 0;

/**
 * The number spelled by the bytes from `start` up to the next `delimiter` or `end`, when it is a plain
 * decimal (`-0.25`, `3`, `.5`, `1e-3`) whose digits make an integer below 2^53 and whose power of ten
 * is within ±22: then one float64 multiply or divide of two exact values gives the correctly rounded
 * number, the same as Number(text). Anything else (blanks, more digits, other spellings) gives NaN:
 * read it the slow way.
 */
export function fastDecimal(bytes: Uint8Array, start: number, end: number, delimiter: number): number {
  let i = start;
  let c = i < end ? bytes[i] : -1;
  const negative = c === 45;
  if (negative || c === 43) i++;
  let mantissa = 0;
  let exponent = 0;
  let digits = 0;
  let dot = -1;
  for (; i < end; i++) {
    const d = bytes[i] - 48;
    if (d >= 0 && d <= 9) {
      mantissa = mantissa * 10 + d;
      digits++;
    } else if (d === -2 && dot < 0) dot = digits;
    else break;
  }
  if (digits === 0 || mantissa >= EXACT) return NaN;
  if (dot >= 0) exponent = dot - digits;
  if (i < end && (bytes[i] | 32) === 101) {
    i++;
    c = i < end ? bytes[i] : -1;
    const minus = c === 45;
    if (minus || c === 43) i++;
    let e = 0;
    const from = i;
    for (; i < end; i++) {
      const d = bytes[i] - 48;
      if (d < 0 || d > 9) break;
      e = e * 10 + d;
    }
    if (i === from || i - from > 4) return NaN;
    exponent += minus ? -e : e;
  }
  if ((i < end && bytes[i] !== delimiter) || exponent < -22 || exponent > 22) return NaN;
  fastDecimalEnd = i;
  const value = exponent < 0 ? mantissa / POW10[-exponent] : mantissa * POW10[exponent];
  return negative ? -value : value;
}
