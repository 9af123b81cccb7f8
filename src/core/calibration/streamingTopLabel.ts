import { seededRandom } from '../random';

/**
 * The per-row data that equal-mass bins, the smooth ECE and the bootstrap need, and nothing more:
 * the top-label confidence (float64, so that the numbers are those of the in-memory report) and
 * whether the top label was right (one byte). 9 bytes a row; past `capacity` rows it becomes a
 * uniform reservoir sample (Algorithm R, seeded) of `capacity` rows, and says so.
 */
export class TopLabelKeeper {
  private confidence: Float64Array;
  private hit: Uint8Array;
  private length = 0;
  private seen = 0;
  private readonly random = seededRandom(0x5eed);

  constructor(
    readonly capacity: number,
    expectedRows = 1024,
  ) {
    const size = Math.max(1, Math.min(capacity, expectedRows));
    this.confidence = new Float64Array(size);
    this.hit = new Uint8Array(size);
  }

  push(confidence: number, hit: number): void {
    const i = this.seen++;
    if (this.length < this.capacity) {
      if (this.length === this.confidence.length) this.grow();
      this.confidence[this.length] = confidence;
      this.hit[this.length++] = hit;
      return;
    }
    const j = Math.floor(this.random() * (i + 1));
    if (j < this.capacity) {
      this.confidence[j] = confidence;
      this.hit[j] = hit;
    }
  }

  /** push() for rows 0 … rows − 1 of the arrays: copied as a block while they fit. */
  pushAll(confidence: ArrayLike<number>, hit: ArrayLike<number>, rows: number): void {
    const fit = Math.min(rows, this.capacity - this.length);
    if (fit > 0 && this.seen === this.length) {
      while (this.confidence.length < this.length + fit) this.grow();
      for (let i = 0; i < fit; i++) {
        this.confidence[this.length + i] = confidence[i];
        this.hit[this.length + i] = hit[i];
      }
      this.length += fit;
      this.seen += fit;
    }
    for (let i = Math.max(fit, 0); i < rows; i++) this.push(confidence[i], hit[i]);
  }

  /** Rows seen in all. */
  get rows(): number {
    return this.seen;
  }

  /** Whether the kept rows are a sample of the rows seen. */
  get sampled(): boolean {
    return this.seen > this.capacity;
  }

  kept(): { confidence: Float64Array; hit: Uint8Array } {
    return { confidence: this.confidence.subarray(0, this.length), hit: this.hit.subarray(0, this.length) };
  }

  private grow(): void {
    const size = Math.min(this.capacity, Math.max(1024, this.confidence.length * 2));
    const confidence = new Float64Array(size);
    confidence.set(this.confidence);
    const hit = new Uint8Array(size);
    hit.set(this.hit);
    this.confidence = confidence;
    this.hit = hit;
  }
}
