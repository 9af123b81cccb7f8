import type { ExportTheme } from '../../extension/calibration/protocol';
import { ChartOptions, confidenceHistogramSvg, reliabilityDiagramSvg } from '../shared/charts';
import { stackCharts } from '../shared/exportFigure';
import { exportPalette } from '../shared/palette';
import { svgToPngBase64 } from '../shared/png';
import type { ViewResult } from './model';

/** The diagram above the histogram as one standalone SVG, and that as a PNG at twice the size. */
export async function exportFigure(
  view: ViewResult,
  theme: ExportTheme,
  diagram: Omit<ChartOptions, 'palette'>,
  histogram: Omit<ChartOptions, 'palette'>,
): Promise<{ svg: string; png: string }> {
  const palette = exportPalette(theme);
  const figure = stackCharts(
    [
      reliabilityDiagramSvg(view.bins, { ...diagram, palette }),
      confidenceHistogramSvg(view.histogram, view.meanHit, view.meanConfidence, { ...histogram, palette }),
    ],
    palette,
  );
  return { svg: figure.svg, png: await svgToPngBase64(figure.svg, figure.width, figure.height, 2) };
}
