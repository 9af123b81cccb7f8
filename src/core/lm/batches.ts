import { seededRandom } from '../random';

/**
 * The training windows of every step, from the seed alone: each run of an experiment draws the
 * very same batches in the same order. A window is context + 1 consecutive characters of one
 * file's training part, its file drawn in proportion to the windows it holds.
 */
export class BatchSampler {
  private readonly random: () => number;
  private readonly cumulative: number[] = [];

  constructor(
    private readonly parts: Int32Array[],
    private readonly context: number,
    seed: number,
  ) {
    this.random = seededRandom((seed ^ 0x27d4eb2d) >>> 0);
    let total = 0;
    for (const p of parts) this.cumulative.push((total += Math.max(0, p.length - context)));
  }

  /** The next batch: inputs and targets, both [batch, context] row-major. */
  next(batch: number): { inputs: Int32Array; targets: Int32Array } {
    const t = this.context;
    const inputs = new Int32Array(batch * t);
    const targets = new Int32Array(batch * t);
    const total = this.cumulative[this.cumulative.length - 1];
    for (let b = 0; b < batch; b++) {
      let r = Math.floor(this.random() * total);
      let f = 0;
      while (r >= this.cumulative[f]) f++;
      r -= f === 0 ? 0 : this.cumulative[f - 1];
      const part = this.parts[f];
      inputs.set(part.subarray(r, r + t), b * t);
      targets.set(part.subarray(r + 1, r + t + 1), b * t);
    }
    return { inputs, targets };
  }
}
