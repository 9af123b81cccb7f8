import type { RunImage, RunView } from '../../extension/training/protocol';
import { stackCharts } from '../shared/exportFigure';
import { exportPalette } from '../shared/palette';
import { svgToPngBase64 } from '../shared/png';
import { runFigure } from './results';

/**
 * Each finished run's diagram above its histogram, light (as the calibration panel exports by
 * default), as SVG and as PNG at twice the size; the figure takes the size its charts declare.
 */
export async function runImages(runs: RunView[]): Promise<RunImage[]> {
  const palette = exportPalette('light');
  const images: RunImage[] = [];
  for (const [i, run] of runs.entries()) {
    if (!run.test) continue;
    const figure = stackCharts(runFigure(run, run.test, palette), palette);
    images.push({ run: i, svg: figure.svg, png: await svgToPngBase64(figure.svg, figure.width, figure.height, 2) });
  }
  return images;
}
