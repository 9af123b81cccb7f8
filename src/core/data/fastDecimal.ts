/** Powers of ten that a float64 holds exactly. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Where the last cell that fastDecimal read ends (the delimiter or the line's end). */
export let fastDecimalEnd = 0;

/**
 * The number spelled by the bytes from `start` up to the next `delimiter` or `end`, when it is a plain
 * decimal (`-0.25`, `3`, `.5`, `1e-3`) of at most 15 significant digits and a power of ten within ±22:
 * then one float64 multiply or divide of two exact values gives the correctly rounded number, the
 * same as Number(text). Anything else (blanks, more digits, other spellings) gives NaN: read it the slow way.
 */
export function fastDecimal(bytes: Uint8Array, start: number, end: number, delimiter: number): number {
  let i = start;
  let c = i < end ? bytes[i] : -1;
  const negative = c === 45;
  if (negative || c === 43) i++;
  let mantissa = 0;
  let digits = 0;
  let exponent = 0;
  let any = false;
  for (; i < end; i++) {
    const d = bytes[i] - 48;
    if (d < 0 || d > 9) break;
    any = true;
    if (mantissa !== 0 || d !== 0) digits++;
    mantissa = mantissa * 10 + d;
  }
  if (i < end && bytes[i] === 46) {
    for (i++; i < end; i++) {
      const d = bytes[i] - 48;
      if (d < 0 || d > 9) break;
      any = true;
      if (mantissa !== 0 || d !== 0) digits++;
      mantissa = mantissa * 10 + d;
      exponent--;
    }
  }
  if (!any || digits > 15) return NaN;
  if (i < end && (bytes[i] | 32) === 101) {
    i++;
    c = i < end ? bytes[i] : -1;
    const minus = c === 45;
    if (minus || c === 43) i++;
    let e = 0;
    let eDigits = 0;
    for (; i < end; i++) {
      const d = bytes[i] - 48;
      if (d < 0 || d > 9) break;
      if (++eDigits > 4) return NaN;
      e = e * 10 + d;
    }
    if (eDigits === 0) return NaN;
    exponent += minus ? -e : e;
  }
  if (i < end && bytes[i] !== delimiter) return NaN;
  if (exponent < -22 || exponent > 22) return NaN;
  fastDecimalEnd = i;
  const value = exponent < 0 ? mantissa / POW10[-exponent] : mantissa * POW10[exponent];
  return negative ? -value : value;
}
