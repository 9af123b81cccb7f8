import * as assert from 'assert';
import { ReliabilityBin, reliabilityBins } from '../../src/core/calibration';
import { binsProblem } from '../../src/webview/calibration/bins';
import {
  confidenceHistogramSvg,
  escape,
  GAP_LEGEND,
  Palette,
  reliabilityDiagramSvg,
} from '../../src/webview/shared/charts';
import { stackCharts } from '../../src/webview/shared/exportFigure';
import { GAP_COLOURS, LIGHT_PALETTE } from '../../src/webview/shared/palette';

const bins = reliabilityBins([0.95, 0.93, 0.62, 0.55, 0.31], [1, 0, 1, 0, 1], 10);
const labels = { title: 'Reliability <test>', xLabel: 'Confidence', yLabel: 'Accuracy' };
const palette: Palette = {
  background: '#fff',
  text: '#111',
  axis: '#222',
  grid: '#ccc',
  bar: '#00f',
  'gap-over': '#f00',
  'gap-under': '#0c0',
  diagonal: '#333',
  hist: '#00f',
  'accuracy-line': '#0a0',
  'confidence-line': '#fa0',
  'smooth-curve': '#c00',
  'smooth-band': '#c00',
  'compare-line': '#70c',
};
// One bin of each kind and one exact: over-confident (conf > acc), under-confident, calibrated.
const mixed: ReliabilityBin[] = [
  { lower: 0.2, upper: 0.4, count: 5, accuracy: 0.6, confidence: 0.3 },
  { lower: 0.4, upper: 0.6, count: 5, accuracy: 0.5, confidence: 0.5 },
  { lower: 0.8, upper: 1, count: 8, accuracy: 0.5, confidence: 0.9 },
];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [, name, value] of tag.matchAll(/([\w-]+)="([^"]*)"/g)) out[name] = value;
  return out;
}

function rects(svg: string, cls: string): Array<Record<string, string>> {
  return [...svg.matchAll(new RegExp(`<rect class="${cls}"[^>]*>`, 'g'))].map((m) => attrs(m[0]));
}

function box(a: Record<string, string>): Box {
  return { x: Number(a.x), y: Number(a.y), width: Number(a.width), height: Number(a.height) };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The legend's own parts (its group), to check that each lies in the legend box. */
function legendGroup(svg: string): string {
  return /<g class="chart-legend">(.*?)<\/g>/s.exec(svg)![1];
}

describe('SVG charts', () => {
  it('draws one focusable bar group per non-empty bin, with its count in the tooltip', () => {
    const svg = reliabilityDiagramSvg(bins, labels);
    const groups = svg.match(/<g class="bin"[^>]*>/g) ?? [];
    assert.strictEqual(groups.length, bins.filter((b) => b.count > 0).length);
    assert.ok(groups.every((g) => g.includes('tabindex="0"')));
    assert.match(
      svg,
      /<title>bin 10: 0\.900–1\.000\nn = 2\naccuracy 0\.500\nconfidence 0\.940\nover-confident by 0\.440<\/title>/,
    );
    assert.match(svg, /class="diagonal"/);
    assert.ok(svg.includes('Reliability &lt;test&gt;'), 'text is escaped');
  });

  it('draws bars to scale: height ∝ accuracy, the gap from accuracy to confidence', () => {
    const svg = reliabilityDiagramSvg([{ lower: 0.5, upper: 1, count: 4, accuracy: 0.5, confidence: 0.75 }], {
      ...labels,
      width: 452,
      height: 300,
    });
    const plot = box(rects(svg, 'axis')[0]);
    const bar = box(rects(svg, 'bar')[0]); // the legend's key comes last
    const gap = box(rects(svg, 'gap-over')[0]);
    assert.strictEqual(plot.width, 384);
    assert.deepStrictEqual([bar.x, bar.width], [plot.x + 192, 192]);
    assert.ok(Math.abs(bar.height - plot.height * 0.5) <= 0.1, `bar ${bar.height} of ${plot.height}`);
    assert.ok(Math.abs(bar.y + bar.height - (plot.y + plot.height)) <= 0.1, 'bars stand on the x axis');
    assert.ok(Math.abs(gap.y + gap.height - bar.y) <= 0.1, 'the over-confident gap sits on the bar');
    assert.ok(Math.abs(gap.height - plot.height * 0.25) <= 0.2, `gap ${gap.height}`);
    // Half as wide as the bar and centred, so the bar's full height shows beside it.
    assert.deepStrictEqual([gap.x, gap.width], [bar.x + 48, 96]);
  });

  it('places every legend outside the plot area, at any width and with long labels', () => {
    const charts = [320, 460, 700].flatMap((width) => [
      reliabilityDiagramSvg(mixed, { ...labels, width }),
      confidenceHistogramSvg(mixed, 0.6, 0.666, {
        ...labels,
        width,
        meanHitLabel: 'frequency of a-very-long-class-name',
      }),
    ]);
    for (const svg of charts) {
      const plot = box(rects(svg, 'axis')[0]);
      const legend = box(rects(svg, 'legend-box')[0]);
      const width = Number(attrs(/^<svg [^>]*>/.exec(svg)![0]).width);
      assert.ok(legend.height >= 16, 'the legend has a row');
      assert.ok(!overlaps(legend, plot), `legend ${JSON.stringify(legend)} covers the plot ${JSON.stringify(plot)}`);
      assert.ok(legend.y + legend.height <= plot.y, 'the legend is above the plot');
      assert.ok(legend.y >= 20, 'and below the title');
      assert.ok(
        legend.x + legend.width <= width,
        `the legend fits in the figure (${legend.x + legend.width} > ${width})`,
      );
      const group = legendGroup(svg);
      for (const key of group.match(/<rect class="(?!legend-box)[^"]*"[^>]*>/g) ?? []) {
        const k = box(attrs(key));
        assert.ok(
          k.x >= legend.x &&
            k.x + k.width <= legend.x + legend.width &&
            k.y >= legend.y &&
            k.y + k.height <= legend.y + legend.height,
          key,
        );
      }
      for (const [, y] of group.matchAll(/<text [^>]*y="([\d.]+)"/g)) {
        assert.ok(
          Number(y) - 11 >= legend.y && Number(y) <= legend.y + legend.height,
          `text baseline ${y} in the legend box`,
        );
      }
    }
  });

  it('lists the two gap colours in the legend and fills every gap with exactly one of them', () => {
    const exported = reliabilityDiagramSvg(mixed, { ...labels, palette });
    const legend = legendGroup(exported);
    assert.match(legend, new RegExp(`<rect class="gap-over" fill="#f00"[^>]*/><text[^>]*>${GAP_LEGEND.over}</text>`));
    assert.match(legend, new RegExp(`<rect class="gap-under" fill="#0c0"[^>]*/><text[^>]*>${GAP_LEGEND.under}</text>`));
    const bars = exported.slice(exported.indexOf('<g class="bin"'), exported.indexOf('<g class="chart-legend">'));
    const gapFills = [...bars.matchAll(/<rect class="(gap-[a-z]+)" fill="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    assert.deepStrictEqual(
      gapFills,
      [
        ['gap-under', '#0c0'],
        ['gap-over', '#f00'],
      ],
      'under, none for the calibrated bin, over',
    );
    assert.ok(!/opacity/.test(exported), 'opaque: a gap over a bar shows the legend colour, not a blend');
    // No other role uses a gap colour, and the themed markup carries the same classes.
    assert.strictEqual((exported.match(/fill="#f00"/g) ?? []).length, 2);
    const themed = reliabilityDiagramSvg(mixed, labels);
    assert.deepStrictEqual(
      [...themed.matchAll(/class="(gap-[a-z]+)"/g)].map((m) => m[1]),
      ['gap-under', 'gap-over', 'gap-over', 'gap-under'],
    );
  });

  it('has gap colours for every theme kind, apart from each other and ≥ 3:1 against its background', () => {
    const backgrounds: Record<keyof typeof GAP_COLOURS, string[]> = {
      light: ['#ffffff', '#f8f8f8'],
      dark: ['#1f1f1f', '#1e1e1e'],
      'high-contrast': ['#000000'],
      'high-contrast-light': ['#ffffff'],
    };
    for (const [kind, { over, under }] of Object.entries(GAP_COLOURS) as Array<
      [keyof typeof GAP_COLOURS, { over: string; under: string }]
    >) {
      assert.notStrictEqual(over, under);
      for (const bg of backgrounds[kind]) {
        for (const colour of [over, under])
          assert.ok(contrast(colour, bg) >= 3, `${kind}: ${colour} on ${bg} is ${contrast(colour, bg).toFixed(2)}:1`);
      }
    }
    assert.strictEqual(LIGHT_PALETTE.background, '#ffffff');
    assert.deepStrictEqual(
      [LIGHT_PALETTE['gap-over'], LIGHT_PALETTE['gap-under']],
      [GAP_COLOURS.light.over, GAP_COLOURS.light.under],
    );
  });

  it('cuts a title too long for the figure short, keeping it whole in its tooltip', () => {
    const long = `Reliability diagram — class '${'x'.repeat(80)}' vs rest, 15 equal-mass bins`;
    const svg = reliabilityDiagramSvg(mixed, { ...labels, title: long, width: 320 });
    const [, tip, shown] = /<text class="text title"[^>]*><title>([^<]*)<\/title>([^<]*)<\/text>/.exec(svg)!;
    assert.strictEqual(tip, escape(long));
    assert.ok(shown.endsWith('…') && shown.length < 45, shown);
    assert.match(
      reliabilityDiagramSvg(mixed, labels),
      /<text class="text title"[^>]*>Reliability &lt;test&gt;<\/text>/,
    );
  });

  it('marks mean accuracy and mean confidence with dashed lines in the histogram', () => {
    const svg = confidenceHistogramSvg(bins, 0.6, 0.666, { ...labels, title: 'Confidence histogram' });
    assert.match(svg, /class="accuracy-line"[^>]*stroke-dasharray/);
    assert.match(svg, /class="confidence-line"[^>]*stroke-dasharray/);
    assert.match(svg, /accuracy 0\.600/);
    assert.match(svg, /avg\. confidence 0\.666/);
  });

  it('carries concrete colours for export, and only classes otherwise (no inline style under the CSP)', () => {
    const exported = reliabilityDiagramSvg(bins, { ...labels, palette });
    assert.match(exported, /class="bar" fill="#00f"/);
    assert.match(exported, /class="diagonal" stroke="#333" fill="none"/);
    const themed = reliabilityDiagramSvg(bins, labels);
    assert.ok(!/ fill="#|style=/.test(themed));
    assert.ok(!/style=/.test(exported));
  });

  it('stacks charts into one figure at their own sizes, on the palette background', () => {
    const a = reliabilityDiagramSvg(bins, { ...labels, width: 320, height: 280, palette });
    const b = confidenceHistogramSvg(bins, 0.6, 0.7, { ...labels, width: 300, height: 170, palette });
    const figure = stackCharts([a, b], LIGHT_PALETTE);
    assert.deepStrictEqual([figure.width, figure.height], [320, 450]);
    assert.match(
      figure.svg,
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="320" height="450" viewBox="0 0 320 450"><rect width="320" height="450" fill="#ffffff"\/>/,
    );
    assert.match(figure.svg, /<svg x="0" y="0" xmlns[^>]*class="chart reliability-diagram"/);
    assert.match(figure.svg, /<svg x="0" y="280" xmlns[^>]*class="chart confidence-histogram"/);
    assert.throws(() => stackCharts(['<svg/>'], LIGHT_PALETTE), /width and height/);
  });

  it('escapes markup in labels', () => {
    assert.strictEqual(escape(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('Bins field', () => {
  it('accepts whole numbers from 5 to 50 and refuses the rest with the allowed range', () => {
    for (const ok of ['5', '15', ' 50 ']) assert.strictEqual(binsProblem(ok, 15), undefined, ok);
    assert.strictEqual(binsProblem('3', 15), '3 bins: allowed are 5–50 (whole numbers); the diagram keeps 15');
    for (const bad of ['4', '51', '7.5', '', 'abc', '1e3'])
      assert.match(binsProblem(bad, 20) ?? '', /allowed are 5–50 \(whole numbers\); the diagram keeps 20$/, bad);
  });
});

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5]
      .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
