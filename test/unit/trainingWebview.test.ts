import * as assert from 'assert';
import { calibrationReport } from '../../src/core/calibration';
import { summariseSeeds } from '../../src/core/stats/summary';
import { resolveTrainConfig } from '../../src/core/train/config';
import type { SeedStudyReport, StudyRun } from '../../src/core/train/seedStudy';
import type { EpochRecord } from '../../src/core/train/types';
import {
  DatasetView,
  HostToTrainingWebview,
  restoreTrainingPanelState,
  TrainingSetup,
} from '../../src/extension/training/protocol';
import { studyView } from '../../src/extension/training/studyProtocol';
import { Store } from '../../src/webview/shared/store';
import { checkForm, FormValues } from '../../src/webview/training/formCheck';
import { lineChartSvg } from '../../src/webview/shared/lineChart';
import { regionsHtml } from '../../src/webview/training/render';
import { runStyles } from '../../src/webview/training/runStyles';
import {
  defaultSeed,
  meanBand,
  noiseSweepHtml,
  studyHtml,
  studySummaryHtml,
} from '../../src/webview/training/studyResults';
import { INITIAL_VIEW, reduce, savedState, TrainingViewState } from '../../src/webview/training/viewState';

const VALUES: FormValues = {
  model: 'mlp',
  hidden: '64',
  gamma: '0.1',
  threshold: '',
  schedule: 'constant',
  baselines: [],
  gceQ: '0.7',
  sweep: '',
  epochs: '50',
  batchSize: '32',
  learningRate: '0.001',
  seed: '0',
  seeds: '5',
  fixedSplit: false,
  noiseSweep: '',
  noise: '0.3',
};
const PREVIOUS: TrainingSetup = { config: { baselines: ['gce'] }, noise: 0 };

describe('training webview: the form, checked through resolveTrainConfig', () => {
  it('reads seeds, the fixed split, a noise sweep, the noisy-label baselines and q into the setup', () => {
    const checked = checkForm(
      {
        ...VALUES,
        seeds: '3',
        fixedSplit: true,
        noiseSweep: '0, 0.2 0.4',
        baselines: ['ts', 'gce', 'sce'],
        gceQ: '0.5',
      },
      PREVIOUS,
    );
    assert.deepStrictEqual(checked.errors, []);
    const config = checked.setup!.config;
    assert.strictEqual(config.seeds, 3);
    assert.strictEqual(config.fixedSplit, true);
    assert.deepStrictEqual(config.noiseSweep, [0, 0.2, 0.4]);
    assert.deepStrictEqual(config.baselines, ['ts', 'gce', 'sce']);
    assert.strictEqual(config.gceQ, 0.5);
    assert.strictEqual(checked.setup!.noise, 0.3);
  });

  for (const [field, value, message] of [
    ['seeds', '0', 'seeds must be a whole number from 1 to 20, got 0'],
    ['seeds', '21', 'seeds must be a whole number from 1 to 20, got 21'],
    ['seeds', '2.5', 'seeds must be a whole number from 1 to 20, got 2.5'],
    ['noiseSweep', '0.2, 0.2', 'noiseSweep lists the noise rate 0.2 more than once'],
    ['noiseSweep', '0.95', 'every noise rate of noiseSweep must be in [0, 0.9], got 0.95'],
    ['gamma', '1.5', 'gamma must be in [0, 1], got 1.5'],
    ['gceQ', '0', 'gceQ (the q of GCE) must be in (0, 1], got 0'],
    ['gceQ', '1.5', 'gceQ (the q of GCE) must be in (0, 1], got 1.5'],
    ['epochs', '0', 'epochs must be a whole number from 1 to 100000, got 0'],
  ] as const) {
    it(`marks ${field} = ${value} with resolveTrainConfig's message`, () => {
      assert.deepStrictEqual(checkForm({ ...VALUES, [field]: value }, PREVIOUS).errors, [[field, message]]);
    });
  }

  it('names text that is not a number before the configuration check, every such field at once', () => {
    const { errors } = checkForm({ ...VALUES, seeds: 'five', learningRate: '', noiseSweep: '0.1, x' }, PREVIOUS);
    assert.deepStrictEqual(
      errors.map(([f]) => f),
      ['learningRate', 'seeds', 'noiseSweep'],
    );
  });

  it('seeds past 2^32−1 are refused on the seeds field', () => {
    const { errors } = checkForm({ ...VALUES, seed: String(2 ** 32 - 2), seeds: '5' }, PREVIOUS);
    assert.strictEqual(errors[0]?.[0], 'seeds');
  });

  it('a bad label noise is named on its own field', () => {
    assert.deepStrictEqual(checkForm({ ...VALUES, noise: '0.95' }, PREVIOUS).errors, [
      ['noise', 'the label noise must be in [0, 0.9]'],
    ]);
  });
});

const record = (epoch: number, valAccuracy: number): EpochRecord => ({
  epoch,
  gamma: 0,
  trainLoss: 1 / epoch,
  valAccuracy,
  valNll: 0.5,
  valEce: 0.05,
  testAccuracy: valAccuracy,
  testNll: 0.5,
  testEce: 0.05,
});

function test(accuracy: number, confidence: number) {
  const probs = Array.from({ length: 100 }, (_, i) =>
    i < accuracy * 100 ? [confidence, 1 - confidence] : [1 - confidence, confidence],
  );
  return calibrationReport(
    probs,
    probs.map(() => 0),
    { bins: 10 },
  );
}

/** Three seeds of CE and γ-CE: γ-CE is more accurate on every seed (a clear difference); ECE differs both ways. */
function study(noiseSweep?: number[]): SeedStudyReport {
  const noises = noiseSweep ?? [undefined];
  const runs: StudyRun[] = noises.flatMap((noise, k) =>
    [0, 1, 2].flatMap((seed) =>
      (['CE', 'γ-CE (γ=0.1)'] as const).map((name, j): StudyRun => {
        const accuracy = 0.7 + 0.05 * seed + 0.1 * j - 0.1 * k;
        return {
          name,
          loss: j ? 'gamma-ce' : 'ce',
          gamma: j ? 0.1 : null,
          threshold: null,
          status: 'ok',
          epochs: 2,
          history: [record(1, 0.8 + 0.05 * seed), record(2, 0.85)],
          test: test(accuracy, [0.9, 0.6, 0.8][(seed + j) % 3]),
          predictions: null,
          seed,
          ...(noise === undefined ? {} : { noise }),
        };
      }),
    ),
  );
  const at = (noise?: number) =>
    summariseSeeds(
      runs.filter((r) => r.noise === noise),
      'CE',
    );
  return {
    dataset: { file: 'digits.csv', classNames: ['a', 'b'] } as SeedStudyReport['dataset'],
    config: resolveTrainConfig({ seeds: 3, noiseSweep: noiseSweep ?? null }),
    backend: 'cpu',
    seeds: [0, 1, 2],
    noise: noiseSweep?.[0] ?? 0,
    reference: 'CE',
    runs,
    ...(noiseSweep ? { noiseSweep: noiseSweep.map((noise) => ({ noise, summary: at(noise) })) } : { summary: at() }),
  };
}

describe('training webview: study results', () => {
  it('bands are the 95 % Student t interval over seeds (scipy: 0.72579…, 0.97421… for 0.8, 0.85, 0.9)', () => {
    const band = meanBand([[record(1, 0.8)], [record(1, 0.85)], [record(1, 0.9)]], (h) => h.valAccuracy);
    assert.strictEqual(band.length, 1);
    assert.ok(Math.abs(band[0][1] - 0.7257931144124835) < 1e-12, String(band[0][1]));
    assert.ok(Math.abs(band[0][2] - 0.9742068855875164) < 1e-12, String(band[0][2]));
  });

  it('colours a difference only when its interval excludes 0, and states the method', () => {
    const view = studyView(study());
    const html = studySummaryHtml(view.summary!, 'CE', 'caption');
    const deltas = [...html.matchAll(/<span class="delta (\w+)" data-delta="[^"]+" data-clear="(\w+)">/g)];
    assert.strictEqual(deltas.length, 6, 'one Δ per metric for γ-CE, none for the reference');
    for (const [, cls, clear] of deltas) assert.strictEqual(cls === 'plain', clear === 'false', `${cls} ${clear}`);
    const accuracy = view.summary!.differences['γ-CE (γ=0.1)'].vsCE.accuracy;
    assert.ok(Math.abs(accuracy.mean! - 0.1) < 1e-9 && accuracy.low! > 0, 'γ-CE is more accurate on every seed');
    assert.match(html, /data-metric="accuracy"[^>]*>[\d.]+ ± [\d.]+<br><span class="delta better"/);
    assert.match(studyHtml(view, undefined), /Student t over seeds/);
    assert.match(studyHtml(view, undefined), /No label noise was injected/);
  });

  it('shows the median seed’s diagrams by default, and another seed when chosen', () => {
    const view = studyView(study());
    const median = defaultSeed(view);
    const eces = view.runs.filter((r) => r.name === 'CE').map((r) => [r.seed, r.test!.ece] as const);
    const sorted = [...eces].sort((a, b) => a[1] - b[1]);
    assert.strictEqual(median, sorted[1][0]);
    const open = (html: string) => [...html.matchAll(/data-open-run="(\d+)"/g)].map((m) => view.runs[Number(m[1])]);
    assert.ok(open(studyHtml(view, undefined)).every((r) => r.seed === median));
    assert.ok(open(studyHtml(view, 2)).every((r) => r.seed === 2));
    assert.match(studyHtml(view, undefined), new RegExp(`seed ${median} \\(median ECE\\)`));
  });

  it('plots accuracy and ECE against the noise rate per run, each with its band', () => {
    const html = noiseSweepHtml(studyView(study([0.2, 0.4])));
    assert.strictEqual([...html.matchAll(/<svg[^>]*class="chart line-chart"/g)].length, 2);
    assert.strictEqual([...html.matchAll(/<path class="band run-/g)].length, 4);
    assert.strictEqual(noiseSweepHtml(studyView(study())), '');
  });

  it('the study view passes the state schema, so the webview can save it and the host restore it', () => {
    const view = studyView(study([0, 0.3]));
    const restored = restoreTrainingPanelState({ uri: 'file:///d.csv', setup: PREVIOUS, runs: [], study: view });
    assert.deepStrictEqual(restored?.study, view);
  });
});

describe('training webview: line chart bands', () => {
  it('draws the band as one closed path through high then low, inside the clamped range', () => {
    const svg = lineChartSvg(
      [
        {
          name: 'a',
          colour: 1,
          points: [
            [1, 0.5],
            [2, 0.9],
          ],
          band: [
            [1, 0.4, 0.6],
            [2, 0.7, 1.2],
          ],
        },
      ],
      { title: 't', xLabel: 'x', yLabel: 'y', clamp: [0, 1] },
    );
    const d = /<path class="band run-1" d="([^"]+)"/.exec(svg)?.[1];
    assert.ok(d, svg);
    const ys = [...d.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => Number(m[2]));
    assert.strictEqual(ys.length, 4);
    assert.ok(d.endsWith('Z'));
    // The plot spans y = 26 (top, value 1) to 200 − 38 = 162; 1.2 is drawn at the top edge.
    assert.strictEqual(Math.min(...ys), 26);
    assert.ok(ys.every((y) => y >= 26 && y <= 162));
  });

  it('values equal but for rounding make one value with a few ticks, not thousands', () => {
    const svg = lineChartSvg(
      [
        {
          name: 'a',
          colour: 0,
          points: [
            [1, 0.5],
            [2, 0.5000000000000001],
          ],
        },
      ],
      { title: 't', xLabel: 'x', yLabel: 'y' },
    );
    const yTicks = [...svg.matchAll(/text-anchor="end">/g)].length;
    assert.ok(yTicks >= 2 && yTicks <= 6, `${yTicks} y ticks`);
  });
});

describe('training webview: state and render', () => {
  const dataset: DatasetView = {
    file: { uri: 'file:///a.csv', label: 'a.csv', size: 0 },
    rows: 10,
    features: 2,
    classNames: ['x', 'y'],
    classCounts: [5, 5],
    warnings: [],
    label: 'y',
    columns: [],
    split: { train: 6, validation: 2, test: 2 },
    noise: { rate: 0, flipped: 0 },
  };
  const play = (messages: HostToTrainingWebview[], from: TrainingViewState = INITIAL_VIEW) =>
    messages.reduce(reduce, from);

  it('lists the runs in the plan’s order whichever worker starts first (the run buttons index that order)', () => {
    const view = play([
      { type: 'dataset', dataset, setup: PREVIOUS },
      { type: 'started', runs: ['CE', 'γ'], epochs: 2 },
      { type: 'event', event: { type: 'runStart', run: 'γ', index: 1, total: 2 } },
      { type: 'event', event: { type: 'runStart', run: 'CE', index: 0, total: 2 } },
    ]);
    assert.deepStrictEqual(
      view.runs.map((r) => r.name),
      ['CE', 'γ'],
    );
  });

  it('follows a study through its seeds: each seed’s runs replace the last one’s, progress counts every run', () => {
    const view = play([
      { type: 'dataset', dataset, setup: PREVIOUS },
      { type: 'started', runs: ['CE', 'γ'], epochs: 2, study: { seeds: [0, 1], noiseSweep: null, total: 4 } },
      { type: 'event', event: { type: 'runStart', run: 'CE', index: 0, total: 4, seed: 0 } },
      { type: 'event', event: { type: 'runStart', run: 'γ', index: 1, total: 4, seed: 0 } },
      { type: 'event', event: { type: 'runStart', run: 'CE', index: 2, total: 4, seed: 1 } },
      { type: 'event', event: { type: 'epoch', run: 'CE', record: record(1, 0.8), epochs: 2 } },
    ]);
    assert.deepStrictEqual(
      view.runs.map((r) => r.name),
      ['CE'],
    );
    assert.strictEqual(view.progress, 2.5 / 4);
    assert.strictEqual(view.status, 'Run 3 of 4: CE (seed 1) — epoch 1/2');
    assert.ok(view.running);
    const done = play(
      [
        { type: 'studyDone', study: studyView(study()) },
        { type: 'finished', status: 'done' },
      ],
      view,
    );
    assert.strictEqual(done.status, 'Finished: 6 runs over 3 seeds.');
    assert.ok(!done.running);
    assert.deepStrictEqual(savedState(done)?.study, done.studyResult);
    const regions = regionsHtml(done);
    assert.strictEqual(regions.curves, '', 'the study replaces the one-seed view');
    assert.match(regions.study, /Over 3 seeds/);
  });

  it('a dataset of another file drops the last results; a load error keeps the form’s setup', () => {
    const first = play([
      { type: 'dataset', dataset, setup: PREVIOUS },
      { type: 'studyDone', study: studyView(study()) },
    ]);
    const other = { ...dataset, file: { uri: 'file:///b.csv', label: 'b.csv', size: 0 } };
    assert.strictEqual(reduce(first, { type: 'dataset', dataset: other, setup: PREVIOUS }).studyResult, undefined);
    const failed = reduce(first, {
      type: 'datasetError',
      file: other.file,
      message: 'no column can be the label column',
    });
    assert.strictEqual(failed.saved?.setup, PREVIOUS);
    assert.ok(failed.datasetError?.aboutLabel);
    assert.match(regionsHtml(failed).data, /id="label-retry"/);
  });

  it('the store renders once for a burst of updates', () => {
    const rendered: number[] = [];
    const pending: Array<() => void> = [];
    const store = new Store(
      0,
      (s) => rendered.push(s),
      (callback) => pending.push(callback),
    );
    for (let i = 1; i <= 5; i++) store.update((s) => s + 1);
    assert.strictEqual(pending.length, 1);
    pending[0]();
    assert.deepStrictEqual(rendered, [5]);
  });

  it('tells a temperature-scaled run by its base run, never by its name', () => {
    const styles = runStyles([{ name: 'CE' }, { name: 'mine + TS' }, { name: 'CE, scaled', baseRun: 0 }]);
    assert.strictEqual(styles[1].dash, '', 'a run merely named "+ TS" is drawn as a run of its own');
    assert.notStrictEqual(styles[1].colour, styles[0].colour);
    assert.strictEqual(styles[2].colour, styles[0].colour);
    assert.notStrictEqual(styles[2].dash, '');
  });
});
