import type { Palette } from './charts';

export interface Figure {
  svg: string;
  width: number;
  height: number;
}

/**
 * Standalone charts (markup from charts.ts with a palette) stacked top to bottom into one SVG
 * document, each at the size it declares; the figure is as wide as the widest chart.
 */
export function stackCharts(charts: string[], palette: Palette): Figure {
  const sizes = charts.map(chartSize);
  const width = Math.max(0, ...sizes.map((s) => s.width));
  let y = 0;
  const placed = charts.map((chart, i) => {
    const markup = chart.replace(/^<svg /, `<svg x="0" y="${y}" `);
    y += sizes[i].height;
    return markup;
  });
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}">` +
    `<rect width="${width}" height="${y}" fill="${palette.background}"/>${placed.join('')}</svg>`;
  return { svg, width, height: y };
}

function chartSize(chart: string): { width: number; height: number } {
  const root = /^<svg [^>]*>/.exec(chart)?.[0] ?? '';
  const width = Number(/ width="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/ height="([\d.]+)"/.exec(root)?.[1]);
  if (!(width > 0 && height > 0)) throw new Error('a chart without its width and height cannot be placed in a figure');
  return { width, height };
}
