import { escape } from './charts';

export interface Series {
  name: string;
  /** Index into the run palette (CSS class run-0 … run-7), so a run keeps its colour everywhere. */
  colour: number;
  /** SVG stroke-dasharray of the line; solid when absent. */
  dash?: string;
  points: Array<[number, number]>;
  /** A shaded band around the line (an interval): [x, low, high] at each x. */
  band?: Array<[number, number, number]>;
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  /** Log-scaled x axis; x = 0 is drawn at the left edge and labelled "0". */
  logX?: boolean;
  /** Fixed y range (e.g. [0, 1] for accuracy); default: the data's range, padded. */
  yRange?: [number, number];
  /** Bounds the data's padded range never leaves (accuracy in [0, 1], a loss ≥ 0). */
  clamp?: [number, number];
}

const MARGIN = { top: 26, right: 12, bottom: 38, left: 50 };
const MAX_DOTS = 25;

/** Lines with dots, axes with a few ticks and a legend, as SVG markup coloured by CSS classes. */
export function lineChartSvg(series: Series[], options: LineChartOptions): string {
  const width = options.width ?? 320;
  const height = options.height ?? 200;
  const all = series
    .flatMap((s) => [
      ...s.points,
      ...(s.band ?? []).flatMap(([x, lo, hi]): Array<[number, number]> => [
        [x, lo],
        [x, hi],
      ]),
    ])
    .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const xs = all.map(([x]) => x);
  const ys = all.map(([, y]) => y);
  const positiveXs = xs.filter((x) => x > 0);
  const logMin = positiveXs.length ? Math.floor(Math.log10(Math.min(...positiveXs))) - 1 : -1;
  const tx = (x: number) => (options.logX ? (x > 0 ? Math.log10(x) : logMin) : x);
  const txs = xs.map(tx);
  const [x0, x1] = txs.length ? padded(Math.min(...txs), Math.max(...txs), 0) : [0, 1];
  const auto = ys.length ? padded(Math.min(...ys), Math.max(...ys), 0.08) : [0, 1];
  const [lo, hi] = options.clamp ?? [-Infinity, Infinity];
  const [y0, y1] = options.yRange ?? [Math.max(lo, auto[0]), Math.min(hi, auto[1])];
  const px = (x: number) => round(MARGIN.left + ((tx(x) - x0) / (x1 - x0 || 1)) * (width - MARGIN.left - MARGIN.right));
  const py = (y: number) =>
    round(height - MARGIN.bottom - ((y - y0) / (y1 - y0 || 1)) * (height - MARGIN.top - MARGIN.bottom));

  const parts: string[] = [];
  for (const t of ticks(y0, y1)) {
    parts.push(`<line class="grid" x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${py(t)}" y2="${py(t)}"/>`);
    parts.push(`<text x="${MARGIN.left - 5}" y="${py(t) + 4}" text-anchor="end">${formatTick(t)}</text>`);
  }
  const xTicks = options.logX
    ? logTicks(x0, x1, logMin)
    : ticks(x0, x1).filter((t) => Number.isInteger(t) || x1 - x0 < 5);
  for (const t of xTicks) {
    const x = options.logX ? (t === logMin ? 0 : 10 ** t) : t;
    const label = options.logX ? (t === logMin ? '0' : `1e${t}`) : formatTick(t);
    parts.push(`<text x="${px(x)}" y="${height - MARGIN.bottom + 14}" text-anchor="middle">${label}</text>`);
  }
  parts.push(
    `<rect class="axis" x="${MARGIN.left}" y="${MARGIN.top}" width="${width - MARGIN.left - MARGIN.right}" height="${height - MARGIN.top - MARGIN.bottom}"/>`,
  );
  for (const s of series) {
    const band = (s.band ?? []).filter((b) => b.every(Number.isFinite)).sort((a, b) => a[0] - b[0]);
    if (band.length > 1) {
      // Kept inside the plot: an interval can reach past a clamped range (an accuracy above 1).
      const inside = (y: number) => py(Math.min(y1, Math.max(y0, y)));
      const upper = band.map(([x, , hi], i) => `${i ? 'L' : 'M'}${px(x)} ${inside(hi)}`).join('');
      const lower = [...band]
        .reverse()
        .map(([x, lo]) => `L${px(x)} ${inside(lo)}`)
        .join('');
      parts.push(`<path class="band run-${s.colour % 8}" d="${upper}${lower}Z" fill-opacity="0.18" stroke-width="0"/>`);
    }
  }
  for (const s of series) {
    const pts = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)).sort((a, b) => a[0] - b[0]);
    if (!pts.length) continue;
    const d = pts.map(([x, y], i) => `${i ? 'L' : 'M'}${px(x)} ${py(y)}`).join('');
    const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
    parts.push(`<path class="line run-${s.colour % 8}" d="${d}"${dash}><title>${escape(s.name)}</title></path>`);
    // Dots only where they stay apart: dense ones would hide a dashed line's pattern.
    if (pts.length > MAX_DOTS) continue;
    for (const [x, y] of pts) {
      parts.push(
        `<circle class="dot run-${s.colour % 8}" cx="${px(x)}" cy="${py(y)}" r="2.5"><title>${escape(`${s.name}: ${formatTick(x)} → ${y.toPrecision(4)}`)}</title></circle>`,
      );
    }
  }
  parts.push(`<text class="title" x="${MARGIN.left}" y="16">${escape(options.title)}</text>`);
  parts.push(
    `<text class="label" x="${(MARGIN.left + width - MARGIN.right) / 2}" y="${height - 6}" text-anchor="middle">${escape(options.xLabel)}</text>`,
  );
  parts.push(
    `<text class="label" transform="translate(12 ${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)" text-anchor="middle">${escape(options.yLabel)}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart line-chart" role="img" aria-label="${escape(options.title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="10">${parts.join('')}</svg>`;
}

function padded(lo: number, hi: number, fraction: number): [number, number] {
  // Values equal but for rounding (a mean and its zero-width band) are one value: no axis of 1e-17.
  if (hi - lo <= 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi))) return [lo - 0.5 || -0.5, hi + 0.5 || 0.5];
  const pad = (hi - lo) * fraction;
  return [lo - pad, hi + pad];
}

function ticks(lo: number, hi: number): number[] {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const step = 10 ** Math.floor(Math.log10(span / 4));
  const nice = [1, 2, 5, 10].map((m) => m * step).find((s) => span / s <= 5) ?? step * 10;
  const out: number[] = [];
  for (let t = Math.ceil(lo / nice) * nice; t <= hi + nice * 1e-6; t += nice) out.push(Number(t.toPrecision(12)));
  return out;
}

function logTicks(lo: number, hi: number, logMin: number): number[] {
  const out = [logMin];
  for (let t = Math.ceil(lo); t <= Math.floor(hi); t++) if (t > logMin) out.push(t);
  return out;
}

function formatTick(t: number): string {
  return Math.abs(t) >= 1000 || (Math.abs(t) < 1e-3 && t !== 0) ? t.toExponential(0) : String(Number(t.toPrecision(3)));
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
