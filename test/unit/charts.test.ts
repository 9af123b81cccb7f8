import * as assert from 'assert';
import { reliabilityBins } from '../../src/core/calibration';
import { confidenceHistogramSvg, escape, Palette, reliabilityDiagramSvg } from '../../src/webview/shared/charts';

const bins = reliabilityBins([0.95, 0.93, 0.62, 0.55, 0.31], [1, 0, 1, 0, 1], 10);
const labels = { title: 'Reliability <test>', xLabel: 'Confidence', yLabel: 'Accuracy' };

describe('SVG charts', () => {
  it('draws one focusable bar group per non-empty bin, with its count in the tooltip', () => {
    const svg = reliabilityDiagramSvg(bins, labels);
    const groups = svg.match(/<g class="bin"[^>]*>/g) ?? [];
    assert.strictEqual(groups.length, bins.filter((b) => b.count > 0).length);
    assert.ok(groups.every((g) => g.includes('tabindex="0"')));
    assert.match(svg, /<title>bin 10: 0\.900–1\.000\nn = 2\naccuracy 0\.500\nconfidence 0\.940<\/title>/);
    assert.match(svg, /class="diagonal"/);
    assert.ok(svg.includes('Reliability &lt;test&gt;'), 'text is escaped');
  });

  it('draws bars to scale: height ∝ accuracy, the gap between accuracy and confidence', () => {
    const svg = reliabilityDiagramSvg([{ lower: 0.5, upper: 1, count: 4, accuracy: 0.5, confidence: 0.75 }], { ...labels, width: 452, height: 270 });
    // plot area: x 52…436 (384 px), y 28…228 (200 px)
    assert.match(svg, /<rect class="bar" x="244" y="128" width="192" height="100"\/>/);
    assert.match(svg, /<rect class="gap" fill-opacity="0.35" x="244" y="78" width="192" height="50"\/>/);
  });

  it('marks mean accuracy and mean confidence with dashed lines in the histogram', () => {
    const svg = confidenceHistogramSvg(bins, 0.6, 0.666, { ...labels, title: 'Confidence histogram' });
    assert.match(svg, /class="accuracy-line"[^>]*stroke-dasharray/);
    assert.match(svg, /class="confidence-line"[^>]*stroke-dasharray/);
    assert.match(svg, /accuracy 0\.600/);
    assert.match(svg, /avg\. confidence 0\.666/);
  });

  it('carries concrete colours for export, and only classes otherwise (no inline style under the CSP)', () => {
    const palette: Palette = {
      background: '#fff', text: '#111', axis: '#222', grid: '#ccc', bar: '#00f', gap: '#f00', diagonal: '#333',
      hist: '#00f', 'accuracy-line': '#0a0', 'confidence-line': '#fa0',
    };
    const exported = reliabilityDiagramSvg(bins, { ...labels, palette });
    assert.match(exported, /class="bar" fill="#00f"/);
    assert.match(exported, /class="diagonal" stroke="#333" fill="none"/);
    const themed = reliabilityDiagramSvg(bins, labels);
    assert.ok(!/ fill="#|style=/.test(themed));
    assert.ok(!/style=/.test(exported));
  });

  it('escapes markup in labels', () => {
    assert.strictEqual(escape(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
