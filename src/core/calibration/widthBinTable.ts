import { equalWidthBinIndex } from './bins';

/** Cells of width 2⁻¹⁶: p·2¹⁶ is exact, so a cell's rows are exactly those in [j/2¹⁶, (j+1)/2¹⁶). */
const CELLS = 2 ** 16;

/**
 * equalWidthBinIndex(p, M) by table, for the tens of millions of lookups of a streamed report: a
 * cell of width 2⁻¹⁶ holds at most one edge m/M when M ≤ 2¹⁵, so a row's bin is its cell's first
 * bin, plus one past that edge. Other M, and p outside [0, 1], go to equalWidthBinIndex itself.
 */
export class WidthBinTable {
  /** Per cell: the bin of its left end, and the edge inside it past which the bin is one higher (else ∞). */
  readonly base: Int32Array | null;
  readonly split: Float64Array | null;

  constructor(readonly bins: number) {
    if (bins > CELLS / 2) {
      this.base = this.split = null;
      return;
    }
    const base = new Int32Array(CELLS + 1);
    const split = new Float64Array(CELLS + 1);
    for (let j = 0; j <= CELLS; j++) {
      const b = equalWidthBinIndex(j / CELLS, bins);
      const edge = (b + 1) / bins;
      base[j] = b;
      split[j] = b < bins - 1 && edge < (j + 1) / CELLS ? edge : Infinity;
    }
    this.base = base;
    this.split = split;
  }

  index(p: number): number {
    const { base, split } = this;
    if (base === null || split === null || !(p >= 0 && p <= 1)) return equalWidthBinIndex(p, this.bins);
    const j = Math.floor(p * CELLS);
    return p > split[j] ? base[j] + 1 : base[j];
  }
}
