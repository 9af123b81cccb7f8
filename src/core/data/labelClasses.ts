import { resolveLabels } from '../predictionLabels';

/** The streamed CSV/TSV reading met something only the whole-file reader answers exactly (an error, quotes, …). */
export class NotStreamable extends Error {
  constructor(readonly reason: string) {
    super(`not streamable: ${reason}`);
  }
}

/** A label seen late changed how earlier labels read (e.g. from class names to indices): read the file again. */
export class LabelsReread extends Error {
  constructor() {
    super('the labels read another way once all were seen');
  }
}

/**
 * The class of each distinct label text, by resolveLabels' rules over the texts seen so far. resolveLabels
 * decides from the distinct texts alone when it succeeds, so a reading that still holds after a new
 * text gives every earlier row the class it was given; when it changes, LabelsReread is thrown.
 */
export class LabelClasses {
  readonly levels: string[] = [];
  private readonly classOf = new Map<string, number>();

  constructor(
    private readonly headers: string[],
    known: readonly string[] = [],
  ) {
    if (known.length) {
      this.levels.push(...known);
      this.resolve(false);
    }
  }

  /** The class of a label's trimmed text (not empty). */
  classOfText(text: string): number {
    const found = this.classOf.get(text);
    if (found !== undefined) return found;
    this.levels.push(text);
    this.resolve(true);
    return this.classOf.get(text)!;
  }

  private resolve(checkEarlier: boolean): void {
    const codes = Int32Array.from(this.levels, (_, i) => i);
    const classes = resolveLabels({ levels: this.levels, codes }, this.headers, () => {
      throw new NotStreamable('the labels do not read as classes');
    });
    if (checkEarlier) {
      for (let i = 0; i < this.levels.length - 1; i++)
        if (this.classOf.get(this.levels[i]) !== classes[i]) throw new LabelsReread();
    }
    this.levels.forEach((text, i) => this.classOf.set(text, classes[i]));
  }
}
