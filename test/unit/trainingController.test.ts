import * as assert from 'assert';
import { calibrationReport } from '../../src/core/calibration';
import { EncodedDataset, loadDataset } from '../../src/core/data/dataset';
import { INTERVAL_METHOD, summariseSeeds } from '../../src/core/stats/summary';
import { resolveTrainConfig, TrainConfig } from '../../src/core/train/config';
import type { ExperimentReport } from '../../src/core/train/experiment';
import type { SeedStudyReport, StudyRun } from '../../src/core/train/seedStudy';
import type { RunReport, TrainEvent } from '../../src/core/train/types';
import { TrainingController } from '../../src/extension/training/controller';
import { deferredJob } from '../../src/extension/training/deferredJob';
import type {
  ExperimentOutcome,
  Job,
  ProgressPort,
  StudyOutcome,
  TrainingPorts,
  TrainingResult,
} from '../../src/extension/training/ports';
import { studyView } from '../../src/extension/training/studyProtocol';
import type { HostToTrainingWebview, RunImage, TrainingSetup } from '../../src/extension/training/protocol';

const CSV = [
  'x1,x2,label',
  ...Array.from({ length: 60 }, (_, i) => `${i % 7},${(i * 3) % 11},${i % 2 ? 'a' : 'b'}`),
].join('\n');

function dataset(setup: TrainingSetup): EncodedDataset {
  return loadDataset(CSV, 'toy.csv', { seed: setup.config.seed ?? 0, noise: setup.noise, label: setup.label });
}

/** A job whose outcome the test settles by hand. */
class FakeJob<O> implements Job<O> {
  cancelled = 0;
  settle!: (outcome: O) => void;
  readonly outcome = new Promise<O>((resolve) => (this.settle = resolve));
  readonly exited = Promise.resolve();
  constructor(private readonly onCancel?: () => O) {}
  cancel(): void {
    this.cancelled++;
    if (this.onCancel) this.settle(this.onCancel());
  }
}

function run(name: string, accuracy: number): RunReport {
  const probs = Array.from({ length: 20 }, (_, i) => (i < accuracy * 20 ? [0.9, 0.1] : [0.2, 0.8]));
  return {
    name,
    loss: name === 'CE' ? 'ce' : 'gamma-ce',
    gamma: name === 'CE' ? null : 0.1,
    threshold: null,
    status: 'ok',
    epochs: 1,
    history: [],
    test: calibrationReport(
      probs,
      probs.map(() => 0),
      { bins: 10 },
    ),
    predictions: { probs: new Float64Array(40), labels: new Int32Array(20) },
  };
}

class Harness {
  readonly posted: HostToTrainingWebview[] = [];
  readonly logged: string[] = [];
  readonly errors: string[] = [];
  readonly infos: string[] = [];
  readonly loads: Array<{ setup: TrainingSetup; resolve: () => void }> = [];
  readonly experiments: Array<{
    config: TrainConfig;
    job: FakeJob<ExperimentOutcome>;
    onEvent: (e: TrainEvent) => void;
  }> = [];
  readonly studies: Array<{ config: TrainConfig; noise: number; job: FakeJob<StudyOutcome> }> = [];
  readonly progressEvents: TrainEvent[] = [];
  exported?: { result: TrainingResult; images: RunImage[] };
  nextFile?: string;
  done = 0;
  file = 'file:///toy.csv';
  /** Loads wait for the test to release them when true. */
  holdLoads = false;

  readonly ports: TrainingPorts = {
    post: (m) => this.posted.push(m),
    log: {
      info: (m) => this.logged.push(`info ${m}`),
      warn: (m) => this.logged.push(`warn ${m}`),
      error: (m) => this.logged.push(`error ${m}`),
    },
    file: () => ({ uri: this.file, label: this.file.slice(8), size: 0 }),
    loadDataset: (setup) =>
      new Promise((resolve) => {
        const release = () => resolve(dataset(setup));
        this.loads.push({ setup, resolve: release });
        if (!this.holdLoads) release();
      }),
    startExperiment: (_dataset, config, onEvent) => {
      const job = new FakeJob<ExperimentOutcome>(() => ({ status: 'cancelled' }));
      this.experiments.push({ config, job, onEvent });
      return job;
    },
    startStudy: (_dataset, setup, config) => {
      const job = new FakeJob<StudyOutcome>(() => ({ status: 'cancelled' }));
      this.studies.push({ config, noise: setup.noise, job });
      return job;
    },
    progress: (): ProgressPort => ({
      start: () => undefined,
      onEvent: (e) => this.progressEvents.push(e),
      dispose: () => undefined,
    }),
    exportResult: async (result, images) => {
      this.exported = { result, images: await images() };
      return 'gamma-ce-runs/toy';
    },
    openInCalibration: () => Promise.resolve(),
    chooseDataset: () => {
      if (!this.nextFile) return Promise.resolve(false);
      this.file = this.nextFile;
      return Promise.resolve(true);
    },
    insertLoss: () => Promise.resolve(),
    showError: (m) => this.errors.push(m),
    showInfo: (m) => this.infos.push(m),
    trainingDone: () => this.done++,
  };

  types(): string[] {
    return this.posted.map((m) => m.type);
  }
}

const setup = (config: TrainingSetup['config'] = {}, noise = 0): TrainingSetup => ({
  config: { epochs: 2, seed: 0, ...config },
  noise,
});

async function ready(h: Harness, initial = setup()): Promise<TrainingController> {
  const controller = new TrainingController(h.ports, initial);
  await controller.receive({ type: 'ready' });
  return controller;
}

/** Lets the controller's awaits run. */
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('TrainingController (the training panel without VS Code)', () => {
  it('ready: gives the saved state back, loads the dataset and posts its view with the label used', async () => {
    const h = new Harness();
    const saved = { uri: 'file:///toy.csv', setup: setup() };
    const controller = new TrainingController(h.ports, setup(), saved);
    await controller.receive({ type: 'ready' });
    assert.deepStrictEqual(h.types(), ['restore', 'datasetLoading', 'dataset']);
    const view = h.posted[2] as Extract<HostToTrainingWebview, { type: 'dataset' }>;
    assert.strictEqual(view.dataset.rows, 60);
    assert.deepStrictEqual(view.dataset.classNames.slice().sort(), ['a', 'b']);
    assert.strictEqual(view.setup.label, 'label');
    assert.strictEqual(controller.state.phase, 'idle');
  });

  it('reloads only when the dataset key changes; naming the inferred label is the same key', async () => {
    const h = new Harness();
    const controller = await ready(h);
    await controller.receive({ type: 'reloadDataset', setup: { ...setup(), label: 'label' } });
    assert.strictEqual(h.loads.length, 1, 'same label, named: no reload');
    await controller.receive({ type: 'reloadDataset', setup: setup({ seed: 4 }) });
    assert.strictEqual(h.loads.length, 2);
    assert.strictEqual(controller.state.dataset!.seed, 4);
  });

  it('a newer load supersedes an older one that finishes later (load generation)', async () => {
    const h = new Harness();
    const controller = await ready(h);
    h.holdLoads = true;
    const first = controller.receive({ type: 'reloadDataset', setup: setup({ seed: 1 }) });
    const second = controller.receive({ type: 'reloadDataset', setup: setup({ seed: 2 }) });
    assert.strictEqual(controller.state.phase, 'loading');
    h.loads[2].resolve();
    await second;
    h.loads[1].resolve();
    await first;
    assert.strictEqual(controller.state.dataset!.seed, 2);
    const datasets = h.posted.filter((m) => m.type === 'dataset');
    assert.strictEqual(datasets.length, 2, 'the stale load posts nothing');
    assert.strictEqual(controller.state.phase, 'idle');
  });

  it('refuses an out-of-range setting with the field it names, and starts nothing', async () => {
    const h = new Harness();
    const controller = await ready(h);
    await controller.receive({ type: 'run', setup: setup({ gamma: 2 }) });
    await controller.receive({ type: 'run', setup: setup({ seeds: 21 }) });
    await controller.receive({ type: 'run', setup: setup({ seeds: 0 }) });
    const errors = h.posted.filter((m) => m.type === 'setupError');
    assert.deepStrictEqual(
      errors.map((e) => e.field),
      ['gamma', 'seeds', 'seeds'],
    );
    assert.strictEqual(h.experiments.length + h.studies.length, 0);
    assert.strictEqual(controller.state.phase, 'idle');
  });

  it('runs an experiment: one job at a time, reloads refused meanwhile, predictions kept on the host', async () => {
    const h = new Harness();
    const controller = await ready(h);
    const finished = controller.finished();
    const running = controller.receive({ type: 'run', setup: setup({ baselines: ['ts'] }) });
    await tick();
    assert.strictEqual(controller.state.phase, 'running');
    await controller.receive({ type: 'run', setup: setup() });
    await controller.receive({ type: 'reloadDataset', setup: setup({ seed: 9 }) });
    assert.strictEqual(h.experiments.length, 1);
    assert.strictEqual(h.loads.length, 1);
    const started = h.posted.find((m) => m.type === 'started') as Extract<HostToTrainingWebview, { type: 'started' }>;
    assert.deepStrictEqual(started.runs, ['CE', 'γ-CE (γ=0.1)', 'CE + TS', 'γ-CE (γ=0.1) + TS']);
    assert.strictEqual(started.study, undefined);
    const ce = run('CE', 0.8);
    h.experiments[0].onEvent({ type: 'runEnd', run: ce });
    const event = h.posted.at(-1) as Extract<HostToTrainingWebview, { type: 'event' }>;
    assert.strictEqual(event.event.type === 'runEnd' && event.event.run.predictions, null);
    assert.ok(ce.predictions, 'the report keeps its predictions');
    h.experiments[0].job.settle({ status: 'done', report: { runs: [ce] } as unknown as ExperimentReport });
    await running;
    assert.strictEqual(await finished, 'done');
    assert.strictEqual(controller.state.phase, 'idle');
    assert.strictEqual(controller.state.report!.runs[0], ce);
    assert.strictEqual(h.done, 1);
    assert.strictEqual(h.progressEvents.length, 1);
  });

  it('Stop cancels the job; closing the panel cancels it too and nothing more is posted', async () => {
    const h = new Harness();
    const controller = await ready(h);
    const finished = controller.finished();
    const running = controller.receive({ type: 'run', setup: setup() });
    await tick();
    await controller.receive({ type: 'stop' });
    await running;
    assert.strictEqual(await finished, 'cancelled');
    assert.strictEqual(h.experiments[0].job.cancelled, 1);

    const again = controller.receive({ type: 'run', setup: setup() });
    await tick();
    const before = h.posted.length;
    controller.dispose();
    await again;
    assert.strictEqual(h.experiments[1].job.cancelled, 1);
    assert.strictEqual(h.posted.length, before);
  });

  it('a failed training says why in the panel and in a notification', async () => {
    const h = new Harness();
    const controller = await ready(h);
    const running = controller.receive({ type: 'run', setup: setup() });
    await tick();
    h.experiments[0].job.settle({ status: 'failed', message: 'out of memory' });
    await running;
    assert.deepStrictEqual(h.posted.at(-1), { type: 'finished', status: 'failed', message: 'out of memory' });
    assert.deepStrictEqual(h.errors, ['γ-CE training failed: out of memory']);
  });

  it('seeds > 1 runs a study with the setup’s noise; the view carries summary, method and the clean-evaluation note', async () => {
    const h = new Harness();
    const controller = await ready(h);
    const running = controller.receive({ type: 'run', setup: setup({ seeds: 3 }) });
    await tick();
    assert.strictEqual(h.experiments.length, 0);
    assert.strictEqual(h.studies[0].config.seeds, 3);
    const started = h.posted.find((m) => m.type === 'started') as Extract<HostToTrainingWebview, { type: 'started' }>;
    assert.deepStrictEqual(started.study, { seeds: [0, 1, 2], noiseSweep: null, total: 6 });
    const runs: StudyRun[] = [0, 1, 2].flatMap((seed) => [
      { ...run('CE', 0.7), seed },
      { ...run('γ-CE (γ=0.1)', 0.8 + seed * 0.05), seed },
    ]);
    const study: SeedStudyReport = {
      dataset: { file: 'toy.csv', classNames: ['a', 'b'] } as SeedStudyReport['dataset'],
      config: resolveTrainConfig({ seeds: 3 }),
      backend: 'cpu',
      seeds: [0, 1, 2],
      noise: 0,
      reference: 'CE',
      runs,
      summary: summariseSeeds(runs, 'CE'),
    };
    h.studies[0].job.settle({ status: 'done', study });
    await running;
    const done = h.posted.find((m) => m.type === 'studyDone') as Extract<HostToTrainingWebview, { type: 'studyDone' }>;
    assert.strictEqual(done.study.method, INTERVAL_METHOD);
    assert.match(done.study.cleanNote ?? '', /No label noise was injected/);
    assert.ok(done.study.runs.every((r) => !('predictions' in r)));
    assert.strictEqual(done.study.summary!.differences['γ-CE (γ=0.1)'].vsCE.accuracy.n, 3);
    assert.match(done.study.evidence!['γ-CE (γ=0.1)'], /3 seeds paired with CE/);
    assert.strictEqual(controller.state.study, study);
    assert.strictEqual(controller.state.report, undefined);
    assert.strictEqual(studyView({ ...study, noise: 0.3 }).cleanNote, null, 'noise injected: test labels are clean');
    const sweep = { ...study, summary: undefined, noiseSweep: [{ noise: 0, summary: study.summary! }] };
    assert.notStrictEqual(studyView(sweep).cleanNote, null, 'a sweep through 0 evaluates one point on noisy labels');
  });

  it('a noise sweep is a study, its plan counting every rate', async () => {
    const h = new Harness();
    const controller = await ready(h);
    const running = controller.receive({ type: 'run', setup: setup({ noiseSweep: [0.2, 0.4] }) });
    await tick();
    const started = h.posted.find((m) => m.type === 'started') as Extract<HostToTrainingWebview, { type: 'started' }>;
    assert.deepStrictEqual(started.study, { seeds: [0], noiseSweep: [0.2, 0.4], total: 4 });
    h.studies[0].job.settle({ status: 'cancelled' });
    await running;
    assert.deepStrictEqual(h.posted.at(-1), { type: 'finished', status: 'cancelled' });
  });

  it('Export: nothing to export says so; else the figures come back from the webview for the folder', async () => {
    const h = new Harness();
    const controller = await ready(h);
    await controller.receive({ type: 'export' });
    assert.deepStrictEqual(h.infos, ['Run a training first; there is nothing to export yet.']);
    const running = controller.receive({ type: 'run', setup: setup() });
    await tick();
    h.experiments[0].job.settle({ status: 'done', report: { runs: [] } as unknown as ExperimentReport });
    await running;
    const exporting = controller.receive({ type: 'export' });
    await tick();
    assert.strictEqual(h.posted.at(-1)!.type, 'exportImages');
    const image = { run: 0, svg: '<svg/>', png: 'AAAA' };
    await controller.receive({ type: 'images', images: [image] });
    await exporting;
    assert.deepStrictEqual(h.exported!.images, [image]);
    assert.deepStrictEqual(h.posted.at(-1), { type: 'exported', folder: 'gamma-ce-runs/toy' });
  });

  it('Choose another dataset: a new file drops the last results and its label choice', async () => {
    const h = new Harness();
    const controller = await ready(h, { ...setup(), label: 'label' });
    h.nextFile = 'file:///other.csv';
    await controller.receive({ type: 'chooseDataset' });
    assert.strictEqual(h.loads.length, 2);
    assert.strictEqual(h.loads[1].setup.label, undefined);
    const last = h.posted.at(-1) as Extract<HostToTrainingWebview, { type: 'dataset' }>;
    assert.strictEqual(last.dataset.file.uri, 'file:///other.csv');
  });

  it('logs and ignores malformed messages', async () => {
    const h = new Harness();
    const controller = await ready(h);
    const before = h.posted.length;
    for (const bad of [null, { type: 'deleteFile' }, { type: 'run', setup: { config: {}, noise: 5 } }]) {
      await controller.receive(bad);
    }
    assert.strictEqual(h.posted.length, before);
    assert.strictEqual(h.logged.filter((l) => l.startsWith('warn Training panel: rejected')).length, 3);
  });
});

describe('deferredJob (a study waits for the file before its worker starts)', () => {
  it('starts the job once prepared and passes its outcome and exit on', async () => {
    const inner = new FakeJob<string>();
    const job = deferredJob(
      () => Promise.resolve(7),
      (n) => {
        assert.strictEqual(n, 7);
        return inner;
      },
    );
    await tick();
    inner.settle('done');
    assert.strictEqual(await job.outcome, 'done');
    await job.exited;
  });

  it('cancel before the worker exists: the worker never starts, the outcome is cancelled, exited resolves', async () => {
    let started = 0;
    const job = deferredJob(
      () => new Promise((resolve) => setTimeout(resolve, 5)),
      () => (started++, new FakeJob<string>()),
    );
    job.cancel();
    assert.deepStrictEqual(await job.outcome, { status: 'cancelled' });
    await job.exited;
    assert.strictEqual(started, 0);
  });

  it('a failure to prepare (the file vanished) is a failed outcome with its message', async () => {
    const job = deferredJob(
      () => Promise.reject(new Error('digits.csv does not exist')),
      () => new FakeJob<string>(),
    );
    assert.deepStrictEqual(await job.outcome, { status: 'failed', message: 'digits.csv does not exist' });
    await job.exited;
  });

  it('cancel after the start cancels the worker', async () => {
    const inner = new FakeJob<unknown>(() => ({ status: 'cancelled' }));
    const job = deferredJob(
      () => Promise.resolve(),
      () => inner,
    );
    await tick();
    job.cancel();
    assert.deepStrictEqual(await job.outcome, { status: 'cancelled' });
    assert.strictEqual(inner.cancelled, 1);
  });
});
