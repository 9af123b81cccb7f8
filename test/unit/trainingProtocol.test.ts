import * as assert from 'assert';
import * as path from 'path';
import { MAX_NOISE_RATE } from '../../src/core/data/labelNoise';
import { runExperiment } from '../../src/core/train';
import type { RunReport } from '../../src/core/train/types';
import {
  parseTrainingWebviewMessage,
  restoreTrainingPanelState,
  RunView,
  TrainingSetup,
} from '../../src/extension/training/protocol';
import { REPO } from './helpers';
import { acceptsAll, Refused, refusesAll } from './protocolCases';
import { blobs } from './syntheticData';

const wasmDir = path.join(REPO, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
const uri = 'file:///w/iris.csv';

/** What the form sends: every field it has, the way readForm fills them. */
const setup: TrainingSetup = {
  config: {
    model: 'mlp',
    hidden: [16],
    gamma: 0.1,
    threshold: null,
    schedule: 'constant',
    sweep: null,
    baselines: ['ts'],
    epochs: 3,
    batchSize: 32,
    learningRate: 0.01,
    seed: 0,
  },
  noise: 0,
};
/** The run the webview shows as soon as a run starts, before any epoch. */
const starting: RunView = {
  name: 'CE',
  loss: 'ce',
  gamma: null,
  threshold: null,
  status: 'ok',
  epochs: 0,
  history: [],
  test: null,
};
const png = Buffer.from('\x89PNG\r\n').toString('base64');

const accepts = (messages: unknown[]) => acceptsAll(parseTrainingWebviewMessage, messages);
const refuses = (cases: Refused[]) => refusesAll(parseTrainingWebviewMessage, cases);
const withConfig = (config: object) => ({ type: 'run', setup: { ...setup, config: { ...setup.config, ...config } } });

function viewOf(run: RunReport): RunView {
  const { predictions: _predictions, ...view } = run;
  return view;
}

describe('training channel: webview → host', function () {
  this.timeout(60_000);
  let runs: RunView[] = [];

  before(async () => {
    const report = await runExperiment(
      blobs({ rows: 120 }),
      {
        epochs: 2,
        hidden: [8],
        learningRate: 0.05,
        backend: 'cpu',
        baselines: ['ls', 'focal', 'ts', 'gce', 'sce', 'mae'],
      },
      { wasmDir },
    );
    runs = [
      ...report.runs.map(viewOf),
      {
        ...starting,
        name: 'γ-CE',
        loss: 'gamma-ce',
        gamma: 0.5,
        status: 'diverged',
        message: 'γ-CE diverged in epoch 1',
        history: [],
      },
    ];
    assert.ok(
      runs.some((r) => r.temperature !== undefined) && runs.every((r) => r.status !== 'ok' || r.test),
      'the runs cover temperature scaling and test reports',
    );
    assert.deepStrictEqual(
      new Set(runs.map((r) => r.loss)),
      new Set(['ce', 'gamma-ce', 'label-smoothing', 'focal', 'gce', 'sce']),
    );
  });

  it('ready, stop, export, chooseDataset: exactly the type', () => {
    accepts([{ type: 'ready' }, { type: 'stop' }, { type: 'export' }, { type: 'chooseDataset' }]);
    refuses([
      [{ type: 'stop', force: true }, /^message: Unrecognized key: "force"/],
      [{ type: 'chooseDataset', uri: 'file:///etc/passwd' }, /^message: Unrecognized key: "uri"/],
      [{ type: 'deleteFile', path: '/tmp/x' }, /^type: Invalid discriminator/],
      [{ type: 42 }, /^type: Invalid discriminator/],
      [null, /^message: Invalid input/],
      [[{ type: 'ready' }], /^message: Invalid input/],
    ]);
  });

  for (const type of ['run', 'reloadDataset'] as const) {
    it(`${type}: a setup checked all the way down, noise in [0, ${MAX_NOISE_RATE}]`, () => {
      accepts([
        { type, setup },
        { type, setup: { config: {}, noise: MAX_NOISE_RATE } },
        { type, setup: { config: { seed: 3 }, noise: 0.2, label: 'species', ignored: ['id', 'notes'] } },
        {
          type,
          setup: {
            ...setup,
            config: {
              ...setup.config,
              sweep: [0, 0.5, 1],
              threshold: 0.2,
              model: 'logreg',
              schedule: 'cosine',
              backend: 'cpu',
            },
          },
        },
        {
          type,
          setup: {
            ...setup,
            config: {
              baselines: ['gce', 'sce', 'mae'],
              gceQ: 0.7,
              sceAlpha: 0.1,
              sceBeta: 1,
              sceA: -4,
              tailrSmoothing: 0.1,
              seeds: 5,
              fixedSplit: true,
              noiseSweep: [0, 0.2],
            },
          },
        },
      ]);
      const message = (s: object) => ({ type, setup: s });
      refuses([
        [message({ ...setup, noise: 5 }), /^setup\.noise: Too big/],
        [message({ ...setup, noise: -0.1 }), /^setup\.noise: Too small/],
        [message({ ...setup, noise: '0' }), /^setup\.noise: Invalid input: expected number/],
        [message({ config: {} }), /^setup\.noise: Invalid input/],
        [message({ noise: 0 }), /^setup\.config: Invalid input/],
        [message({ config: 'all', noise: 0 }), /^setup\.config: Invalid input: expected object/],
        [message({ ...setup, label: 3 }), /^setup\.label: Invalid input: expected string/],
        [message({ ...setup, ignored: 'id' }), /^setup\.ignored: Invalid input: expected array/],
        [message({ ...setup, ignored: ['id', 2] }), /^setup\.ignored\.1: Invalid input: expected string/],
        [message({ ...setup, colour: 'red' }), /^setup: Unrecognized key: "colour"/],
        [{ type }, /^setup: Invalid input/],
        [{ type, setup, now: true }, /^message: Unrecognized key: "now"/],
      ]);
    });
  }

  it('run: every config field has its type; unknown fields are refused', () => {
    refuses([
      [withConfig({ model: 'cnn' }), /^setup\.config\.model: Invalid option/],
      [withConfig({ epochs: '10' }), /^setup\.config\.epochs: Invalid input: expected number/],
      [withConfig({ gamma: null }), /^setup\.config\.gamma: Invalid input: expected number/],
      [withConfig({ gamma: Infinity }), /^setup\.config\.gamma: Invalid input: expected number/],
      [withConfig({ hidden: ['64'] }), /^setup\.config\.hidden\.0: Invalid input: expected number/],
      [withConfig({ hidden: 64 }), /^setup\.config\.hidden: Invalid input: expected array/],
      [withConfig({ sweep: [0.1, 'x'] }), /^setup\.config\.sweep\.1: Invalid input: expected number/],
      [withConfig({ baselines: ['mixup'] }), /^setup\.config\.baselines\.0: Invalid option/],
      [withConfig({ schedule: 'step' }), /^setup\.config\.schedule: Invalid option/],
      [withConfig({ backend: 'webgl' }), /^setup\.config\.backend: Invalid option/],
      [withConfig({ threshold: '0.2' }), /^setup\.config\.threshold: Invalid input: expected number/],
      [withConfig({ fixedSplit: 'yes' }), /^setup\.config\.fixedSplit: Invalid input: expected boolean/],
      [withConfig({ noiseSweep: [0.1, 'x'] }), /^setup\.config\.noiseSweep\.1: Invalid input: expected number/],
      [withConfig({ seeds: '5' }), /^setup\.config\.seeds: Invalid input: expected number/],
      [withConfig({ dropout: 0.5 }), /^setup\.config: Unrecognized key: "dropout"/],
    ]);
  });

  it('run: a well-typed value out of range passes, for resolveTrainConfig to name its field in the form', () => {
    accepts([
      withConfig({ gamma: 2 }),
      withConfig({ epochs: 0 }),
      withConfig({ hidden: [1.5] }),
      withConfig({ sweep: [] }),
    ]);
  });

  it('images: at most 64, each a run index ≥ 0, SVG markup and a base64 PNG', () => {
    const image = { run: 0, svg: '<svg xmlns="http://www.w3.org/2000/svg"/>', png };
    accepts([
      { type: 'images', images: [] },
      { type: 'images', images: [image, { ...image, run: 5 }] },
      { type: 'images', images: Array(64).fill(image) },
    ]);
    refuses([
      [{ type: 'images', images: Array(65).fill(image) }, /^images: Too big/],
      [{ type: 'images', images: [{ ...image, run: -1 }] }, /^images\.0\.run: Too small/],
      [{ type: 'images', images: [image, { ...image, run: 0.5 }] }, /^images\.1\.run: Invalid input: expected int/],
      [
        { type: 'images', images: [{ ...image, svg: '<script>' }] },
        /^images\.0\.svg: Invalid string: must start with "<svg"/,
      ],
      [{ type: 'images', images: [{ ...image, png: 'not base64!' }] }, /^images\.0\.png: Invalid base64/],
      [{ type: 'images', images: [{ ...image, svg: `<svg${' '.repeat(20_000_000)}` }] }, /^images\.0\.svg: Too big/],
      [{ type: 'images', images: [{ run: 0, svg: image.svg }] }, /^images\.0\.png: Invalid input/],
      [{ type: 'images', images: [{ ...image, file: '../x.png' }] }, /^images\.0: Unrecognized key: "file"/],
      [{ type: 'images', images: image }, /^images: Invalid input: expected array/],
    ]);
  });

  it('openInCalibration: a whole run index ≥ 0', () => {
    accepts([
      { type: 'openInCalibration', run: 0 },
      { type: 'openInCalibration', run: 7 },
    ]);
    refuses([
      [{ type: 'openInCalibration', run: -1 }, /^run: Too small/],
      [{ type: 'openInCalibration', run: 1.5 }, /^run: Invalid input: expected int/],
      [{ type: 'openInCalibration', run: '../../etc/passwd' }, /^run: Invalid input: expected number/],
      [{ type: 'openInCalibration' }, /^run: Invalid input/],
      [{ type: 'openInCalibration', run: 0, file: '/etc/passwd' }, /^message: Unrecognized key: "file"/],
    ]);
  });

  it("insertLoss: γ and b within resolveTrainConfig's bounds, with its words", () => {
    accepts([
      { type: 'insertLoss', gamma: 0.1, threshold: null },
      { type: 'insertLoss', gamma: 0, threshold: 0 },
      { type: 'insertLoss', gamma: 1, threshold: 1 },
    ]);
    refuses([
      [{ type: 'insertLoss', gamma: 3, threshold: null }, /^gamma: gamma must be in \[0, 1\], got 3$/],
      [{ type: 'insertLoss', gamma: -0.5, threshold: null }, /^gamma: gamma must be in \[0, 1\]/],
      [{ type: 'insertLoss', gamma: 0.1, threshold: 2 }, /^threshold: threshold must be in \[0, 1\], got 2$/],
      [{ type: 'insertLoss', gamma: '0.1', threshold: null }, /^gamma: Invalid input: expected number/],
      [{ type: 'insertLoss', gamma: 0.1 }, /^threshold: Invalid input/],
      [
        { type: 'insertLoss', gamma: 0.1, threshold: null, framework: 'jax' },
        /^message: Unrecognized key: "framework"/,
      ],
    ]);
  });

  it('state: the whole panel state, runs and their reports included, as a real training leaves them', () => {
    accepts([
      { type: 'state', state: { uri, setup } },
      { type: 'state', state: { uri, setup, runs: [starting], backend: 'wasm' } },
      { type: 'state', state: { uri, setup, runs, backend: 'cpu' } },
    ]);
    const [first] = runs;
    const state = (change: object) => ({ type: 'state', state: { uri, setup, runs: [{ ...first, ...change }] } });
    const record = first.history[0];
    refuses([
      [state({ status: 'running' }), /^state\.runs\.0\.status: Invalid option/],
      [state({ loss: 'mse' }), /^state\.runs\.0\.loss: Invalid option/],
      [state({ epochs: -1 }), /^state\.runs\.0\.epochs: Too small/],
      [state({ gamma: 1.5 }), /^state\.runs\.0\.gamma: Too big/],
      [state({ temperature: 0 }), /^state\.runs\.0\.temperature: Too small/],
      [state({ name: '' }), /^state\.runs\.0\.name: Too small/],
      [state({ history: [{ ...record, valAccuracy: 2 }] }), /^state\.runs\.0\.history\.0\.valAccuracy: Too big/],
      [state({ history: [{ ...record, epoch: 0 }] }), /^state\.runs\.0\.history\.0\.epoch: Too small/],
      [
        state({ history: [{ ...record, trainLoss: null }] }),
        /^state\.runs\.0\.history\.0\.trainLoss: Invalid input: expected number/,
      ],
      [state({ history: [{ ...record, lr: 0.1 }] }), /^state\.runs\.0\.history\.0: Unrecognized key: "lr"/],
      [state({ test: { ...first.test, ece: -1 } }), /^state\.runs\.0\.test\.ece: Too small/],
      [state({ test: { ...first.test, bins: 'many' } }), /^state\.runs\.0\.test\.bins: Invalid input: expected array/],
      [state({ history: undefined }), /^state\.runs\.0\.history: Invalid input/],
      [state({ predictions: null }), /^state\.runs\.0: Unrecognized key: "predictions"/],
      [{ type: 'state', state: { uri, setup, runs: first } }, /^state\.runs: Invalid input: expected array/],
      [{ type: 'state', state: { uri, setup: { ...setup, noise: 1 } } }, /^state\.setup\.noise: Too big/],
      [{ type: 'state', state: { uri, setup, backend: '' } }, /^state\.backend: Too small/],
      [{ type: 'state', state: { setup } }, /^state\.uri: Invalid input/],
      [{ type: 'state', state: { uri: 'iris.csv', setup } }, /^state\.uri: not a URI/],
      [{ type: 'state', state: { uri, setup, version: 2 } }, /^state: Unrecognized key: "version"/],
    ]);
  });

  it('log: bounded text, a known level', () => {
    accepts([{ type: 'log', level: 'warn', message: 'x' }]);
    refuses([
      [{ type: 'log', level: 'trace', message: 'x' }, /^level: Invalid option/],
      [{ type: 'log', level: 'info', message: 3 }, /^message: Invalid input: expected string/],
      [{ type: 'log', level: 'info' }, /^message: Invalid input/],
      [{ type: 'log', level: 'info', message: 'x', data: {} }, /^message: Unrecognized key: "data"/],
    ]);
  });

  describe('restored state', () => {
    it('restores what the webview saved, runs included', () => {
      const saved = JSON.parse(JSON.stringify({ uri, setup, runs, backend: 'cpu' }));
      assert.deepStrictEqual(restoreTrainingPanelState(saved), saved);
      assert.deepStrictEqual(restoreTrainingPanelState({ uri, setup }), { uri, setup, runs: [] });
    });

    it('an older or damaged part falls back alone: the setup to the user defaults (undefined), the runs to none', () => {
      const good = JSON.parse(JSON.stringify({ uri, setup, runs, backend: 'cpu' }));
      const cases: Array<[object, object]> = [
        [{ uri }, { uri, setup: undefined, runs: [] }],
        [
          { ...good, setup: { config: {}, noise: 0, epochs: 5 } },
          { ...good, setup: undefined },
        ],
        [
          { ...good, setup: { config: { model: 'cnn' }, noise: 0 } },
          { ...good, setup: undefined },
        ],
        [
          { ...good, setup: { ...setup, noise: 2 } },
          { ...good, setup: undefined },
        ],
        [
          { ...good, runs: [{ name: 'CE', ece: 0.1 }] },
          { ...good, runs: [] },
        ],
        [
          { ...good, runs: [...runs, { ...starting, history: [{ epoch: 1 }] }] },
          { ...good, runs: [] },
        ],
        [
          { ...good, runs: 'all' },
          { ...good, runs: [] },
        ],
        [
          { ...good, backend: 7 },
          { ...good, backend: undefined },
        ],
        [
          { uri, setup: null, runs: null, backend: null, version: 0 },
          { uri, setup: undefined, runs: [], backend: undefined },
        ],
      ];
      for (const [saved, expected] of cases) {
        // As JSON: a part that fell back may be absent or undefined, alike for the panel.
        const restored = JSON.stringify(restoreTrainingPanelState(saved));
        assert.deepStrictEqual(
          JSON.parse(restored),
          JSON.parse(JSON.stringify(expected)),
          JSON.stringify(saved).slice(0, 160),
        );
      }
    });

    it('a state that names no file is refused (the panel closes)', () => {
      for (const saved of [
        undefined,
        null,
        true,
        'file:///w/iris.csv',
        [],
        {},
        { uri: 7, setup },
        { uri: '', setup },
        { setup, runs },
      ]) {
        assert.strictEqual(restoreTrainingPanelState(saved), undefined, JSON.stringify(saved)?.slice(0, 80));
      }
    });
  });
});
