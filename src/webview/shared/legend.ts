/**
 * Chart legends laid out in rows above the plot area, so that they never cover data (in the panel
 * or in an exported figure). SVG text cannot be measured without a DOM, so widths are estimated
 * generously from the character count (DejaVu Sans, Chromium's usual sans-serif on Linux, is among
 * the widest).
 */
export interface LegendEntry<Role extends string> {
  role: Role;
  text: string;
  kind: 'box' | 'line';
}

export interface PlacedEntry<Role extends string> extends LegendEntry<Role> {
  x: number;
  /** Baseline of the text. */
  y: number;
}

export interface LegendLayout<Role extends string> {
  entries: PlacedEntry<Role>[];
  /** The box that holds every key and text. */
  box: { x: number; y: number; width: number; height: number };
}

export const LEGEND_ROW = 16;
const KEY_WIDTH = 18;
const KEY_GAP = 5;
const ENTRY_GAP = 14;

/** Upper estimate of the width of `text` at `fontSize` px in a proportional sans-serif face. */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  // DejaVu Sans advances: lower case ≈ 0.5–0.6 em, digits 0.64 em, punctuation ≈ 0.32–0.36 em.
  for (const c of text)
    em += ' .,:;-()'.includes(c)
      ? 0.38
      : c === 'm' || c === 'w' || c === '%' || c === 'M' || c === 'W'
        ? 0.95
        : /[0-9A-Z]/.test(c)
          ? 0.7
          : 0.6;
  return em * fontSize;
}

/** The text, cut short with an ellipsis if it is wider than `width`. */
export function fitText(text: string, width: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, fontSize) > width) chars.pop();
  return `${chars.join('')}…`;
}

export function entryWidth(text: string, fontSize: number): number {
  return KEY_WIDTH + KEY_GAP + textWidth(text, fontSize);
}

/** Entries left to right from (left, top), wrapping to a new row before `maxWidth` is exceeded. */
export function layoutLegend<Role extends string>(
  entries: LegendEntry<Role>[],
  left: number,
  top: number,
  maxWidth: number,
  fontSize: number,
): LegendLayout<Role> {
  const placed: PlacedEntry<Role>[] = [];
  let row = 0;
  let x = 0;
  let widest = 0;
  for (const whole of entries) {
    const entry = { ...whole, text: fitText(whole.text, maxWidth - KEY_WIDTH - KEY_GAP, fontSize) };
    const width = entryWidth(entry.text, fontSize);
    if (x > 0 && x + width > maxWidth) {
      row++;
      x = 0;
    }
    placed.push({ ...entry, x: round(left + x), y: round(top + row * LEGEND_ROW + 12) });
    widest = Math.max(widest, x + width);
    x += width + ENTRY_GAP;
  }
  const rows = entries.length ? row + 1 : 0;
  return { entries: placed, box: { x: left, y: top, width: round(widest), height: rows * LEGEND_ROW } };
}

export function legendKeyGeometry(entry: PlacedEntry<string>): { x: number; y: number; width: number; height: number } {
  return entry.kind === 'box'
    ? { x: entry.x, y: entry.y - 9, width: KEY_WIDTH, height: 10 }
    : { x: entry.x, y: entry.y - 4, width: KEY_WIDTH, height: 0 };
}

export function legendTextX(entry: PlacedEntry<string>): number {
  return entry.x + KEY_WIDTH + KEY_GAP;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
