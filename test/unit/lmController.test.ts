import * as assert from 'assert';
import type { LmConfig } from '../../src/core/lm/config';
import type { LmHistoryPoint, LmRunOutcome, LmRunReport } from '../../src/core/lm/run';
import { decodeTextFile, TextFile } from '../../src/core/lm/text';
import { LmController } from '../../src/extension/lm/controller';
import type { LmOutcome, LmPorts } from '../../src/extension/lm/ports';
import type { HostToLmWebview } from '../../src/extension/lm/protocol';
import type { Job } from '../../src/extension/jobPanelController';

const TEXT = 'the cat sat on the mat. '.repeat(20); // 480 characters, 11 distinct

class FakeJob implements Job<LmOutcome> {
  cancelled = 0;
  settle!: (outcome: LmOutcome) => void;
  readonly outcome = new Promise<LmOutcome>((resolve) => (this.settle = resolve));
  readonly exited = Promise.resolve();
  cancel(): void {
    this.cancelled++;
    this.settle({ status: 'cancelled' });
  }
}

function report(name: string, loss: LmRunReport['loss']): LmRunReport {
  return {
    name,
    loss,
    gamma: loss === 'ce' ? null : 1e-7,
    threshold: loss === 'tailr' ? 0.2 : null,
    status: 'ok',
    steps: 2,
    stepMs: 1,
    history: [{ step: 2, trainLoss: 2, bitsPerChar: 3, gamma: 0 }],
    test: { bitsPerChar: 3, perplexity: 8, accuracy: 0.5, ece: 0.1, bins: [], n: 2 },
    prompts: ['the'],
    samples: ['cat'],
    repetition: { rep: { 2: 0, 3: 0, 4: 0 }, distinct: { 2: 1, 3: 1, 4: 1 }, samples: 1, words: 1 },
  };
}

function harness(files: Array<{ name: string; bytes: Uint8Array }>) {
  const posted: HostToLmWebview[] = [];
  const warnings: string[] = [];
  const logged: string[] = [];
  const notified: string[] = [];
  const jobs: Array<{
    job: FakeJob;
    files: TextFile[];
    config: LmConfig;
    onPoint: (r: number, p: LmHistoryPoint) => void;
  }> = [];
  const opened: Array<{ name: string; csv: string }> = [];
  const ports: LmPorts = {
    post: (m) => posted.push(m),
    log: {
      info: (m) => logged.push(`info ${m}`),
      warn: (m) => warnings.push(m),
      error: (m) => logged.push(`error ${m}`),
    },
    sources: () => files.map((f) => `file:///ws/${f.name}`),
    fileLabels: () => files.map((f) => f.name),
    readText: () => Promise.resolve(files.map((f) => decodeTextFile(f.name, f.bytes))),
    startRuns: (texts, config, onPoint) => {
      const job = new FakeJob();
      jobs.push({ job, files: texts, config, onPoint });
      return job;
    },
    progress: () => ({ start: () => undefined, onPoint: () => undefined, dispose: () => undefined }),
    openInCalibration: (name, csv) => {
      opened.push({ name, csv });
      return Promise.resolve();
    },
    chooseText: () => Promise.resolve(false),
    showError: (m) => notified.push(m),
  };
  return { ports, posted, warnings, logged, notified, jobs, opened, files };
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const last = (posted: HostToLmWebview[], type: HostToLmWebview['type']) =>
  [...posted].reverse().find((m) => m.type === type);

describe('LmController (language-model panel, with fakes)', () => {
  it('on ready reads the text and reports its split: the last 10 % of the file held out', async () => {
    const h = harness([{ name: 'a.txt', bytes: utf8(TEXT) }]);
    await new LmController(h.ports, { context: 16 }).receive({ type: 'ready' });
    const text = last(h.posted, 'text');
    assert.ok(text?.type === 'text');
    assert.strictEqual(text.corpus.trainChars, 432); // floor(480 × 0.9)
    assert.strictEqual(text.corpus.heldOutChars, 48);
    assert.strictEqual(text.corpus.vocabulary, 12); // t h e ␠ c a s o n m . and the reserved unknown
    const counts = new Map<string, number>();
    for (const c of TEXT) counts.set(c, (counts.get(c) ?? 0) + 1);
    const h2 = [...counts.values()].reduce((s, n) => s - (n / 480) * Math.log2(n / 480), 0);
    assert.ok(Math.abs(text.corpus.unigramBitsPerChar - h2) < 1e-12);
    assert.deepStrictEqual(last(h.posted, 'textLoading'), {
      type: 'textLoading',
      sources: ['file:///ws/a.txt'],
      files: ['a.txt'],
    });
  });

  for (const [what, bytes, pattern] of [
    ['an empty file', new Uint8Array(0), /^bad\.txt: is empty/],
    ['a binary file', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2, 3]), /bad\.txt/],
    ['invalid UTF-8', new Uint8Array([0x61, 0x62, 0xff, 0x63]), /bad\.txt.*UTF-8/],
    ['a file too small for the context', utf8('short text'), /^bad\.txt: is too small for a context of 16/],
  ] as const) {
    it(`answers ${what} with one message naming the file, and the form stays usable`, async () => {
      const h = harness([
        { name: 'good.txt', bytes: utf8(TEXT) },
        { name: 'bad.txt', bytes },
      ]);
      const controller = new LmController(h.ports, { context: 16 });
      await controller.receive({ type: 'ready' });
      const error = last(h.posted, 'textError');
      assert.ok(error?.type === 'textError', JSON.stringify(h.posted));
      assert.match(error.message, pattern);
      assert.strictEqual(h.posted.filter((m) => m.type === 'textError').length, 1);
      await controller.receive({ type: 'run', setup: { context: 16 } });
      assert.strictEqual(h.jobs.length, 0);
      // The user replaces the file: the same panel trains.
      h.files[1].bytes = utf8(TEXT);
      await controller.receive({ type: 'checkText', setup: { context: 16 } });
      assert.strictEqual(last(h.posted, 'text')?.type, 'text');
      assert.strictEqual(controller.state.error, undefined);
    });
  }

  it('refuses a setting out of range next to its field, and starts nothing', async () => {
    const h = harness([{ name: 'a.txt', bytes: utf8(TEXT) }]);
    const controller = new LmController(h.ports, {});
    await controller.receive({ type: 'run', setup: { context: 16, gamma: 2 } });
    assert.deepStrictEqual(last(h.posted, 'setupError'), {
      type: 'setupError',
      field: 'gamma',
      message: 'gamma must be a number in [0, 1], got 2',
    });
    await controller.receive({ type: 'run', setup: { context: 16, dim: 30 } });
    assert.strictEqual((last(h.posted, 'setupError') as { field: string }).field, 'dim');
    assert.strictEqual(h.jobs.length, 0);
  });

  it('rejects malformed messages without acting on them', async () => {
    const h = harness([{ name: 'a.txt', bytes: utf8(TEXT) }]);
    const controller = new LmController(h.ports, {});
    for (const bad of [
      { type: 'run', setup: { steps: '5' } },
      { type: 'run', setup: { extra: 1 } },
      { type: 'nope' },
      null,
    ])
      await controller.receive(bad);
    assert.strictEqual(h.warnings.length, 4);
    assert.ok(h.warnings.every((w) => w.startsWith('Language-model panel: rejected a malformed message (')));
    assert.strictEqual(h.jobs.length, 0);
    assert.deepStrictEqual(h.posted, []);
  });

  it('trains both runs on one job, streams their points, shows the results and opens a run in the calibration panel', async () => {
    const h = harness([{ name: 'a.txt', bytes: utf8(TEXT) }]);
    const controller = new LmController(h.ports, {});
    const finished = controller.finished();
    const running = controller.receive({ type: 'run', setup: { context: 16, steps: 2, threshold: null, gamma: 0.1 } });
    await new Promise((resolve) => setImmediate(resolve));
    assert.strictEqual(h.jobs.length, 1);
    const { job, config, onPoint, files } = h.jobs[0];
    // An empty b is γ-CE's closed form.
    assert.strictEqual(config.objective, 'gamma-ce');
    assert.strictEqual(config.gamma, 0.1);
    assert.strictEqual(config.evalEvery, 1); // about 30 held-out points per run: every step of 2
    assert.strictEqual(files[0].text, TEXT);
    assert.deepStrictEqual(last(h.posted, 'started'), { type: 'started', runs: ['CE', 'γ-CE'], steps: 2 });
    const point = { step: 1, trainLoss: 2.5, bitsPerChar: 3.2, gamma: 0.1 };
    onPoint(1, point);
    assert.deepStrictEqual(last(h.posted, 'point'), { type: 'point', run: 1, point });
    const predictions = { probs: new Float32Array(20).fill(0.1), labels: new Int32Array([1, 2]), vocab: 10 };
    const outcomes: LmRunOutcome[] = [
      { report: report('CE', 'ce'), predictions },
      { report: report('γ-CE', 'gamma-ce'), predictions },
    ];
    job.settle({ status: 'done', backend: 'wasm', outcomes });
    await running;
    assert.strictEqual(await finished, 'done');
    const results = last(h.posted, 'results');
    assert.ok(results?.type === 'results');
    assert.deepStrictEqual(
      results.runs.map((r) => r.name),
      ['CE', 'γ-CE'],
    );
    assert.strictEqual(results.reference.repetition.samples, 0); // 48 held-out characters: no piece of 300
    await controller.receive({ type: 'openInCalibration', run: 1 });
    assert.strictEqual(h.opened[0].name, 'γ-CE');
    const [header, first] = h.opened[0].csv.split(/\r?\n/);
    // Columns: one per character of the vocabulary by code point (U+FFFD first, then ' ', '.', 'a', …), then the label.
    assert.match(header, /^U\+FFFD,U\+0020,U\+002E,U\+0061,/);
    assert.match(first, /^0\.1/);
    assert.strictEqual(controller.state.phase, 'idle');
  });

  it('Stop and closing the panel cancel the job (its workers are terminated)', async () => {
    const h = harness([{ name: 'a.txt', bytes: utf8(TEXT) }]);
    const controller = new LmController(h.ports, {});
    const running = controller.receive({ type: 'run', setup: { context: 16 } });
    await new Promise((resolve) => setImmediate(resolve));
    await controller.receive({ type: 'run', setup: { context: 16 } }); // a second Run while running: nothing
    assert.strictEqual(h.jobs.length, 1);
    await controller.receive({ type: 'stop' });
    await running;
    assert.strictEqual(h.jobs[0].job.cancelled, 1);
    assert.deepStrictEqual(last(h.posted, 'finished'), { type: 'finished', status: 'cancelled' });
    const again = controller.receive({ type: 'run', setup: { context: 16 } });
    await new Promise((resolve) => setImmediate(resolve));
    const count = h.posted.length;
    controller.dispose();
    await again;
    assert.strictEqual(h.jobs[1].job.cancelled, 1);
    assert.strictEqual(h.posted.length, count); // nothing posted to a closed panel
  });

  it('a failed or stopped training is logged in its own words; a failure is also a notification', async () => {
    const h = harness([{ name: 'a.txt', bytes: utf8(TEXT) }]);
    const controller = new LmController(h.ports, {});
    const finished = controller.finished();
    const running = controller.receive({ type: 'run', setup: { context: 16 } });
    await new Promise((resolve) => setImmediate(resolve));
    h.jobs[0].job.settle({ status: 'failed', message: 'out of memory' });
    await running;
    assert.strictEqual(await finished, 'failed');
    assert.deepStrictEqual(last(h.posted, 'finished'), {
      type: 'finished',
      status: 'failed',
      message: 'out of memory',
    });
    assert.deepStrictEqual(h.notified, ['γ-CE language-model training failed: out of memory']);
    assert.ok(h.logged.includes('error Language-model training failed: out of memory'));
    const stopped = controller.finished();
    const again = controller.receive({ type: 'run', setup: { context: 16 } });
    await new Promise((resolve) => setImmediate(resolve));
    await controller.receive({ type: 'stop' });
    await again;
    assert.strictEqual(await stopped, 'cancelled');
    assert.ok(h.logged.includes('info Language-model training stopped by the user; the workers were terminated.'));
    assert.strictEqual(h.notified.length, 1);
    await controller.workerExited();
  });

  it('gives the saved state back on ready (restore after reload)', async () => {
    const h = harness([{ name: 'a.txt', bytes: utf8(TEXT) }]);
    const saved = { sources: ['file:///ws/a.txt'], setup: { steps: 7 } };
    await new LmController(h.ports, saved.setup, saved).receive({ type: 'ready' });
    assert.deepStrictEqual(h.posted[0], { type: 'restore', state: saved });
  });
});
