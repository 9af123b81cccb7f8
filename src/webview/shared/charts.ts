import type { ReliabilityBin } from '../../core/calibration';
import { fitText, LegendEntry, LegendLayout, layoutLegend, legendKeyGeometry, legendTextX } from './legend';

/**
 * Reliability diagram and confidence histogram as SVG markup built from data. Roles are CSS
 * classes coloured by --vscode-* variables in the panel; an export passes a palette so the same
 * markup carries concrete colours as presentation attributes and stands alone.
 */
export type ChartRole =
  | 'bar'
  | 'gap-over'
  | 'gap-under'
  | 'diagonal'
  | 'axis'
  | 'grid'
  | 'text'
  | 'hist'
  | 'accuracy-line'
  | 'confidence-line'
  | 'background'
  | 'smooth-curve'
  | 'smooth-band'
  | 'compare-line';
export type Palette = Record<ChartRole, string>;

export interface ChartOptions {
  /** Size of the whole figure; the legend rows come out of the plot's height. */
  width?: number;
  height?: number;
  title: string;
  xLabel: string;
  yLabel: string;
  /** The histogram's name for the mean of the hits: "accuracy", or the class frequency. */
  meanHitLabel?: string;
  palette?: Palette;
  /** Drawn over the diagram's bars, with its own legend entries (the smoothed curve, a second model). */
  overlay?: ChartOverlay;
}

/** Where a value lands on the plot, and a role's colour attributes, for an overlay. */
export interface PlotScale {
  x(v: number): number;
  y(v: number): number;
  paint(role: ChartRole): string;
}

export interface ChartOverlay {
  legend: LegendEntry<ChartRole>[];
  draw(scale: PlotScale): string;
}

const MARGIN = { top: 28, right: 16, bottom: 42, left: 52 };
const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];
const FONT_SIZE = 11;
const LEGEND_TOP = 25;
const FILLED: ReadonlySet<ChartRole> = new Set([
  'bar',
  'gap-over',
  'gap-under',
  'hist',
  'text',
  'background',
  'smooth-band',
]);

export const GAP_LEGEND = { over: 'over-confident gap', under: 'under-confident gap' } as const;

export function reliabilityDiagramSvg(bins: readonly ReliabilityBin[], options: ChartOptions): string {
  const frame = new Frame(options, 360, [
    { role: 'bar', text: 'accuracy', kind: 'box' },
    { role: 'gap-over', text: GAP_LEGEND.over, kind: 'box' },
    { role: 'gap-under', text: GAP_LEGEND.under, kind: 'box' },
    ...(options.overlay?.legend ?? []),
  ]);
  const parts: string[] = [
    frame.axes(
      TICKS,
      TICKS.map((t) => `${t}`),
    ),
  ];
  parts.push(
    `<line ${frame.paint('diagonal')} x1="${frame.x(0)}" y1="${frame.y(0)}" x2="${frame.x(1)}" y2="${frame.y(1)}" stroke-dasharray="6 4"/>`,
  );
  bins.forEach((bin, i) => {
    if (bin.count === 0) return;
    const [x0, x1] = frame.span(bin.lower, bin.upper);
    const gap = bin.confidence - bin.accuracy;
    const kind = gap > 0 ? 'over' : 'under';
    const tip = escape(
      `bin ${i + 1}: ${bin.lower.toFixed(3)}–${bin.upper.toFixed(3)}\nn = ${bin.count}\naccuracy ${bin.accuracy.toFixed(3)}\nconfidence ${bin.confidence.toFixed(3)}` +
        (gap !== 0 ? `\n${kind}-confident by ${Math.abs(gap).toFixed(3)}` : ''),
    );
    const top = frame.y(bin.accuracy);
    const gapTop = frame.y(Math.max(bin.accuracy, bin.confidence));
    const gapBottom = frame.y(Math.min(bin.accuracy, bin.confidence));
    // The gap is half the bar's width, so the bar's full height (the accuracy) shows on both sides
    // of it also where the gap lies inside the bar (under-confidence); opaque, so its colour is
    // exactly the legend's.
    const inset = x1 - x0 >= 8 ? (x1 - x0) / 4 : 0;
    const gapRect =
      gapBottom - gapTop > 0
        ? `<rect ${frame.paint(`gap-${kind}`)} x="${round(x0 + inset)}" y="${gapTop}" width="${round(x1 - x0 - 2 * inset)}" height="${round(gapBottom - gapTop)}"/>`
        : '';
    parts.push(
      `<g class="bin" tabindex="0" role="img" aria-label="${tip.replace(/\n/g, ', ')}" data-count="${bin.count}">` +
        `<title>${tip}</title>` +
        `<rect ${frame.paint('bar')} x="${x0}" y="${top}" width="${round(x1 - x0)}" height="${round(frame.y(0) - top)}"/>` +
        gapRect +
        `</g>`,
    );
  });
  if (options.overlay) parts.push(options.overlay.draw(frame));
  parts.push(frame.legend());
  return frame.wrap(parts, 'reliability-diagram');
}

export function confidenceHistogramSvg(
  bins: readonly ReliabilityBin[],
  meanAccuracy: number,
  meanConfidence: number,
  options: ChartOptions,
): string {
  const hitLabel = options.meanHitLabel ?? 'accuracy';
  const frame = new Frame(options, 220, [
    { role: 'accuracy-line', text: `${hitLabel} ${meanAccuracy.toFixed(3)}`, kind: 'line' },
    { role: 'confidence-line', text: `avg. confidence ${meanConfidence.toFixed(3)}`, kind: 'line' },
  ]);
  const n = bins.reduce((s, b) => s + b.count, 0);
  const top = Math.max(0.05, ...bins.map((b) => (n > 0 ? b.count / n : 0)));
  const yMax = Math.ceil(top * 10) / 10;
  const ticks = [0, yMax / 2, yMax];
  const parts: string[] = [
    frame.axes(
      TICKS,
      TICKS.map((t) => `${t}`),
      ticks.map((t) => t / yMax),
      ticks.map((t) => `${Math.round(t * 100)}%`),
    ),
  ];
  bins.forEach((bin) => {
    if (bin.count === 0) return;
    const [x0, x1] = frame.span(bin.lower, bin.upper);
    const y = frame.y(bin.count / n / yMax);
    parts.push(
      `<rect ${frame.paint('hist')} x="${x0}" y="${y}" width="${round(x1 - x0)}" height="${round(frame.y(0) - y)}"><title>n = ${bin.count} (${((100 * bin.count) / n).toFixed(1)}%)</title></rect>`,
    );
  });
  for (const [role, value, label] of [
    ['accuracy-line', meanAccuracy, hitLabel],
    ['confidence-line', meanConfidence, 'avg. confidence'],
  ] as const) {
    const x = frame.x(value);
    parts.push(
      `<line ${frame.paint(role)} stroke-width="2" stroke-dasharray="5 3" x1="${x}" y1="${frame.y(0)}" x2="${x}" y2="${frame.y(1)}"><title>${escape(label)} ${value.toFixed(3)}</title></line>`,
    );
  }
  parts.push(frame.legend());
  return frame.wrap(parts, 'confidence-histogram');
}

class Frame implements PlotScale {
  readonly width: number;
  readonly height: number;
  private readonly top: number;
  private readonly layout: LegendLayout<ChartRole>;

  constructor(
    private readonly options: ChartOptions,
    defaultHeight: number,
    legend: LegendEntry<ChartRole>[],
  ) {
    this.width = options.width ?? 480;
    this.height = options.height ?? defaultHeight;
    this.layout = layoutLegend(legend, MARGIN.left, LEGEND_TOP, this.width - MARGIN.left - 8, FONT_SIZE);
    this.top = this.layout.box.height > 0 ? LEGEND_TOP + this.layout.box.height + 8 : MARGIN.top;
  }

  x(v: number): number {
    return round(MARGIN.left + v * (this.width - MARGIN.left - MARGIN.right));
  }

  y(v: number): number {
    return round(this.height - MARGIN.bottom - v * (this.height - this.top - MARGIN.bottom));
  }

  /** Pixel span of [lower, upper], at least 3 px wide (equal-mass bins can be very narrow). */
  span(lower: number, upper: number): [number, number] {
    let x0 = this.x(lower);
    let x1 = this.x(upper);
    if (x1 - x0 < 3) {
      const mid = (x0 + x1) / 2;
      x0 = round(mid - 1.5);
      x1 = round(mid + 1.5);
    }
    return [x0, x1];
  }

  paint(role: ChartRole, extraClass?: string): string {
    const cls = `class="${extraClass ? `${role} ${extraClass}` : role}"`;
    const colour = this.options.palette?.[role];
    if (!colour) return cls;
    // Bars get a hairline of the background between neighbours (the stylesheet does the same).
    const edge =
      role === 'bar' && this.options.palette ? ` stroke="${this.options.palette.background}" stroke-width="1"` : '';
    return `${cls} ${FILLED.has(role) ? `fill="${colour}"${edge}` : `stroke="${colour}" fill="none"`}`;
  }

  axes(xTicks: number[], xLabels: string[], yTicks: number[] = xTicks, yLabels: string[] = xLabels): string {
    const parts: string[] = [];
    yTicks.forEach((t, i) => {
      parts.push(
        `<line ${this.paint('grid')} x1="${this.x(0)}" x2="${this.x(1)}" y1="${this.y(t)}" y2="${this.y(t)}"/>`,
      );
      parts.push(
        `<text ${this.paint('text')} x="${this.x(0) - 6}" y="${round(this.y(t) + 4)}" text-anchor="end">${yLabels[i]}</text>`,
      );
    });
    xTicks.forEach((t, i) => {
      parts.push(
        `<text ${this.paint('text')} x="${this.x(t)}" y="${round(this.y(0) + 16)}" text-anchor="middle">${xLabels[i]}</text>`,
      );
    });
    parts.push(
      `<rect ${this.paint('axis')} x="${this.x(0)}" y="${this.y(1)}" width="${round(this.x(1) - this.x(0))}" height="${round(this.y(0) - this.y(1))}"/>`,
    );
    parts.push(
      `<text ${this.paint('text', 'label')} x="${round((this.x(0) + this.x(1)) / 2)}" y="${this.height - 8}" text-anchor="middle">${escape(this.options.xLabel)}</text>`,
    );
    parts.push(
      `<text ${this.paint('text', 'label')} transform="translate(14 ${round((this.y(0) + this.y(1)) / 2)}) rotate(-90)" text-anchor="middle">${escape(this.options.yLabel)}</text>`,
    );
    // The estimate for regular text is generous enough for bold; a title too long for the figure is cut short, whole in its tooltip.
    const title = fitText(this.options.title, this.width - this.x(0) - 2, 12);
    const tip = title === this.options.title ? '' : `<title>${escape(this.options.title)}</title>`;
    parts.push(
      `<text ${this.paint('text', 'title')} x="${this.x(0)}" y="18" font-weight="600" font-size="12">${tip}${escape(title)}</text>`,
    );
    return parts.join('');
  }

  /** The legend in its rows between the title and the plot area; its box is marked for tests and tools. */
  legend(): string {
    const { box, entries } = this.layout;
    const keys = entries.map((entry) => {
      const k = legendKeyGeometry(entry);
      const key =
        entry.kind === 'line'
          ? `<line ${this.paint(entry.role)} stroke-width="2" stroke-dasharray="5 3" x1="${k.x}" x2="${k.x + k.width}" y1="${k.y}" y2="${k.y}"/>`
          : `<rect ${this.paint(entry.role)} x="${k.x}" y="${k.y}" width="${k.width}" height="${k.height}"/>`;
      return `${key}<text ${this.paint('text')} x="${legendTextX(entry)}" y="${entry.y}">${escape(entry.text)}</text>`;
    });
    return (
      `<g class="chart-legend"><rect class="legend-box" fill="none" stroke="none" x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}"/>` +
      `${keys.join('')}</g>`
    );
  }

  wrap(parts: string[], name: string): string {
    const background = this.options.palette
      ? `<rect ${this.paint('background')} width="${this.width}" height="${this.height}"/>`
      : '';
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" class="chart ${name}" role="group" aria-label="${escape(this.options.title)}" ` +
      `width="${this.width}" height="${this.height}" viewBox="0 0 ${this.width} ${this.height}" font-family="sans-serif" font-size="${FONT_SIZE}">` +
      `${background}${parts.join('')}</svg>`
    );
  }
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
