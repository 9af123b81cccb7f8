import * as assert from 'assert';
import { reliabilityBins } from '../../src/core/calibration/bins';
import { compareOverlay, smoothCurveOverlay } from '../../src/webview/calibration/overlays';
import { reliabilityDiagramSvg } from '../../src/webview/shared/charts';
import { LIGHT_PALETTE } from '../../src/webview/shared/palette';

/** Every attribute name that a start tag repeats: a standalone SVG with one is not XML, and an <img> refuses it. */
function repeatedAttributes(svg: string): string[] {
  const repeated: string[] = [];
  for (const tag of svg.match(/<[a-zA-Z][^>]*>/g) ?? []) {
    const names = [...tag.matchAll(/\s([a-zA-Z_:][-\w:.]*)="/g)].map((m) => m[1]);
    for (const name of new Set(names))
      if (names.filter((n) => n === name).length > 1) repeated.push(`${name} in ${tag.slice(0, 60)}`);
  }
  return repeated;
}

describe('exported calibration figures are well-formed standalone SVG', () => {
  const confidence = Float64Array.from({ length: 200 }, (_, i) => 0.3 + (0.7 * i) / 200);
  const hit = Float64Array.from(confidence, (c, i) => (i % 10 < c * 9 ? 1 : 0));
  const bins = reliabilityBins(confidence, hit, 10);
  const mesh = Float64Array.from({ length: 50 }, (_, i) => i / 49);
  const curve = {
    sigma: 0.1,
    mesh,
    mu: mesh.map((t) => t * 0.9),
    lower: mesh.map((t) => t * 0.8),
    upper: mesh.map((t) => Math.min(1, t)),
    density: mesh.map(() => 1),
    level: 0.9,
    resamples: 100,
  };
  const options = { title: 'Reliability', xLabel: 'Confidence', yLabel: 'Accuracy', palette: LIGHT_PALETTE };

  it('with the smoothed curve and its band (the export failed with "could not be drawn as an image")', () => {
    const svg = reliabilityDiagramSvg(bins, { ...options, overlay: smoothCurveOverlay(curve) });
    assert.match(svg, /<polyline class="smooth-curve"/);
    assert.deepStrictEqual(repeatedAttributes(svg), []);
  });

  it('with a second model overlaid', () => {
    const svg = reliabilityDiagramSvg(bins, { ...options, overlay: compareOverlay(bins, 'B') });
    assert.match(svg, /<polyline class="compare-line"/);
    assert.deepStrictEqual(repeatedAttributes(svg), []);
  });

  it('the check finds a repeated attribute', () => {
    assert.deepStrictEqual(repeatedAttributes('<svg><path fill="a" d="M0" fill="b"/></svg>').length, 1);
  });
});
