import type { ReliabilityBin } from '../../core/calibration';

/**
 * Reliability diagram and confidence histogram as SVG markup built from data. Roles are CSS
 * classes coloured by --vscode-* variables in the panel; an export passes a palette so the same
 * markup carries concrete colours as presentation attributes and stands alone.
 */
export type ChartRole = 'bar' | 'gap' | 'diagonal' | 'axis' | 'grid' | 'text' | 'hist' | 'accuracy-line' | 'confidence-line' | 'background';
export type Palette = Record<ChartRole, string>;

export interface ChartOptions {
  width?: number;
  height?: number;
  title: string;
  xLabel: string;
  yLabel: string;
  /** The histogram's name for the mean of the hits: "accuracy", or the class frequency. */
  meanHitLabel?: string;
  palette?: Palette;
}

const MARGIN = { top: 28, right: 16, bottom: 42, left: 52 };
const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

export function reliabilityDiagramSvg(bins: readonly ReliabilityBin[], options: ChartOptions): string {
  const frame = new Frame(options, 340);
  const parts: string[] = [frame.axes(TICKS, TICKS.map((t) => `${t}`))];
  parts.push(`<line ${frame.paint('diagonal')} x1="${frame.x(0)}" y1="${frame.y(0)}" x2="${frame.x(1)}" y2="${frame.y(1)}" stroke-dasharray="6 4"/>`);
  bins.forEach((bin, i) => {
    if (bin.count === 0) return;
    const [x0, x1] = frame.span(bin.lower, bin.upper);
    const tip = escape(
      `bin ${i + 1}: ${bin.lower.toFixed(3)}–${bin.upper.toFixed(3)}\nn = ${bin.count}\naccuracy ${bin.accuracy.toFixed(3)}\nconfidence ${bin.confidence.toFixed(3)}`,
    );
    const top = frame.y(bin.accuracy);
    const gapTop = frame.y(Math.max(bin.accuracy, bin.confidence));
    const gapBottom = frame.y(Math.min(bin.accuracy, bin.confidence));
    parts.push(
      `<g class="bin" tabindex="0" role="img" aria-label="${tip.replace(/\n/g, ', ')}" data-count="${bin.count}">` +
        `<title>${tip}</title>` +
        `<rect ${frame.paint('bar')} x="${x0}" y="${top}" width="${x1 - x0}" height="${frame.y(0) - top}"/>` +
        `<rect ${frame.paint('gap')} fill-opacity="0.35" x="${x0}" y="${gapTop}" width="${x1 - x0}" height="${gapBottom - gapTop}"/>` +
        `</g>`,
    );
  });
  parts.push(frame.legend([
    ['bar', 'accuracy (observed)'],
    ['gap', 'gap to the diagonal'],
  ], 'box'));
  return frame.wrap(parts, 'reliability-diagram');
}

export function confidenceHistogramSvg(
  bins: readonly ReliabilityBin[],
  meanAccuracy: number,
  meanConfidence: number,
  options: ChartOptions,
): string {
  const frame = new Frame(options, 200);
  const n = bins.reduce((s, b) => s + b.count, 0);
  const top = Math.max(0.05, ...bins.map((b) => (n > 0 ? b.count / n : 0)));
  const yMax = Math.ceil(top * 10) / 10;
  const ticks = [0, yMax / 2, yMax];
  const parts: string[] = [frame.axes(TICKS, TICKS.map((t) => `${t}`), ticks.map((t) => t / yMax), ticks.map((t) => `${Math.round(t * 100)}%`))];
  bins.forEach((bin) => {
    if (bin.count === 0) return;
    const [x0, x1] = frame.span(bin.lower, bin.upper);
    const y = frame.y(bin.count / n / yMax);
    parts.push(`<rect ${frame.paint('hist')} x="${x0}" y="${y}" width="${x1 - x0}" height="${frame.y(0) - y}"><title>n = ${bin.count} (${((100 * bin.count) / n).toFixed(1)}%)</title></rect>`);
  });
  const hitLabel = options.meanHitLabel ?? 'accuracy';
  for (const [role, value, label] of [
    ['accuracy-line', meanAccuracy, hitLabel],
    ['confidence-line', meanConfidence, 'avg. confidence'],
  ] as const) {
    const x = frame.x(value);
    parts.push(
      `<line ${frame.paint(role)} stroke-width="2" stroke-dasharray="5 3" x1="${x}" y1="${frame.y(0)}" x2="${x}" y2="${frame.y(1)}"><title>${label} ${value.toFixed(3)}</title></line>`,
    );
  }
  parts.push(frame.legend([
    ['accuracy-line', `${hitLabel} ${meanAccuracy.toFixed(3)}`],
    ['confidence-line', `avg. confidence ${meanConfidence.toFixed(3)}`],
  ]));
  return frame.wrap(parts, 'confidence-histogram');
}

class Frame {
  readonly width: number;
  readonly height: number;

  constructor(private readonly options: ChartOptions, defaultHeight: number) {
    this.width = options.width ?? 420;
    this.height = options.height ?? defaultHeight;
  }

  x(v: number): number {
    return round(MARGIN.left + v * (this.width - MARGIN.left - MARGIN.right));
  }

  y(v: number): number {
    return round(this.height - MARGIN.bottom - v * (this.height - MARGIN.top - MARGIN.bottom));
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
    const filled = role === 'bar' || role === 'gap' || role === 'hist' || role === 'text' || role === 'background';
    return `${cls} ${filled ? `fill="${colour}"` : `stroke="${colour}" fill="none"`}`;
  }

  axes(xTicks: number[], xLabels: string[], yTicks: number[] = xTicks, yLabels: string[] = xLabels): string {
    const parts: string[] = [];
    yTicks.forEach((t, i) => {
      parts.push(`<line ${this.paint('grid')} x1="${this.x(0)}" x2="${this.x(1)}" y1="${this.y(t)}" y2="${this.y(t)}"/>`);
      parts.push(`<text ${this.paint('text')} x="${this.x(0) - 6}" y="${this.y(t) + 4}" text-anchor="end">${yLabels[i]}</text>`);
    });
    xTicks.forEach((t, i) => {
      parts.push(`<text ${this.paint('text')} x="${this.x(t)}" y="${this.y(0) + 16}" text-anchor="middle">${xLabels[i]}</text>`);
    });
    parts.push(`<rect ${this.paint('axis')} x="${this.x(0)}" y="${this.y(1)}" width="${this.x(1) - this.x(0)}" height="${this.y(0) - this.y(1)}"/>`);
    parts.push(`<text ${this.paint('text', 'label')} x="${(this.x(0) + this.x(1)) / 2}" y="${this.height - 8}" text-anchor="middle">${escape(this.options.xLabel)}</text>`);
    parts.push(
      `<text ${this.paint('text', 'label')} transform="translate(14 ${(this.y(0) + this.y(1)) / 2}) rotate(-90)" text-anchor="middle">${escape(this.options.yLabel)}</text>`,
    );
    parts.push(`<text ${this.paint('text', 'title')} x="${this.x(0)}" y="18">${escape(this.options.title)}</text>`);
    return parts.join('');
  }

  legend(entries: Array<[ChartRole, string]>, kind: 'line' | 'box' = 'line'): string {
    const width = 30 + 6.2 * Math.max(...entries.map(([, text]) => text.length));
    const backdrop = `<rect ${this.paint('background', 'legend')} fill-opacity="0.85" x="${this.x(0) + 3}" y="${this.y(1) + 3}" width="${round(width)}" height="${entries.length * 16 + 4}"/>`;
    return backdrop + entries
      .map(([role, text], i) => {
        const y = this.y(1) + 14 + i * 16;
        const x = this.x(0) + 8;
        const key =
          kind === 'line'
            ? `<line ${this.paint(role)} stroke-width="2" stroke-dasharray="5 3" x1="${x}" x2="${x + 18}" y1="${y - 4}" y2="${y - 4}"/>`
            : `<rect ${this.paint(role)}${role === 'gap' ? ' fill-opacity="0.35"' : ''} x="${x}" y="${y - 9}" width="18" height="10"/>`;
        return `${key}<text ${this.paint('text')} x="${x + 24}" y="${y}">${escape(text)}</text>`;
      })
      .join('');
  }

  wrap(parts: string[], name: string): string {
    const background = this.options.palette ? `<rect ${this.paint('background')} width="${this.width}" height="${this.height}"/>` : '';
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" class="chart ${name}" role="group" aria-label="${escape(this.options.title)}" ` +
      `width="${this.width}" height="${this.height}" viewBox="0 0 ${this.width} ${this.height}" font-family="sans-serif" font-size="11">` +
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
