import type { ReliabilityBin } from '../../core/calibration';
import type { SmoothCurvePoints } from '../../extension/calibration/protocol';
import type { ChartOverlay, PlotScale } from '../shared/charts';

const r = (v: number) => Math.round(v * 10) / 10;

/**
 * relplot's rel_diagram over the bins: the smoothed reliability curve μ(t) and its point-wise band,
 * drawn where the rows are (the curve is cut where the smoothed density falls under 1 % of its peak,
 * as relplot fades it out there).
 */
export function smoothCurveOverlay(curve: SmoothCurvePoints): ChartOverlay {
  const pct = Math.round(curve.level * 100);
  return {
    legend: [
      { role: 'smooth-curve', text: `smoothed (σ* = ${curve.sigma.toFixed(3)})`, kind: 'line' },
      ...(curve.lower.length ? [{ role: 'smooth-band' as const, text: `${pct}% band`, kind: 'box' as const }] : []),
    ],
    draw: (scale) => {
      const peak = Math.max(...curve.density);
      const shown = Array.from(curve.mesh, (_, k) => curve.density[k] >= 0.01 * peak);
      const parts: string[] = [];
      for (const run of runs(shown)) {
        if (curve.lower.length) {
          const upper = run.map((k) => point(scale, curve.mesh[k], curve.upper[k]));
          const lower = run.map((k) => point(scale, curve.mesh[k], curve.lower[k])).reverse();
          parts.push(
            `<polygon ${scale.paint('smooth-band')} fill-opacity="0.22" points="${[...upper, ...lower].join(' ')}"/>`,
          );
        }
        const line = run.map((k) => point(scale, curve.mesh[k], curve.mu[k])).join(' ');
        parts.push(`<polyline ${scale.paint('smooth-curve')} stroke-width="2" points="${line}"/>`);
      }
      return `<g class="smooth-overlay">${parts.join('')}</g>`;
    },
  };
}

/** A second model's diagram over the first's bars: its bins' (confidence, accuracy) joined by a line. */
export function compareOverlay(bins: readonly ReliabilityBin[], label: string): ChartOverlay {
  return {
    legend: [{ role: 'compare-line', text: label, kind: 'line' }],
    draw: (scale) => {
      const points = bins.filter((b) => b.count > 0).map((b) => [scale.x(b.confidence), scale.y(b.accuracy)] as const);
      const dots = points
        .map(([x, y]) => `<circle ${scale.paint('compare-line')} stroke-width="2" cx="${x}" cy="${y}" r="3"/>`)
        .join('');
      const line = points.map(([x, y]) => `${x},${y}`).join(' ');
      return `<g class="compare-overlay"><polyline ${scale.paint('compare-line')} stroke-width="2" points="${line}"/>${dots}</g>`;
    },
  };
}

/** Both overlays on one diagram. */
export function combineOverlays(overlays: ChartOverlay[]): ChartOverlay | undefined {
  if (overlays.length === 0) return undefined;
  return {
    legend: overlays.flatMap((o) => o.legend),
    draw: (scale) => overlays.map((o) => o.draw(scale)).join(''),
  };
}

function point(scale: PlotScale, x: number, y: number): string {
  return `${r(scale.x(x))},${r(scale.y(Math.min(1, Math.max(0, y))))}`;
}

/** The index runs where `shown` is true. */
function runs(shown: boolean[]): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  shown.forEach((on, k) => {
    if (on) current.push(k);
    else if (current.length) {
      out.push(current);
      current = [];
    }
  });
  if (current.length) out.push(current);
  return out.filter((run) => run.length > 1);
}
