/**
 * A character-level vocabulary: the distinct Unicode code points of the training text, in code
 * point order. Held-out characters never seen in training map to the reserved index 0 ("unknown"),
 * so the held-out score of an unseen character stays finite and is counted, not dropped.
 */
export class Vocabulary {
  static readonly UNKNOWN = '\uFFFD';
  readonly chars: string[];
  private readonly index = new Map<string, number>();

  constructor(chars: Iterable<string>) {
    const distinct = [...new Set(chars)].filter((c) => c !== Vocabulary.UNKNOWN).sort(byCodePoint);
    this.chars = [Vocabulary.UNKNOWN, ...distinct];
    this.chars.forEach((c, i) => this.index.set(c, i));
  }

  static fromText(texts: string[]): Vocabulary {
    const seen = new Set<string>();
    for (const text of texts) for (const c of text) seen.add(c);
    return new Vocabulary(seen);
  }

  get size(): number {
    return this.chars.length;
  }

  encode(text: string): Int32Array {
    return Int32Array.from(Array.from(text), (c) => this.index.get(c) ?? 0);
  }

  decode(ids: ArrayLike<number>): string {
    let out = '';
    for (let i = 0; i < ids.length; i++) out += this.chars[ids[i]] ?? Vocabulary.UNKNOWN;
    return out;
  }
}

function byCodePoint(a: string, b: string): number {
  return a.codePointAt(0)! - b.codePointAt(0)!;
}
