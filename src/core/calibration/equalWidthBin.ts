/** The 0-based index of the equal-width bin that holds c. */
export function equalWidthBinIndex(c: number, bins: number): number {
  let m = Math.min(bins, Math.max(1, Math.ceil(c * bins)));
  // c·M can round across an edge; the edges themselves are the divisions m/M.
  while (m > 1 && c <= (m - 1) / bins) m--;
  while (m < bins && c > m / bins) m++;
  return m - 1;
}
