import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { DataFileError } from '../../src/core/data/dataFileError';
import {
  buildCorpus,
  decodeTextFile,
  drawFrom,
  heldOutMetrics,
  initialWeights,
  resolveLmConfig,
  repetitionStats,
  repN,
  trainLmRun,
  Transformer,
  unigramBitsPerChar,
  LmConfigError,
} from '../../src/core/lm';
import { BatchSampler } from '../../src/core/lm/batches';
import { seededRandom } from '../../src/core/random';
import { assertClose } from './helpers';
import { runReference } from './pythonReference';

const TEXT = 'the cat sat on the mat. the dog sat on the log. a cat and a dog sat on a mat and a log. '.repeat(6);
const TEXTS = ['the cat the cat the cat sat', 'a b c d e f g', 'one two one two one two one', 'x'];

interface Reference {
  logits: number[][];
  metrics: { bitsPerChar: number; perplexity: number; accuracy: number; ece: number };
  repetition: { rep: Record<string, number>; distinct: Record<string, number> };
  unigram: number;
}

describe('language model (core)', function () {
  this.timeout(120_000);
  const shape = { vocab: 7, context: 5, layers: 2, dim: 8, heads: 2 };
  // Weights larger than the initial N(0, 0.02), so that the forward pass is far from uniform.
  const weights = initialWeights(shape, 3).map((w) => w.map((x, i) => x * 40 + (i % 3) * 0.1));
  const ids = [
    [0, 1, 2, 3, 4],
    [6, 5, 5, 1, 0],
  ];
  const random = seededRandom(11);
  const probs: number[][] = Array.from({ length: 40 }, () => {
    const row = Array.from({ length: 6 }, () => random() ** 3);
    const sum = row.reduce((a, b) => a + b, 0);
    return row.map((x) => x / sum);
  });
  const labels = probs.map((_, i) => (i * 7) % 6);
  let reference: Reference;

  before(() => {
    reference = runReference<Reference>('lm_reference.py', {
      forward: { shape, weights: weights.map((w) => Array.from(w)), ids },
      metrics: { probs, labels },
      texts: TEXTS,
      unigramText: TEXT,
    });
  });

  it('computes the causal Transformer forward pass as NumPy does', () => {
    const model = new Transformer(shape, weights);
    const logits = tf.tidy(() => model.logits(tf.tensor2d(ids, [2, 5], 'int32')).arraySync());
    model.dispose();
    assertClose(logits.flat(), reference.logits.flat(), { rtol: 1e-4, atol: 1e-4 });
  });

  it('is causal: a later character never changes an earlier prediction', () => {
    const model = new Transformer(shape, weights);
    const [a, b] = tf.tidy(() => [
      model.logits(tf.tensor2d([[1, 2, 3, 4, 5]], [1, 5], 'int32')).arraySync(),
      model.logits(tf.tensor2d([[1, 2, 3, 0, 0]], [1, 5], 'int32')).arraySync(),
    ]);
    model.dispose();
    assertClose(a.slice(0, 3).flat(), b.slice(0, 3).flat(), { rtol: 1e-6, atol: 1e-6 });
    assert.notDeepStrictEqual(a[3], b[3]);
  });

  it('computes bits/char, perplexity, accuracy and top-label ECE as NumPy does', () => {
    const m = heldOutMetrics({ probs: Float32Array.from(probs.flat()), labels: Int32Array.from(labels), vocab: 6 });
    const r = reference.metrics;
    assertClose(m.bitsPerChar, r.bitsPerChar, { rtol: 1e-6 });
    assertClose(m.perplexity, r.perplexity, { rtol: 1e-6 });
    assertClose(m.accuracy, r.accuracy, { rtol: 1e-12 });
    assertClose(m.ece, r.ece, { rtol: 1e-6, atol: 1e-9 });
    assert.strictEqual(m.n, 40);
  });

  it('computes rep-n and distinct-n as the Python reference does', () => {
    const stats = repetitionStats(TEXTS);
    for (const n of ['2', '3', '4']) {
      assertClose(stats.rep[n], reference.repetition.rep[n], { rtol: 1e-12 });
      assertClose(stats.distinct[n], reference.repetition.distinct[n], { rtol: 1e-12 });
    }
    // By hand: "one two one two one two one" has 6 bigrams, 2 distinct.
    assertClose(repN(['one', 'two', 'one', 'two', 'one', 'two', 'one'], 2), 1 - 2 / 6);
  });

  it('holds out the last 10 % of each file and computes the unigram entropy', () => {
    const corpus = buildCorpus([{ name: 'a.txt', text: TEXT }], 8);
    assert.strictEqual(corpus.trainChars, Math.floor(TEXT.length * 0.9));
    assert.strictEqual(corpus.vocabulary.decode(corpus.heldOut[0]), TEXT.slice(Math.floor(TEXT.length * 0.9)));
    assertClose(unigramBitsPerChar(corpus), reference.unigram, { rtol: 1e-12 });
  });

  it('refuses empty, binary, invalid UTF-8 and too-small files with one message each', () => {
    assert.throws(() => decodeTextFile('e.txt', new Uint8Array()), /e\.txt: is empty/);
    assert.throws(() => decodeTextFile('b.bin', Uint8Array.from([65, 0, 66])), /b\.bin: is a binary file/);
    assert.throws(
      () => decodeTextFile('u.txt', Uint8Array.from([65, 10, 66, 0xc3, 0x28])),
      (e: unknown) =>
        e instanceof DataFileError && /u\.txt, line 2: is not valid UTF-8 text \(offset 3/.test(e.message),
    );
    assert.throws(
      () => buildCorpus([{ name: 's.txt', text: 'short' }], 64),
      /s\.txt: is too small for a context of 64/,
    );
    assert.throws(() => resolveLmConfig({ dim: 30, heads: 4 }), LmConfigError);
    assert.throws(() => resolveLmConfig({ steps: 0 }), /steps must be an integer/);
  });

  it('draws the same batches for every run with the same seed', () => {
    const parts = [Int32Array.from({ length: 50 }, (_, i) => i), Int32Array.from({ length: 20 }, (_, i) => 100 + i)];
    const a = new BatchSampler(parts, 6, 5);
    const b = new BatchSampler(parts, 6, 5);
    for (let s = 0; s < 5; s++) {
      const [x, y] = [a.next(4), b.next(4)];
      assert.deepStrictEqual(x, y);
      for (let i = 0; i < 24; i++) assert.strictEqual(x.targets[i], x.inputs[i] + 1); // next character
    }
  });

  it('samples by temperature and top-k from the uniform number it is given', () => {
    const logits = [0, Math.log(3), -Infinity, Math.log(6)]; // probabilities 0.1, 0.3, 0, 0.6
    assert.strictEqual(drawFrom(logits, 1, 0, 0.59), 3);
    assert.strictEqual(drawFrom(logits, 1, 0, 0.61), 1);
    assert.strictEqual(drawFrom(logits, 1, 0, 0.95), 0);
    assert.strictEqual(drawFrom(logits, 1, 1, 0.99), 3);
    assert.strictEqual(drawFrom(logits, 1, 2, 0.95), 1); // renormalised over {3, 1}: 0.667, 0.333
  });

  it('trains CE and TaiLr from the same weights and batches, leaking no tensor', async () => {
    const corpus = buildCorpus([{ name: 'a.txt', text: TEXT }], 8);
    const config = resolveLmConfig({
      context: 8,
      dim: 8,
      heads: 2,
      layers: 1,
      steps: 6,
      batch: 4,
      evalEvery: 3,
      samples: 2,
      sampleLength: 20,
      promptLength: 4,
    });
    const before = tf.memory().numTensors;
    const ce = await trainLmRun(corpus, config, { name: 'CE', loss: 'ce', gamma: null, threshold: null });
    const after = tf.memory().numTensors;
    assert.strictEqual(after, before);
    // TaiLr with b = 1 weights every token 1: exactly CE, step for step.
    const floor1 = await trainLmRun(corpus, config, { name: 'T', loss: 'tailr', gamma: 1e-7, threshold: 1 });
    const noGamma = (h: typeof ce.report.history) => h.map(({ gamma: _gamma, ...rest }) => rest);
    assert.deepStrictEqual(noGamma(floor1.report.history), noGamma(ce.report.history));
    assert.deepStrictEqual(floor1.report.samples, ce.report.samples);
    const tailr = await trainLmRun(corpus, config, { name: 'T', loss: 'tailr', gamma: 0.5, threshold: 0.2 });
    assert.notDeepStrictEqual(tailr.report.history, ce.report.history);
    assert.strictEqual(ce.report.history.length, 2);
    assert.strictEqual(ce.report.samples.length, 2);
    assert.strictEqual([...ce.report.samples[0]].length, 20);
    assert.ok(ce.report.test && ce.report.test.n === corpus.heldOutChars - 1);
    assert.ok(Math.abs(ce.report.test.bins.reduce((s, b) => s + b.count, 0) - ce.report.test.n) === 0);
  });

  it('stops at once when cancelled', async () => {
    const corpus = buildCorpus([{ name: 'a.txt', text: TEXT }], 8);
    const config = resolveLmConfig({ context: 8, dim: 8, heads: 2, layers: 1, steps: 100, batch: 2 });
    let calls = 0;
    const run = await trainLmRun(
      corpus,
      config,
      { name: 'CE', loss: 'ce', gamma: null, threshold: null },
      { cancelled: () => ++calls > 2 },
    );
    assert.strictEqual(run.report.status, 'cancelled');
    assert.strictEqual(run.report.steps, 2);
  });
});
