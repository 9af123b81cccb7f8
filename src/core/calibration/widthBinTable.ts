import { equalWidthBinIndex } from './equalWidthBin';

/** Cells of width 2⁻¹⁶: p·2¹⁶ is exact, so a cell's rows are exactly those in [j/2¹⁶, (j+1)/2¹⁶). */
export const WIDTH_TABLE_CELLS = 2 ** 16;

/**
 * equalWidthBinIndex(p, M) by table, for the tens of millions of lookups of a streamed report: a
 * cell of width 2⁻¹⁶ holds at most one edge m/M when M ≤ 2¹⁵, so a row's bin is its cell's first
 * bin, plus one past that edge. Other M, and p outside [0, 1], go to equalWidthBinIndex itself.
 */
export class WidthBinTable {
  /**
   * Per cell, the bin b of its left end, or ~b when the edge (b + 1)/M lies inside the cell (the bin
   * is then b + 1 past `edges[b]`). 16 bits a cell keeps the table in a core's cache (128 KB).
   * Empty when M > 2¹⁵.
   */
  readonly cells: Int16Array;
  /** edges[b] = (b + 1)/M, as equalWidthBinIndex compares with it. */
  readonly edges: Float64Array;

  constructor(readonly bins: number) {
    this.edges = new Float64Array(bins);
    for (let b = 0; b < bins; b++) this.edges[b] = (b + 1) / bins;
    if (bins > WIDTH_TABLE_CELLS / 2) {
      this.cells = new Int16Array(0);
      return;
    }
    const cells = new Int16Array(WIDTH_TABLE_CELLS + 1);
    for (let j = 0; j <= WIDTH_TABLE_CELLS; j++) {
      const b = equalWidthBinIndex(j / WIDTH_TABLE_CELLS, bins);
      const splits = b < bins - 1 && this.edges[b] < (j + 1) / WIDTH_TABLE_CELLS;
      cells[j] = splits ? ~b : b;
    }
    this.cells = cells;
  }

  index(p: number): number {
    const { cells } = this;
    const j = (p * WIDTH_TABLE_CELLS) | 0;
    if (!(p >= 0 && p <= 1) || j >= cells.length) return equalWidthBinIndex(p, this.bins);
    const b = cells[j];
    return b >= 0 ? b : p > this.edges[~b] ? ~b + 1 : ~b;
  }
}

/**
 * widths.index(p) for p ≥ 0, the table inlined where V8 inlines this function: it runs once per
 * probability of a streamed report, tens of millions of times.
 */
export function tableBin(widths: WidthBinTable, p: number): number {
  const { cells } = widths;
  const j = (p * WIDTH_TABLE_CELLS) | 0;
  // Past the table (p > 1, or no table), below it and NaN: equalWidthBinIndex, as index() does.
  let b = p >= 0 && j < cells.length ? cells[j] : widths.index(p);
  if (b < 0) {
    b = ~b;
    if (p > widths.edges[b]) b++;
  }
  return b;
}

const cached: WidthBinTable[] = [];

/** The table for `bins` bins, kept for the last few bin counts asked for (128 KB each). */
export function widthBinTable(bins: number): WidthBinTable {
  const at = cached.findIndex((t) => t.bins === bins);
  const table = at >= 0 ? cached.splice(at, 1)[0] : new WidthBinTable(bins);
  cached.unshift(table);
  if (cached.length > 4) cached.pop();
  return table;
}
