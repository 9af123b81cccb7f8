// The exported PyTorch project (src/core/export): its encoding of the dataset, batch order and
// initial weights against ours, and its training (one process, and two under torchrun with gloo)
// against ours on Iris and Digits. Python is Debian's /usr/bin/python3 with torch and numpy.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readColumns } from '../../src/core/data/columnReader';
import type { EncodedDataset } from '../../src/core/data/dataset';
import { exportDraws, ExportDraw, torchProjectFiles } from '../../src/core/export/torchProject';
import { fileBytes } from '../../src/core/reports/reportFile';
import { resolveTrainConfig, TrainConfig } from '../../src/core/train/config';
import { runExperiment } from '../../src/core/train/experiment';
import { tableSeedSource } from '../../src/core/train/seedData';
import { evidenceSentences } from '../../src/core/stats/evidence';
import { INTERVAL_METHOD, SeedRun, StudySummary, summariseSeeds } from '../../src/core/stats/summary';
import { runSeedStudy } from '../../src/core/train/seedStudy';
import { epochPermutation } from '../../src/core/train/trainRun';
import { runCli } from './cliRun';
import { REPO } from './helpers';
import { PYTHON, runReference } from './pythonReference';

const wasmDir = path.join(REPO, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
const IRIS = path.join(REPO, 'media', 'datasets', 'iris.csv');
const DIGITS = path.join(REPO, 'media', 'datasets', 'digits.csv');
const GOOD = path.join(REPO, 'test', 'fixtures', 'datasets', 'good');

interface Project {
  dir: string;
  config: TrainConfig;
  draws: ExportDraw[];
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'gce-torch-'));
}

/** Exports `file` with `partial` into a new temporary folder, as the CLI does. */
function exportProject(file: string, partial: Partial<TrainConfig>, noise = 0): Project {
  const bytes = fs.readFileSync(file);
  const table = readColumns(bytes, path.basename(file));
  const config = resolveTrainConfig(partial);
  const draws = exportDraws(tableSeedSource(table), config, noise);
  const dir = tempDir();
  const files = torchProjectFiles({
    config,
    draws,
    dataset: { path: path.relative(dir, file), bytes: bytes.length },
  });
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(dir, f.name)), { recursive: true });
    fs.writeFileSync(path.join(dir, f.name), fileBytes(f.content));
  }
  return { dir, config, draws };
}

interface StudyJson {
  reference: string | null;
  intervals: string;
  runs: TorchRunReport[];
  summary: StudySummary;
  evidence: Record<string, string>;
}

/** Equal structure, numbers within tol (null where the other is null). */
function assertDeepClose(actual: unknown, expected: unknown, tol: number, where = ''): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    assert.ok(
      Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)),
      `${where}: ${actual} vs ${expected}`,
    );
  } else if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${where}: not an object`);
    assert.deepStrictEqual(Object.keys(actual as object), Object.keys(expected), where);
    for (const key of Object.keys(expected))
      assertDeepClose(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        tol,
        `${where}.${key}`,
      );
  } else {
    assert.strictEqual(actual, expected, where);
  }
}

interface ConfigJson {
  experiments: Array<{ files: string[] }>;
}

interface PyRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `python train.py ARGS` in the project (or, with processes > 1, the same under torchrun with gloo). */
function trainPy(project: Project, args: string[], processes = 1): PyRun {
  const script = path.join(project.dir, 'train.py');
  // Debian's torch 1.13 on Python 3.11 cannot parse torchrun's default --redirects 0 (an IntFlag
  // change): stdout redirected and teed, which it can parse, leaves the console output as it is.
  const command =
    processes === 1
      ? [script, ...args]
      : ['-m', 'torch.distributed.run', '--redirects', '1', '--tee', '1', `--nproc_per_node=${processes}`].concat([
          '--master_port',
          String(20000 + Math.floor(Math.random() * 20000)),
          script,
          ...args,
        ]);
  const run = spawnSync(PYTHON, command, {
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '1' },
    timeout: 240_000,
  });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface TorchRunReport {
  name: string;
  status: string;
  seed?: number;
  test: { accuracy: number; nll: number } | null;
}

function trainedReport(project: Project, processes = 1): { runs: TorchRunReport[]; backend: string; out: string } {
  const out = path.join(project.dir, `out-${processes}`);
  const run = trainPy(project, ['--out', out], processes);
  assert.strictEqual(run.status, 0, `train.py failed:\n${run.stdout}\n${run.stderr}`);
  return { ...JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')), out };
}

function assertClose(
  ours: Array<{ name: string; test: { accuracy: number } | null }>,
  theirs: TorchRunReport[],
  tolerance: number,
) {
  assert.strictEqual(theirs.length, ours.length);
  ours.forEach((run, i) => {
    assert.strictEqual(theirs[i].name, run.name);
    assert.ok(run.test && theirs[i].test, `${run.name} has test metrics in both`);
    const gap = Math.abs(theirs[i].test!.accuracy - run.test!.accuracy);
    assert.ok(gap <= tolerance, `${run.name}: test accuracy ${theirs[i].test!.accuracy} vs ours ${run.test!.accuracy}`);
  });
}

describe('export as PyTorch project', function () {
  this.timeout(300_000);

  it('encodes every good fixture and Iris exactly as we do, and orders batches as we do (gce_data.py, gce_metrics.py)', () => {
    const files = fs.readdirSync(GOOD).map((name) => path.join(GOOD, name));
    for (const file of [...files, IRIS]) {
      const project = exportProject(file, { seeds: 2, epochs: 1 });
      const python = runReference<{
        splits: Record<string, Record<string, { x: number[][]; y: number[] }>>;
        permutations: number[][];
      }>('export_encode.py', { project: project.dir, permutations: [[project.draws[0].data.train.rows, 3, 2]] });
      for (const draw of project.draws) {
        const theirs = python.splits[String(draw.splitSeed)];
        for (const split of ['train', 'validation', 'test'] as const) {
          const ours = draw.data[split];
          const where = `${path.basename(file)} seed ${draw.splitSeed} ${split}`;
          assert.deepStrictEqual(Float32Array.from(theirs[split].x.flat()), ours.x, `${where}: x`);
          assert.deepStrictEqual(theirs[split].y, Array.from(ours.y), `${where}: y`);
        }
      }
      const rows = project.draws[0].data.train.rows;
      assert.deepStrictEqual(python.permutations[0], Array.from(epochPermutation(rows, 3, 2)), path.basename(file));
    }
  });

  it('repeats a seed study with label noise and every baseline on Iris (one process): test accuracy within 0.02', async () => {
    const partial: Partial<TrainConfig> = {
      epochs: 15,
      learningRate: 0.01,
      batchSize: 16,
      weightDecay: 1e-4,
      seeds: 2,
      backend: 'cpu',
      baselines: ['ls', 'focal', 'gce', 'sce', 'mae', 'ts'],
    };
    const project = exportProject(IRIS, partial, 0.2);
    const table = readColumns(fs.readFileSync(IRIS), 'iris.csv');
    const ours = await runSeedStudy(tableSeedSource(table), partial, { wasmDir, noise: 0.2 });
    const theirs = trainedReport(project);
    assert.strictEqual(theirs.backend, 'torch-cpu');
    assertClose(ours.runs, theirs.runs, 0.02);
    assert.deepStrictEqual(
      theirs.runs.map((r) => r.seed),
      ours.runs.map((r) => r.seed),
    );
    // The study's summary and evidence: summary.ts and evidence.ts on train.py's own runs.
    const study = JSON.parse(fs.readFileSync(path.join(theirs.out, 'report.json'), 'utf8')) as StudyJson;
    assert.strictEqual(study.reference, 'CE');
    assert.strictEqual(study.intervals, INTERVAL_METHOD);
    const expected = summariseSeeds(study.runs as unknown as SeedRun[], study.reference);
    assertDeepClose(study.summary, expected, 1e-12);
    assert.deepStrictEqual(study.evidence, evidenceSentences(expected, study.reference));
    assert.deepStrictEqual(Object.keys(study.summary.runs), Object.keys(ours.summary!.runs));
    const csv = fs.readdirSync(theirs.out).filter((f) => f.endsWith('.csv'));
    assert.strictEqual(csv.length, ours.runs.length);
    assert.ok(csv.includes('predictions-gamma-ce-gamma-0.1-seed-1.csv'), csv.join(', '));
  });

  it('repeats TaiLr (cosine schedule, smoothing, early stopping) on Digits (one process): within 0.02; calibrate opens the predictions', async () => {
    const partial: Partial<TrainConfig> = {
      epochs: 8,
      learningRate: 0.003,
      batchSize: 64,
      threshold: 0.3,
      gamma: 0.5,
      tailrSmoothing: 0.1,
      schedule: 'cosine',
      patience: 2,
      backend: 'cpu',
    };
    const project = exportProject(DIGITS, partial);
    const ours = await runExperiment(project.draws[0].data as EncodedDataset, partial, { wasmDir });
    const theirs = trainedReport(project);
    assertClose(ours.runs, theirs.runs, 0.02);
    const files = (JSON.parse(fs.readFileSync(path.join(project.dir, 'config.json'), 'utf8')) as ConfigJson)
      .experiments[0].files;
    for (const [i, run] of theirs.runs.entries()) {
      const calibrate = await runCli('calibrate', path.join(theirs.out, files[i]), '--json');
      assert.strictEqual(calibrate.code, 0, calibrate.stderr);
      const report = JSON.parse(calibrate.stdout) as { accuracy: number; nll: number };
      assert.ok(Math.abs(report.accuracy - run.test!.accuracy) < 1e-12, files[i]);
      assert.ok(Math.abs(report.nll - run.test!.nll) < 1e-9, `${files[i]}: NLL ${report.nll} vs ${run.test!.nll}`);
    }
  });

  for (const [name, file, partial] of [
    ['Iris', IRIS, { epochs: 20, learningRate: 0.01, batchSize: 16, baselines: ['ts'] }],
    ['Digits', DIGITS, { epochs: 3, learningRate: 0.003, batchSize: 128 }],
  ] as const) {
    it(`(slow: torchrun) repeats ${name} on two processes with DDP and gloo: within 0.05`, async () => {
      const config = { ...partial, backend: 'cpu' } as Partial<TrainConfig>;
      const project = exportProject(file, config);
      const ours = await runExperiment(project.draws[0].data, config, { wasmDir });
      const theirs = trainedReport(project, 2);
      assert.strictEqual(theirs.backend, 'torch-cpu x2');
      assertClose(ours.runs, theirs.runs, 0.05);
    });
  }

  it('prints one line for a dataset that moved, a CUDA device that is not there, an --out that is not empty', () => {
    const project = exportProject(path.join(GOOD, 'iris-sample.csv'), { epochs: 1 });
    const moved = trainPy(project, [
      '--out',
      path.join(project.dir, 'a'),
      '--data',
      path.join(project.dir, 'gone.csv'),
    ]);
    assert.strictEqual(moved.status, 1);
    assert.match(moved.stderr.trim(), /^train\.py: cannot find the dataset .*gone\.csv.*--data PATH$/);
    const cuda = trainPy(project, ['--out', path.join(project.dir, 'b'), '--device', 'cuda']);
    if (!/CUDA device/.test(cuda.stderr))
      assert.strictEqual(cuda.status, 0, cuda.stderr); // a machine with a GPU
    else assert.strictEqual(cuda.stderr.trim(), 'train.py: --device cuda was asked for, but torch sees no CUDA device');
    const busy = trainPy(project, ['--out', project.dir]);
    assert.strictEqual(busy.status, 1);
    assert.match(busy.stderr.trim(), /^train\.py: .* already exists and is not empty; choose a new --out folder$/);
  });

  it('gamma-ce train --export-torch DIR writes the project into a new folder and never into a full one', async () => {
    const dir = path.join(tempDir(), 'project');
    const first = await runCli('train', path.join(GOOD, 'iris-sample.csv'), '--epochs', '2', '--export-torch', dir);
    assert.strictEqual(first.code, 0, first.stderr);
    assert.match(first.stdout, /python train\.py --out/);
    for (const name of [
      'train.py',
      'gce_data.py',
      'gce_losses.py',
      'gce_metrics.py',
      'gce_train.py',
      'config.json',
      'README.md',
    ])
      assert.ok(fs.existsSync(path.join(dir, name)), name);
    assert.ok(fs.existsSync(path.join(dir, 'weights', 'seed-0.json')));
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
    assert.strictEqual(config.train.epochs, 2);
    assert.strictEqual(path.resolve(dir, config.dataset.path), path.join(GOOD, 'iris-sample.csv'));
    const again = await runCli('train', path.join(GOOD, 'iris-sample.csv'), '--export-torch', dir);
    assert.strictEqual(again.code, 1);
    assert.match(again.stderr, /already exists and is not empty; nothing was written/);
  });
});
