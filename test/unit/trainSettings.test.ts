import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  DATA_FILE_EXTENSIONS,
  DATA_FILE_GLOB,
  DATA_FILE_KINDS,
  DATASET_FILE_EXTENSIONS,
  DATASET_FILE_GLOB,
  DATASET_FILE_KINDS,
  isDataFileName,
  isDatasetFileName,
  TABLE_FORMATS,
} from '../../src/core/data/fileTypes';
import { MAX_NOISE_RATE } from '../../src/core/data/labelNoise';
import {
  configurationProperties,
  dataFileWhenClause,
  regeneratePackageJson,
  SETTINGS_PREFIX,
} from '../../src/core/packageContributes';
import { DEFAULT_TRAIN_CONFIG, resolveTrainConfig, TrainConfig, TrainConfigError } from '../../src/core/train/config';
import {
  AnySetting,
  LABEL_NOISE_SETTING,
  setupFromUserSettings,
  TRAIN_SETTINGS,
  trainSettingEntries,
} from '../../src/core/train/settings';
import { parseTrainingWebviewMessage } from '../../src/extension/training/protocol';
import { REPO } from './helpers';

function refusal(partial: object): TrainConfigError {
  try {
    resolveTrainConfig(partial);
  } catch (error) {
    assert.ok(error instanceof TrainConfigError, `${JSON.stringify(partial)} threw ${String(error)}`);
    return error;
  }
  assert.fail(`${JSON.stringify(partial)} was accepted`);
}

describe('training settings spec', () => {
  it('gives the defaults every front end starts from', () => {
    assert.deepStrictEqual(DEFAULT_TRAIN_CONFIG, {
      model: 'mlp',
      hidden: [64],
      gamma: 0.1,
      threshold: null,
      schedule: 'constant',
      sweep: null,
      baselines: [],
      smoothing: 0.1,
      focalGamma: 2,
      gceQ: 0.7,
      sceAlpha: 0.1,
      sceBeta: 1,
      sceA: -4,
      tailrSmoothing: 0,
      seeds: 1,
      fixedSplit: false,
      noiseSweep: null,
      epochs: 50,
      batchSize: 32,
      learningRate: 0.001,
      weightDecay: 0,
      patience: 0,
      seed: 0,
      backend: 'wasm',
    });
  });

  // The messages as they were written out field by field before the spec: the form and CLI show them.
  const refused: Array<[object, keyof TrainConfig, string]> = [
    [{ model: 'svm' }, 'model', "model must be 'logreg' or 'mlp', got 'svm'"],
    [{ hidden: [] }, 'hidden', 'hidden sizes must be whole numbers from 1 to 4096, got []'],
    [{ hidden: [8, 4097] }, 'hidden', 'hidden sizes must be whole numbers from 1 to 4096, got [8,4097]'],
    [{ hidden: [1.5] }, 'hidden', 'hidden sizes must be whole numbers from 1 to 4096, got [1.5]'],
    [{ gamma: -0.1 }, 'gamma', 'gamma must be in [0, 1], got -0.1'],
    [{ gamma: NaN }, 'gamma', 'gamma must be in [0, 1], got NaN'],
    [{ threshold: 1.5 }, 'threshold', 'threshold must be in [0, 1], got 1.5'],
    [{ schedule: 'step' }, 'schedule', "schedule must be constant, linear or cosine, got 'step'"],
    [{ sweep: [] }, 'sweep', 'a sweep needs at least one γ'],
    [{ sweep: [0, 2] }, 'sweep', 'every γ of the sweep must be in [0, 1], got 2'],
    [{ sweep: [0.1, 0.5, 0.1] }, 'sweep', 'the sweep lists γ = 0.1 more than once'],
    [
      { baselines: ['ts', 'mixup'] },
      'baselines',
      "unknown baseline 'mixup'; use ls, focal or ts, or gce, sce or mae for noisy labels",
    ],
    [{ smoothing: 1 }, 'smoothing', 'label smoothing ε must be in [0, 1), got 1'],
    [{ focalGamma: 10.5 }, 'focalGamma', 'focalGamma must be in [0, 10], got 10.5'],
    [{ epochs: 100_001 }, 'epochs', 'epochs must be a whole number from 1 to 100000, got 100001'],
    [{ batchSize: 0 }, 'batchSize', 'batchSize must be a whole number from 1 to 1000000, got 0'],
    [{ learningRate: 0 }, 'learningRate', 'the learning rate must be in (0, 10], got 0'],
    [{ weightDecay: 1.5 }, 'weightDecay', 'weight decay must be in [0, 1], got 1.5'],
    [{ patience: -1 }, 'patience', 'patience must be a whole number ≥ 0, got -1'],
    [{ patience: 2.5 }, 'patience', 'patience must be a whole number ≥ 0, got 2.5'],
    [{ seed: 2 ** 32 }, 'seed', 'the seed must be a whole number from 0 to 2^32−1, got 4294967296'],
    [{ backend: 'webgl' }, 'backend', "backend must be wasm or cpu, got 'webgl'"],
    [{ seeds: 21 }, 'seeds', 'seeds must be a whole number from 1 to 20, got 21'],
    [{ seed: 4294967290, seeds: 7 }, 'seeds', 'seeds 4294967290 to 4294967296 go past 2^32−1'],
    [{ fixedSplit: 1 }, 'fixedSplit', 'fixedSplit must be true or false, got 1'],
    [{ noiseSweep: [0.2, 0.2] }, 'noiseSweep', 'noiseSweep lists the noise rate 0.2 more than once'],
    [{ smoothing: '0.5' }, 'smoothing', 'label smoothing ε must be in [0, 1), got 0.5'],
    [{ baselines: 'ts' }, 'baselines', 'baselines must be a list of ls, focal, ts, gce, sce or mae, got ts'],
  ];
  for (const [partial, field, message] of refused) {
    it(`refuses ${JSON.stringify(partial)}, naming ${field}`, () => {
      const error = refusal(partial);
      assert.strictEqual(error.field, field);
      assert.strictEqual(error.message, message);
    });
  }

  it('accepts the ends of every closed range', () => {
    const ends: Array<Partial<TrainConfig>> = [
      { gamma: 0 },
      { gamma: 1 },
      { threshold: 0 },
      { threshold: 1 },
      { smoothing: 0 },
      { focalGamma: 10 },
      { hidden: [1, 4096] },
      { epochs: 100_000 },
      { batchSize: 1_000_000 },
      { learningRate: 10 },
      { weightDecay: 1 },
      { seed: 0xffffffff },
      { seeds: 20 },
      { noiseSweep: [0, MAX_NOISE_RATE] },
      { sweep: [0, 1] },
    ];
    for (const partial of ends) assert.doesNotThrow(() => resolveTrainConfig(partial), JSON.stringify(partial));
  });
});

describe('training channel schema from the spec', () => {
  const run = (config: object) => parseTrainingWebviewMessage({ type: 'run', setup: { config, noise: 0 } });
  const wrongType: Record<AnySetting['kind'], unknown> = {
    number: '1',
    list: 1,
    enum: 'none',
    enumList: ['none'],
    boolean: 'yes',
  };

  for (const [key, setting] of trainSettingEntries()) {
    it(`checks the type of ${key} and leaves its range to resolveTrainConfig`, () => {
      assert.ok(run({ [key]: setting.default }).ok, 'the default');
      const parsed = run({ [key]: wrongType[setting.kind] });
      assert.ok(
        !parsed.ok && new RegExp(`^setup\\.config\\.${key}[.:]`).test(parsed.problem),
        parsed.ok ? 'accepted' : parsed.problem,
      );
      const nullable = (setting.kind === 'number' || setting.kind === 'list') && setting.nullable === true;
      assert.strictEqual(run({ [key]: null }).ok, nullable, 'null');
    });
  }

  it('passes out-of-range values through, so that the form can name the field', () => {
    for (const config of [{ gamma: 5 }, { epochs: 0 }, { hidden: [] }, { seeds: 99 }, { noiseSweep: [2] }])
      assert.ok(run(config).ok, JSON.stringify(config));
  });

  it('refuses fields the spec does not know', () => {
    const parsed = run({ gama: 0.1 });
    assert.ok(!parsed.ok && /gama/.test(parsed.problem), parsed.ok ? 'accepted' : parsed.problem);
  });
});

describe('package.json from the spec and the file types', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

  it('offers the user settings with the defaults of resolveTrainConfig and the label noise', () => {
    const properties = configurationProperties() as Record<string, { default: unknown; maximum?: number }>;
    const expected = [
      'model',
      'hidden',
      'gamma',
      'threshold',
      'schedule',
      'baselines',
      'seeds',
      'epochs',
      'batchSize',
      'learningRate',
      'seed',
      'labelNoise',
    ];
    assert.deepStrictEqual(
      Object.keys(properties),
      expected.map((k) => `${SETTINGS_PREFIX}.${k}`),
    );
    for (const key of expected.slice(0, -1)) {
      assert.deepStrictEqual(
        properties[`${SETTINGS_PREFIX}.${key}`].default,
        DEFAULT_TRAIN_CONFIG[key as keyof TrainConfig],
        key,
      );
    }
    assert.strictEqual(properties[`${SETTINGS_PREFIX}.labelNoise`].maximum, MAX_NOISE_RATE);
    assert.deepStrictEqual(LABEL_NOISE_SETTING.default, 0);
    assert.deepStrictEqual(properties[`${SETTINGS_PREFIX}.learningRate`], {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 10,
      default: 0.001,
      description: TRAIN_SETTINGS.learningRate.description,
    });
  });

  it('offers the menus on exactly the data file extensions, in any case', () => {
    const clause = /^resourceExtname =~ \/(.*)\/i$/.exec(dataFileWhenClause());
    assert.ok(clause, dataFileWhenClause());
    const pattern = new RegExp(clause[1], 'i');
    for (const ext of DATA_FILE_EXTENSIONS)
      assert.ok(pattern.test(`.${ext}`) && pattern.test(`.${ext.toUpperCase()}`), ext);
    for (const other of ['.txt', '.csvx', '.js', 'csv', '.json.gz']) assert.ok(!pattern.test(other), other);
  });

  it('rewrites every stale data-file clause and setting, and nothing else', () => {
    const stale = structuredClone(pkg);
    stale.contributes.menus['editor/title'][0].when = 'resourceExtname == .csv';
    stale.contributes.configuration.properties[`${SETTINGS_PREFIX}.gamma`].default = 0.5;
    delete stale.contributes.configuration.properties[`${SETTINGS_PREFIX}.seed`];
    const regenerated = JSON.parse(regeneratePackageJson(JSON.stringify(stale)));
    assert.deepStrictEqual(regenerated, pkg);
    assert.strictEqual(pkg.contributes.menus.commandPalette[0].when, 'false');
  });
});

describe("the form's starting values from the user settings", () => {
  it('are the defaults when nothing is set', () => {
    assert.deepStrictEqual(
      setupFromUserSettings((_key, fallback) => fallback),
      {
        config: {
          model: 'mlp',
          hidden: [64],
          gamma: 0.1,
          threshold: null,
          schedule: 'constant',
          baselines: [],
          seeds: 1,
          epochs: 50,
          batchSize: 32,
          learningRate: 0.001,
          seed: 0,
        },
        noise: 0,
      },
    );
  });

  it('take what is set, a threshold that is not a number as none, and leave bad values to resolveTrainConfig', () => {
    const set: Record<string, unknown> = { gamma: 0.8, threshold: 'off', epochs: 0, labelNoise: 0.2 };
    const setup = setupFromUserSettings((key, fallback) => (key in set ? set[key] : fallback));
    assert.strictEqual(setup.config.gamma, 0.8);
    assert.strictEqual(setup.config.threshold, null);
    assert.strictEqual(setup.noise, 0.2);
    assert.strictEqual(refusal(setup.config).field, 'epochs');
  });
});

describe('data file types', () => {
  it('offer datasets every type but .npy (one array has no labels): the training menu, picker and prompt', () => {
    assert.deepStrictEqual(DATASET_FILE_EXTENSIONS, ['csv', 'tsv', 'json', 'jsonl', 'parquet', 'npz']);
    assert.strictEqual(DATASET_FILE_GLOB, '**/*.{csv,tsv,json,jsonl,parquet,npz}');
    assert.strictEqual(DATASET_FILE_KINDS, 'CSV, TSV, JSON, JSONL, PARQUET or NPZ');
    for (const name of ['a.parquet', 'b.NPZ', 'c.csv']) assert.ok(isDatasetFileName(name), name);
    for (const name of ['a.npy', 'b.txt']) assert.ok(!isDatasetFileName(name), name);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const train = pkg.contributes.menus['explorer/context'].find(
      (e: { command: string }) => e.command === 'gammaCe.trainWithGammaCe',
    );
    assert.strictEqual(train.when, dataFileWhenClause('dataset'));
    assert.ok(!new RegExp(/\/(.*)\//.exec(train.when)![1], 'i').test('.npy'));
    assert.ok(new RegExp(/\/(.*)\//.exec(dataFileWhenClause())![1], 'i').test('.npy'), 'calibration takes .npy');
  });

  it('give the pickers their pattern, prompt and test', () => {
    assert.strictEqual(DATA_FILE_GLOB, '**/*.{csv,tsv,json,jsonl,parquet,npz,npy}');
    assert.strictEqual(DATA_FILE_KINDS, 'CSV, TSV, JSON, JSONL, PARQUET, NPZ or NPY');
    assert.deepStrictEqual(TABLE_FORMATS, ['csv', 'tsv', 'json', 'jsonl']);
    for (const name of ['/w/a.csv', 'b.TSV', 'c.d.json', '/x/y.JsonL']) assert.ok(isDataFileName(name), name);
    for (const name of ['a.txt', 'csv', '/w/a.csv/b', 'a.json.gz', 'a.csvx']) assert.ok(!isDataFileName(name), name);
  });
});
