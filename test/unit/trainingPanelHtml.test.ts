import * as assert from 'assert';
import { calibrationReport, CalibrationReport } from '../../src/core/calibration';
import type { RunView } from '../../src/extension/training/protocol';
import { stackCharts } from '../../src/webview/shared/exportFigure';
import { LIGHT_PALETTE } from '../../src/webview/shared/palette';
import { curvesHtml } from '../../src/webview/training/curves';
import { sweepBaselineNote } from '../../src/webview/training/form';
import {
  FIGURE,
  metricsTableHtml,
  MIN_TEST_ROWS_TO_COLOUR,
  referenceRun,
  runFigure,
  sweepHtml,
} from '../../src/webview/training/results';
import { runStyles } from '../../src/webview/training/runStyles';
import { shellHtml } from '../../src/webview/training/shell';

/** A test report on n rows of two classes, right with probability `accuracy` at confidence `confidence`. */
function report(n: number, accuracy: number, confidence: number): CalibrationReport {
  const probs: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const right = (i * 0.618034) % 1 < accuracy;
    probs.push([confidence, 1 - confidence]);
    labels.push(right ? 0 : 1);
  }
  return calibrationReport(probs, labels, { bins: 10 });
}

function run(
  name: string,
  gamma: number | null,
  test: CalibrationReport | null,
  loss: RunView['loss'] = 'gamma-ce',
  lossScale = 1,
  baseRun?: number,
): RunView {
  const history =
    baseRun !== undefined
      ? []
      : Array.from({ length: 30 }, (_, e) => ({
          epoch: e + 1,
          gamma: gamma ?? 0,
          trainLoss: lossScale / (e + 1),
          valAccuracy: 0.8,
          valNll: 0.5 - e / 100,
          valEce: 0.05,
          testAccuracy: 0.8,
          testNll: 0.5,
          testEce: 0.05,
        }));
  const scaled = baseRun === undefined ? {} : { baseRun, temperature: 1.3 };
  return { name, loss, gamma, threshold: null, status: 'ok', epochs: history.length, history, test, ...scaled };
}

const SWEEP = [0, 1e-7, 1e-4, 0.01, 0.1, 0.5, 1];
const sweepRuns = (n: number): RunView[] => {
  const plain = SWEEP.map((g, i) => run(`γ-CE (γ=${g})`, g, report(n, 0.8 - i / 100, 0.9 - i / 50)));
  return [...plain, ...plain.map((r, i) => run(`${r.name} + TS`, r.gamma, report(n, 0.8, 0.8), 'gamma-ce', 1, i))];
};

function attrs(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

describe('training panel markup', () => {
  it('gives every element of the page a unique id (the sweep field and the sweep results were both #sweep)', () => {
    const ids = [...shellHtml().matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(ids.includes('sweep') && ids.includes('sweep-results'), ids.join(' '));
    assert.deepStrictEqual(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      [],
    );
  });

  it('draws each of 14 sweep runs differently: a γ run and its "+ TS" share a colour, the TS one dashed', () => {
    const runs = sweepRuns(300);
    const styles = runStyles(runs);
    const keys = styles.map((s) => `${s.colour}/${s.dash}`);
    assert.strictEqual(new Set(keys).size, 14, keys.join(' '));
    SWEEP.forEach((_, i) => {
      assert.strictEqual(styles[i + 7].colour, styles[i].colour);
      assert.strictEqual(styles[i].dash, '');
      assert.notStrictEqual(styles[i + 7].dash, '');
    });
    // Past 8 groups the colours come back with another pattern: 24 groups and their TS runs, all distinct.
    const many = Array.from({ length: 24 }, (_, i) => ({ name: `γ-CE (γ=${i / 100})` }));
    const all = runStyles([...many, ...many.map((r, i) => ({ name: `${r.name} + TS`, baseRun: i }))]).map(
      (s) => `${s.colour}/${s.dash}`,
    );
    assert.strictEqual(new Set(all).size, 48);
  });

  it('shows Δ in a sweep against its γ = 0 run (cross-entropy), coloured from 100 test rows on', () => {
    const runs = sweepRuns(300);
    assert.strictEqual(referenceRun(runs)?.name, 'γ-CE (γ=0)');
    const html = metricsTableHtml(runs);
    assert.match(
      html,
      /<caption>Test split, 300 rows; Δ against γ-CE \(γ=0\), which is cross-entropy \(green better, red worse\)\.<\/caption>/,
    );
    const deltas = [...html.matchAll(/<span class="delta (\w+)" data-delta="([^"]+)"/g)];
    assert.strictEqual(deltas.length, 13 * 6, 'every run but the reference, every metric');
    // γ = 1e-7 (row 2): accuracy 0.79 against 0.80 → −0.01, worse.
    const accuracy = [...html.matchAll(/data-metric="accuracy" data-value="([^"]+)"/g)].map((m) => Number(m[1]));
    assert.ok(Math.abs(Number(deltas[0][2]) - (accuracy[1] - accuracy[0])) < 1e-15);
    assert.ok(deltas.some((d) => d[1] === 'better') && deltas.some((d) => d[1] === 'worse'));
    // A difference that rounds to zero is ±0.0000 (not −0.0000), whatever its sign.
    const tiny = metricsTableHtml([
      run('CE', 0, report(300, 0.8, 0.9), 'ce'),
      {
        ...run('γ-CE (γ=1e-7)', 1e-7, report(300, 0.8, 0.9)),
        test: { ...report(300, 0.8, 0.9), ece: report(300, 0.8, 0.9).ece - 1e-6 },
      },
    ]);
    assert.match(tiny, /data-metric="ece"[^<]*<span class="delta same"[^>]*>±0\.0000</);
    assert.doesNotMatch(tiny, /−0\.0000/);
  });

  it(`never colours a difference measured on fewer than ${MIN_TEST_ROWS_TO_COLOUR} test rows, and says why`, () => {
    const html = metricsTableHtml([
      run('CE', 0, report(21, 0.9, 0.95), 'ce'),
      run('γ-CE (γ=0.1)', 0.1, report(21, 0.86, 0.9)),
    ]);
    assert.match(
      html,
      /Test split, 21 rows; Δ against CE, <strong>not coloured<\/strong>: 21 test rows are too few to tell better from worse \(colours from 100 rows on\)/,
    );
    const classes = [...html.matchAll(/<span class="delta (\w+)"/g)].map((m) => m[1]);
    assert.deepStrictEqual([...new Set(classes)], ['plain']);
    assert.doesNotMatch(html, /class="delta (better|worse)/);
  });

  it('says when a sweep has nothing to compare with', () => {
    const runs = sweepRuns(300).filter((r) => r.gamma !== 0);
    assert.match(
      metricsTableHtml(runs),
      /No Δ: this sweep has no γ = 0 run \(cross-entropy\) to compare with; add 0 to Sweep γ\./,
    );
  });

  it('says what a sweep does with the ticked baselines', () => {
    assert.strictEqual(sweepBaselineNote('', ['ls', 'focal', 'ts']), '');
    assert.strictEqual(
      sweepBaselineNote('0, 0.1', ['ls', 'focal', 'ts']),
      'A sweep trains one γ run per value: label smoothing and focal loss are not trained in it (no γ to sweep). Temperature scaling is applied to each γ run (dashed in the charts).',
    );
    assert.strictEqual(
      sweepBaselineNote('0.1', ['focal']),
      'A sweep trains one γ run per value: focal loss is not trained in it (no γ to sweep).',
    );
    assert.strictEqual(
      sweepBaselineNote('0.1', ['gce', 'sce', 'mae']),
      'A sweep trains one γ run per value: GCE, SCE and MAE are not trained in it (no γ to sweep).',
    );
  });

  it('plots the sweep against γ, the "+ TS" runs as a dashed line of their own', () => {
    const html = sweepHtml(sweepRuns(300));
    assert.strictEqual([...html.matchAll(/<svg[^>]*class="chart line-chart"/g)].length, 2);
    assert.strictEqual([...html.matchAll(/<path class="line run-0" d="[^"]+" stroke-dasharray="5 3">/g)].length, 2);
  });

  it('gives each run its own training-loss chart (own y axis) and one shared validation NLL chart', () => {
    const runs = [
      run('CE', 0, null, 'ce', 1),
      run('γ-CE (γ=0.5)', 0.5, null, 'gamma-ce', 0.01),
      run('CE + TS', 0, null, 'ce', 1, 0),
    ];
    const html = curvesHtml(runs);
    assert.match(html, /aria-label="Validation NLL"/);
    const multiples = [...html.matchAll(/<figure class="loss-multiple">(.*?)<\/figure>/g)].map((m) => m[1]);
    assert.strictEqual(multiples.length, 2, 'the TS run trains nothing');
    const topTick = (svg: string) =>
      Math.max(...[...svg.matchAll(/text-anchor="end">([^<]+)</g)].map((m) => Number(m[1])));
    // CE's loss falls from 1, γ-CE's from 0.01: each chart's axis fits its own run.
    assert.ok(topTick(multiples[0]) >= 0.9 && topTick(multiples[0]) <= 1.1, String(topTick(multiples[0])));
    assert.ok(topTick(multiples[1]) >= 0.009 && topTick(multiples[1]) <= 0.011, String(topTick(multiples[1])));
  });

  it('leaves the confidence histogram a real plot area under its legend, in the panel and in the export', () => {
    const test = report(300, 0.953, 0.912);
    const [diagram, histogram] = runFigure(run('γ-CE (γ=0.1)', 0.1, test), test, LIGHT_PALETTE);
    for (const [svg, min] of [
      [diagram, 180],
      [histogram, 120],
    ] as const) {
      const plot = attrs(/<rect class="axis"[^>]*>/.exec(svg)![0]);
      assert.ok(Number(plot.height) >= min, `plot area ${plot.height} px high`);
      const legend = attrs(/<rect class="legend-box"[^>]*>/.exec(svg)![0]);
      assert.ok(Number(legend.y) + Number(legend.height) <= Number(plot.y), 'the legend stays above the plot');
    }
    const figure = stackCharts([diagram, histogram], LIGHT_PALETTE);
    assert.deepStrictEqual(
      [figure.width, figure.height],
      [FIGURE.width, FIGURE.diagramHeight + FIGURE.histogramHeight],
    );
  });
});
