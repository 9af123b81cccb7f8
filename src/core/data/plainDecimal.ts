// Exact powers of ten: every 10^k up to 10^22 is a double.
const POW10 = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The number text[start, end) spells when it is a plain decimal — [+-] digits [. digits], no blanks,
 * no exponent, at most 15 significant digits and 22 after the point — else NaN (the caller then takes
 * the careful path). The value is exactly `+text`'s: the digits form an integer below 10^15, exact
 * in a double, and one IEEE division by an exact 10^k rounds correctly, as the full conversion does.
 */
export function plainDecimal(text: string, start: number, end: number): number {
  let i = start;
  const first = text.charCodeAt(i);
  const negative = first === 45;
  if (negative || first === 43) i++;
  let mantissa = 0;
  let digits = 0;
  let significant = 0;
  let point = -1;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      mantissa = mantissa * 10 + d;
      digits++;
      if (mantissa !== 0) significant++;
    } else if (c === 46 && point < 0) point = i;
    else return NaN;
  }
  const fraction = point < 0 ? 0 : end - point - 1;
  if (digits === 0 || significant > 15 || fraction > 22) return NaN;
  const value = mantissa / POW10[fraction];
  return negative ? -value : value;
}
