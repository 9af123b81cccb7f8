import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { readColumns } from '../../src/core/data/columnReader';
import { loadDataset } from '../../src/core/data/dataset';
import { summariseSeeds } from '../../src/core/stats/summary';
import {
  isSeedStudy,
  planRuns,
  resolveTrainConfig,
  runExperiment,
  runSeedStudy,
  seedStudyJson,
  tableSeedSource,
  TrainConfig,
  TrainEvent,
} from '../../src/core/train';
import { useBackend } from '../../src/core/train/backend';
import { batchLossFor, objectiveFor } from '../../src/core/train/objectives';
import { assertClose, REPO } from './helpers';

const wasmDir = path.join(REPO, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
const BLOBS = path.join(REPO, 'media', 'datasets', 'blobs-noisy.csv');
const bytes = fs.readFileSync(BLOBS);
const quick: Partial<TrainConfig> = { epochs: 3, batchSize: 64, hidden: [8], learningRate: 0.01, backend: 'cpu' };

function source() {
  return tableSeedSource(readColumns(bytes, 'blobs-noisy.csv'));
}

/** Runs without the parts that cannot be compared by value (predictions are typed arrays). */
function numbers(runs: Array<{ name: string; history: unknown; test: unknown }>) {
  return runs.map(({ name, history, test }) => ({ name, history, test }));
}

describe('seed draws of a table', () => {
  it('seed s, split seed s, noise r is exactly loadDataset with seed s and noise r', () => {
    const draw = source();
    for (const [seed, noise] of [
      [0, 0],
      [3, 0.3],
      [7, 0.1],
    ]) {
      const expected = loadDataset(bytes, 'blobs-noisy.csv', { seed, noise });
      const actual = draw({ seed, splitSeed: seed, noise });
      for (const split of ['train', 'validation', 'test'] as const)
        assert.deepStrictEqual(actual[split], expected[split], `${split}, seed ${seed}`);
      assert.deepStrictEqual(actual.noise, expected.noise);
      assert.deepStrictEqual(actual.schema, expected.schema);
      assert.deepStrictEqual(actual.transforms, expected.transforms);
    }
  });

  it('a fixed split keeps the rows of every split and varies the noise draw; another split seed moves rows', () => {
    const draw = source();
    const a = draw({ seed: 0, splitSeed: 0, noise: 0.3 });
    const b = draw({ seed: 1, splitSeed: 0, noise: 0.3 });
    const c = draw({ seed: 1, splitSeed: 1, noise: 0.3 });
    assert.deepStrictEqual(b.test, a.test);
    assert.deepStrictEqual(b.train.cleanY, a.train.cleanY);
    assert.notDeepStrictEqual(b.train.y, a.train.y);
    assert.notDeepStrictEqual(c.test.sourceRows, a.test.sourceRows);
    assert.deepStrictEqual(
      Array.from(c.test.y).sort(),
      Array.from(a.test.y).sort(),
      'stratified: the same class counts',
    );
  });
});

describe('seed studies', function () {
  this.timeout(120_000);
  before(async () => tf.setBackend('cpu'));

  it('one seed is the experiment of today, number for number', async () => {
    const dataset = loadDataset(bytes, 'blobs-noisy.csv', { seed: 2, noise: 0.2 });
    const single = await runExperiment(dataset, { ...quick, seed: 2 }, { wasmDir });
    const study = await runSeedStudy(source(), { ...quick, seed: 2 }, { wasmDir, noise: 0.2 });
    assert.deepStrictEqual(numbers(study.runs), numbers(single.runs));
    assert.deepStrictEqual(
      study.runs.map((r) => r.seed),
      [2, 2],
    );
    assert.ok(!isSeedStudy(resolveTrainConfig({})) && isSeedStudy(resolveTrainConfig({ seeds: 2 })));
  });

  it('trains every run for every seed, each seed as its own experiment would, and summarises them paired', async () => {
    const config = { ...quick, seed: 5, seeds: 3, baselines: ['mae' as const] };
    const events: TrainEvent[] = [];
    const study = await runSeedStudy(source(), config, { wasmDir, noise: 0.3, onEvent: (e) => events.push(e) });
    assert.deepStrictEqual(study.seeds, [5, 6, 7]);
    assert.deepStrictEqual(
      study.runs.map((r) => `${r.name}@${r.seed}`),
      [
        'CE@5',
        'γ-CE (γ=0.1)@5',
        'MAE (γ-CE, γ=1)@5',
        'CE@6',
        'γ-CE (γ=0.1)@6',
        'MAE (γ-CE, γ=1)@6',
        'CE@7',
        'γ-CE (γ=0.1)@7',
        'MAE (γ-CE, γ=1)@7',
      ],
    );
    const alone = await runExperiment(
      source()({ seed: 6, splitSeed: 6, noise: 0.3 }),
      { ...config, seed: 6 },
      { wasmDir },
    );
    assert.deepStrictEqual(numbers(study.runs.filter((r) => r.seed === 6)), numbers(alone.runs));
    assert.notDeepStrictEqual(study.runs[0].history, study.runs[3].history, 'seeds differ');
    assert.strictEqual(study.reference, 'CE');
    assert.deepStrictEqual(study.summary, summariseSeeds(study.runs, 'CE'));
    const starts = events.filter((e) => e.type === 'runStart');
    assert.deepStrictEqual(
      starts.map((e) => e.type === 'runStart' && [e.index, e.total, e.seed]),
      [5, 5, 5, 6, 6, 6, 7, 7, 7].map((s, i) => [i, 9, s]),
    );
    assert.strictEqual(events.filter((e) => e.type === 'backend').length, 1);

    const json = JSON.parse(JSON.stringify(seedStudyJson(study)));
    assert.strictEqual(json.runs.length, 9);
    assert.ok(
      json.runs.every(
        (r: { seed: number; predictions?: unknown }) => Number.isInteger(r.seed) && !('predictions' in r),
      ),
    );
    assert.deepStrictEqual(Object.keys(json.summary), ['runs', 'differences']);
    assert.deepStrictEqual(Object.keys(json.summary.runs.CE.ece), ['mean', 'sd', 'low', 'high', 'n']);
    assert.deepStrictEqual(Object.keys(json.summary.differences['MAE (γ-CE, γ=1)'].vsCE.accuracy), [
      'mean',
      'low',
      'high',
      'n',
    ]);
    assert.match(json.evidence['MAE (γ-CE, γ=1)'], /over 3 seeds paired with CE/);
    assert.strictEqual(json.noise, 0.3);
  });

  it('a fixed split trains every seed on the same rows', async () => {
    const study = await runSeedStudy(source(), { ...quick, seeds: 2, fixedSplit: true }, { wasmDir });
    const [a, b] = [0, 1].map((s) => study.runs.find((r) => r.name === 'CE' && r.seed === s)!);
    assert.deepStrictEqual(a.predictions!.labels, b.predictions!.labels);
    assert.notDeepStrictEqual(a.history, b.history, 'weights and batches still vary');
  });

  it('a noise sweep repeats the study at each noise rate, with a summary per rate', async () => {
    const sweep = await runSeedStudy(source(), { ...quick, seeds: 2, noiseSweep: [0, 0.4] }, { wasmDir });
    assert.deepStrictEqual(
      sweep.noiseSweep!.map((e) => e.noise),
      [0, 0.4],
    );
    assert.strictEqual(sweep.summary, undefined);
    assert.strictEqual(sweep.runs.length, 8);
    const clean = await runSeedStudy(source(), { ...quick, seeds: 2 }, { wasmDir });
    assert.deepStrictEqual(numbers(sweep.runs.filter((r) => r.noise === 0)), numbers(clean.runs));
    assert.deepStrictEqual(sweep.noiseSweep![0].summary, clean.summary);
    assert.notDeepStrictEqual(sweep.noiseSweep![1].summary, clean.summary);
    const json = JSON.parse(JSON.stringify(seedStudyJson(sweep)));
    assert.deepStrictEqual(Object.keys(json.noiseSweep[0]), ['noise', 'summary']);
    assert.ok(!('noise' in json) && !('summary' in json));
  });

  it('takes γ = 0 of a γ sweep as the reference', async () => {
    const study = await runSeedStudy(source(), { ...quick, epochs: 1, seeds: 2, sweep: [0.5, 0] }, { wasmDir });
    assert.strictEqual(study.reference, 'γ-CE (γ=0)');
    assert.deepStrictEqual(Object.keys(study.summary!.differences), ['γ-CE (γ=0.5)']);
  });

  it('stops between seeds when cancelled', async () => {
    let runs = 0;
    const study = await runSeedStudy(
      source(),
      { ...quick, seeds: 5 },
      {
        wasmDir,
        onEvent: (e) => void (e.type === 'runEnd' && runs++),
        cancelled: () => runs >= 2,
      },
    );
    assert.deepStrictEqual(study.seeds, [0, 1, 2, 3, 4]);
    assert.strictEqual(study.runs.length, 2);
  });
});

describe('γ-CE’s peers for noisy labels in the plan and the trainer', function () {
  this.timeout(60_000);

  it('plans GCE, SCE and MAE (γ-CE at γ = 1, constant) after the other baselines, before + TS', () => {
    const specs = planRuns(resolveTrainConfig({ baselines: ['ts', 'mae', 'sce', 'gce', 'ls'], schedule: 'linear' }));
    assert.deepStrictEqual(
      specs.map((s) => s.name),
      [
        'CE',
        'γ-CE (γ→0.1, linear)',
        'Label smoothing (ε=0.1)',
        'GCE (q=0.7)',
        'SCE (α=0.1, β=1, A=-4)',
        'MAE (γ-CE, γ=1)',
        'CE + TS',
        'γ-CE (γ→0.1, linear) + TS',
      ],
    );
    const mae = specs.find((s) => s.name.startsWith('MAE'))!;
    assert.deepStrictEqual([mae.loss, mae.gamma, mae.schedule], ['gamma-ce', 1, 'constant']);
    const tailr = planRuns(resolveTrainConfig({ threshold: 0.3, tailrSmoothing: 0.1 }))[1];
    assert.deepStrictEqual([tailr.name, tailr.smoothing], ['TaiLr (γ=0.1, b=0.3, ε=0.1)', 0.1]);
  });

  it('trains MAE at γ = 1 in every epoch under a schedule', async () => {
    await tf.setBackend('cpu');
    const data = loadDataset(bytes, 'blobs-noisy.csv');
    const report = await runExperiment(data, { ...quick, schedule: 'linear', baselines: ['mae'] }, { wasmDir });
    assert.deepStrictEqual(
      report.runs[2].history.map((h) => h.gamma),
      [1, 1, 1],
    );
    assert.deepStrictEqual(
      report.runs[1].history.map((h) => h.gamma),
      [0, 0.05, 0.1],
    );
  });

  after(async () => useBackend('cpu', wasmDir));

  for (const backend of ['cpu', 'wasm'] as const) {
    it(`on ${backend}, the batch losses of GCE, SCE and smoothed TaiLr equal their objectives' value and tf.grad gradient`, async () => {
      assert.strictEqual(await useBackend(backend, wasmDir), backend);
      const config = resolveTrainConfig({
        baselines: ['gce', 'sce'],
        threshold: 0.2,
        tailrSmoothing: 0.1,
        gceQ: 0.4,
        sceA: -3,
      });
      const specs = planRuns(config).filter((s) => s.loss === 'gce' || s.loss === 'sce' || s.loss === 'tailr');
      assert.strictEqual(specs.length, 3);
      tf.tidy(() => {
        const z = tf.tensor2d([
          [2, -1, 0.5],
          [0.1, 0.2, 0.3],
          [-3, 4, 1],
          [9, 0, -2],
        ]);
        const y = tf.oneHot(tf.tensor1d([0, 2, 1, 1], 'int32'), 3).toFloat() as tf.Tensor2D;
        for (const spec of specs) {
          const { sum, dLogits } = batchLossFor(spec, 0.1)(y, z);
          const { value, grad } = tf.valueAndGrad((x: tf.Tensor) => objectiveFor(spec, 0.1)(y, x as tf.Tensor2D))(z);
          assertClose(sum.dataSync()[0], value.dataSync()[0] * 4, { rtol: 1e-6 }, `${spec.name} sum`);
          assertClose(dLogits.dataSync(), grad.dataSync(), { rtol: 1e-6, atol: 1e-8 }, `${spec.name} gradient`);
        }
      });
    });
  }
});

describe('seed, noise-sweep and noise-robust settings', () => {
  const bad: Array<[Partial<TrainConfig>, keyof TrainConfig, RegExp]> = [
    [{ seeds: 0 }, 'seeds', /seeds must be a whole number from 1 to 20, got 0/],
    [{ seeds: 21 }, 'seeds', /seeds must be a whole number from 1 to 20, got 21/],
    [{ seeds: 2.5 }, 'seeds', /seeds must be a whole number/],
    [{ seed: 0xffffffff, seeds: 2 }, 'seeds', /go past 2\^32−1/],
    [{ noiseSweep: [0, 0.95] }, 'noiseSweep', /every noise rate of noiseSweep must be in \[0, 0\.9\], got 0\.95/],
    [{ noiseSweep: [-0.1] }, 'noiseSweep', /must be in \[0, 0\.9\], got -0\.1/],
    [{ noiseSweep: [0.2, 0, 0.2] }, 'noiseSweep', /noiseSweep lists the noise rate 0\.2 more than once/],
    [{ noiseSweep: [] }, 'noiseSweep', /noiseSweep needs at least one noise rate/],
    [{ gceQ: 0 }, 'gceQ', /gceQ \(the q of GCE\) must be in \(0, 1\], got 0/],
    [{ gceQ: 1.5 }, 'gceQ', /gceQ \(the q of GCE\) must be in \(0, 1\], got 1\.5/],
    [{ sceA: 0 }, 'sceA', /sceA \(the log 0 of SCE's reverse cross-entropy\) must be a finite negative number, got 0/],
    [{ sceBeta: -1 }, 'sceBeta', /sceBeta \(the β of SCE\) must be a finite number ≥ 0, got -1/],
    [
      { tailrSmoothing: 1 },
      'tailrSmoothing',
      /tailrSmoothing \(the label smoothing ε of the TaiLr form\) must be in \[0, 1\), got 1/,
    ],
    [{ fixedSplit: 'yes' as unknown as boolean }, 'fixedSplit', /fixedSplit must be true or false/],
    [
      { baselines: ['mixup' as 'ls'] },
      'baselines',
      /unknown baseline 'mixup'; use ls, focal or ts, or gce, sce or mae for noisy labels/,
    ],
  ];
  for (const [partial, field, message] of bad) {
    it(`refuses ${JSON.stringify(partial)}, naming ${field}`, () => {
      assert.throws(
        () => resolveTrainConfig(partial),
        (error: Error & { field?: string }) => message.test(error.message) && error.field === field,
      );
    });
  }

  it('defaults to one seed, a varying split, no sweep, q = 0.7, SCE 0.1/1/−4 and no TaiLr smoothing', () => {
    const c = resolveTrainConfig({});
    assert.deepStrictEqual(
      [c.seeds, c.fixedSplit, c.noiseSweep, c.gceQ, c.sceAlpha, c.sceBeta, c.sceA, c.tailrSmoothing],
      [1, false, null, 0.7, 0.1, 1, -4, 0],
    );
  });
});
