import * as assert from 'assert';
import type { CalibrationReport } from '../../src/core/calibration';
import {
  cleanEvaluationNote,
  evidenceSentences,
  excludesZero,
  meanInterval,
  medianSeed,
  summariseSeeds,
  SeedRun,
  TEST_METRICS,
} from '../../src/core/stats';
import { assertClose, readJson } from './helpers';

interface IntervalCase {
  values: number[];
  mean: number;
  sd: number;
  low: number;
  high: number;
  scipyLow: number;
  scipyHigh: number;
}

const { intervals } = readJson<{ intervals: IntervalCase[] }>('reference', 'stats.json');

function report(accuracy: number, ece: number): CalibrationReport {
  return {
    accuracy,
    ece,
    mce: 2 * ece,
    adaptiveEce: ece / 2,
    nll: 1 - accuracy,
    brier: ece + 0.1,
    n: 100,
    bins: [],
    classwiseEce: 0,
    smoothEce: ece,
    smoothEceSigma: 0.1,
    classes: 3,
  };
}

describe('mean and 95 % Student t interval over seeds', () => {
  for (const c of intervals) {
    it(`${c.values.length} values: NumPy's mean and sd (ddof 1), mean ± t·sd/√n, and scipy.stats.t.interval`, () => {
      const s = meanInterval(c.values);
      assert.strictEqual(s.n, c.values.length);
      assertClose(s.mean!, c.mean, { rtol: 1e-14 }, 'mean');
      assertClose(s.sd!, c.sd, { rtol: 1e-13 }, 'sd');
      assertClose([s.low!, s.high!], [c.low, c.high], { rtol: 1e-13, atol: 1e-15 }, 'interval');
      const half = (c.high - c.low) / 2;
      assertClose([s.low!, s.high!], [c.scipyLow, c.scipyHigh], { atol: 5e-9 * half }, 'scipy interval');
    });
  }

  it('gives no sd or interval for one value, and nothing for none', () => {
    assert.deepStrictEqual(meanInterval([0.5]), { mean: 0.5, sd: null, low: null, high: null, n: 1 });
    assert.deepStrictEqual(meanInterval([]), { mean: null, sd: null, low: null, high: null, n: 0 });
    assert.deepStrictEqual(meanInterval([0.25, 0.25, 0.25]), { mean: 0.25, sd: 0, low: 0.25, high: 0.25, n: 3 });
  });
});

describe('summaries of runs over seeds', () => {
  const runs: SeedRun[] = [];
  const ce = [
    [0.84, 0.28],
    [0.85, 0.27],
    [0.83, 0.3],
    [0.86, 0.26],
    [0.84, 0.29],
  ];
  const mae = [
    [0.96, 0.03],
    [0.95, 0.02],
    [0.97, 0.025],
    [0.96, 0.02],
    [0.95, 0.03],
  ];
  const same = [
    [0.845, 0.27],
    [0.84, 0.29],
    [0.835, 0.29],
    [0.865, 0.27],
    [0.84, 0.28],
  ];
  ce.forEach(([a, e], seed) => runs.push({ name: 'CE', seed, test: report(a, e) }));
  mae.forEach(([a, e], seed) => runs.push({ name: 'MAE', seed, test: report(a, e) }));
  same.forEach(([a, e], seed) => runs.push({ name: 'Same', seed, test: seed === 2 ? null : report(a, e) }));
  const summary = summariseSeeds(runs, 'CE');

  it('summarises every run and every test metric, leaving out failed seeds', () => {
    assert.deepStrictEqual(Object.keys(summary.runs), ['CE', 'MAE', 'Same']);
    for (const name of ['CE', 'MAE']) assert.deepStrictEqual(Object.keys(summary.runs[name]), [...TEST_METRICS]);
    assert.deepStrictEqual(summary.runs.CE.accuracy, meanInterval(ce.map(([a]) => a)));
    assert.deepStrictEqual(summary.runs.MAE.mce, meanInterval(mae.map(([, e]) => 2 * e)));
    assert.strictEqual(summary.runs.Same.accuracy.n, 4);
  });

  it('pairs differences by seed: the interval of the per-seed differences, not of two means', () => {
    const d = summary.differences.MAE.vsCE;
    const perSeed = mae.map(([a], s) => a - ce[s][0]);
    const expected = meanInterval(perSeed);
    assert.deepStrictEqual(d.accuracy, { mean: expected.mean, low: expected.low, high: expected.high, n: 5 });
    assert.ok(excludesZero(d.accuracy) && excludesZero(d.ece));
    assert.ok(d.ece.high! < 0);
    assert.strictEqual(summary.differences.Same.vsCE.accuracy.n, 4, 'seed 2 failed: four pairs');
    assert.ok(!excludesZero(summary.differences.Same.vsCE.accuracy));
    assert.ok(!('CE' in summary.differences));
    assert.deepStrictEqual(Object.keys(d).sort(), [...TEST_METRICS].sort());
    assert.deepStrictEqual(Object.keys(d.accuracy), ['mean', 'low', 'high', 'n']);
  });

  it('has no differences without the reference run', () => {
    assert.deepStrictEqual(summariseSeeds(runs, null).differences, {});
    assert.deepStrictEqual(
      summariseSeeds(
        runs.filter((r) => r.name !== 'CE'),
        'CE',
      ).differences,
      {},
    );
  });

  it('says in one sentence per run what the evidence supports', () => {
    const sentences = evidenceSentences(summary, 'CE');
    assert.deepStrictEqual(Object.keys(sentences), ['CE', 'MAE', 'Same']);
    assert.match(
      sentences.CE,
      /^CE \(the reference\): test accuracy 0\.844 ± 0\.0\d\d and ECE 0\.280 ± 0\.0\d\d over 5 seeds\.$/,
    );
    assert.match(
      sentences.MAE,
      /^MAE, over 5 seeds paired with CE: more accurate \(Δ accuracy \+0\.114, 95 % interval \+0\.\d+ to \+0\.\d+\); better calibrated \(Δ ECE −0\.255, 95 % interval −0\.\d+ to −0\.\d+\)\.$/,
    );
    assert.match(
      sentences.Same,
      /over 4 seeds paired with CE: no clear accuracy difference \(.*which includes 0\); no clear ECE difference/,
    );
    for (const s of Object.values(sentences)) assert.strictEqual(s.split('. ').length, 1, s);
    const one = summariseSeeds(
      runs.filter((r) => r.seed === 0),
      'CE',
    );
    assert.match(evidenceSentences(one, 'CE').MAE, /one seed paired with CE, so no interval/);
  });

  it('picks the median seed of a run by a metric', () => {
    assert.strictEqual(medianSeed(runs, 'CE', 'ece'), 0); // ECE 0.26, 0.27, 0.28, 0.29, 0.30 → seed 0
    assert.strictEqual(medianSeed(runs, 'Same', 'accuracy'), 4); // 0.84 (1), 0.84 (4), 0.845 (0), 0.865 (3): the lower median
    assert.strictEqual(medianSeed(runs, 'none'), null);
  });

  it('notes a clean evaluation only when no noise was injected', () => {
    assert.match(cleanEvaluationNote(0)!, /^No label noise was injected/);
    assert.strictEqual(cleanEvaluationNote(0.2), null);
  });
});
