import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { seededRandom } from '../../src/core/random';
import {
  assignBins,
  calibrationReport,
  CalibrationReport,
  classConfidence,
  equalWidthBinIndex,
  ReliabilityBin,
  reliabilityBins,
  toMatrix,
} from '../../src/core/calibration';
import { readPredictions } from '../../src/core/predictions';
import { assertClose, readJson } from './helpers';

interface CalibrationCase {
  name: string;
  probs: number[][];
  labels: number[];
  bins: number;
  report: CalibrationReport;
}

const cases = readJson<CalibrationCase[]>('reference', 'calibration.json');
const TOL = { rtol: 1e-12, atol: 1e-15 };

function assertReportsClose(actual: CalibrationReport, expected: CalibrationReport): void {
  for (const key of ['ece', 'mce', 'brier', 'nll', 'accuracy', 'adaptiveEce', 'classwiseEce'] as const) {
    assertClose(actual[key], expected[key], TOL, key);
  }
  assert.strictEqual(actual.n, expected.n);
  assert.strictEqual(actual.classes, expected.classes);
  assert.strictEqual(actual.bins.length, expected.bins.length);
  actual.bins.forEach((bin, i) => {
    const want = expected.bins[i];
    assert.strictEqual(bin.count, want.count, `bin ${i} count`);
    assert.strictEqual(bin.lower, want.lower, `bin ${i} lower edge`);
    assert.strictEqual(bin.upper, want.upper, `bin ${i} upper edge`);
    assertClose(bin.accuracy, want.accuracy, TOL, `bin ${i} accuracy`);
    assertClose(bin.confidence, want.confidence, TOL, `bin ${i} confidence`);
  });
}

describe('calibrationReport against NumPy float64 references', () => {
  for (const c of cases) {
    it(`${c.name} (${c.probs.length} rows, ${c.bins} bins)`, () => {
      assertReportsClose(calibrationReport(c.probs, c.labels, { bins: c.bins }), c.report);
    });
  }
});

describe('calibrationReport rules', () => {
  it('defaults to 15 equal-width bins with edges m/M', () => {
    const r = calibrationReport([[0.2, 0.8]], [1]);
    assert.strictEqual(r.bins.length, 15);
    r.bins.forEach((b, m) => {
      assert.strictEqual(b.lower, m / 15);
      assert.strictEqual(b.upper, (m + 1) / 15);
    });
  });

  it('puts c = 1 in the last bin, c on an edge m/M in bin m, and c = 0 in the first bin', () => {
    assert.strictEqual(equalWidthBinIndex(1, 15), 14);
    assert.strictEqual(equalWidthBinIndex(0, 15), 0);
    for (const M of [3, 5, 7, 10, 15, 20, 50]) {
      for (let m = 1; m <= M; m++) {
        assert.strictEqual(equalWidthBinIndex(m / M, M), m - 1, `c = ${m}/${M}`);
        const above = m / M + Number.EPSILON * 2;
        if (m < M) assert.strictEqual(equalWidthBinIndex(above, M), m, `c just above ${m}/${M}`);
      }
    }
    // 0.7·10 = 7.000000000000001 in floating point, yet 0.7 = 7/10 belongs to bin 7.
    assert.strictEqual(equalWidthBinIndex(0.7, 10), 6);
  });

  it('lists empty bins with count 0 and leaves them out of ECE and MCE', () => {
    const r = calibrationReport(
      [
        [0.05, 0.95],
        [0.95, 0.05],
      ],
      [1, 1],
      { bins: 10 },
    );
    assert.deepStrictEqual(
      r.bins.map((b) => b.count),
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 2],
    );
    assert.deepStrictEqual(r.bins[0], { lower: 0, upper: 0.1, count: 0, accuracy: 0, confidence: 0 });
    assertClose(r.ece, Math.abs(0.5 - 0.95));
    assertClose(r.mce, Math.abs(0.5 - 0.95));
  });

  it('breaks argmax ties towards the lowest class index', () => {
    assert.strictEqual(
      calibrationReport(
        [
          [0.5, 0.5],
          [0.5, 0.5],
        ],
        [0, 1],
      ).accuracy,
      0.5,
    );
    assert.strictEqual(calibrationReport([[0.2, 0.4, 0.4]], [1]).accuracy, 1);
    assert.strictEqual(calibrationReport([[0.2, 0.4, 0.4]], [2]).accuracy, 0);
  });

  it('handles one class: confidence 1, accuracy 1, ECE 0', () => {
    const r = calibrationReport([[1], [1]], [0, 0]);
    assert.strictEqual(r.accuracy, 1);
    assert.strictEqual(r.ece, 0);
    assert.strictEqual(r.brier, 0);
    assert.strictEqual(r.bins[14].count, 2);
  });

  it('floors p_y at 1e-12 in NLL', () => {
    const r = calibrationReport([[1, 0]], [1]);
    assertClose(r.nll, -Math.log(1e-12));
    assert.strictEqual(r.brier, 2);
  });

  it('computes ECE as Σ (n_m/N)·|acc_m − conf_m| (brute force over rows)', () => {
    const probs = [
      [0.9, 0.1],
      [0.8, 0.2],
      [0.3, 0.7],
      [0.45, 0.55],
      [0.6, 0.4],
      [0.99, 0.01],
    ];
    const labels = [0, 1, 1, 0, 0, 0];
    const M = 4;
    let ece = 0;
    for (let m = 1; m <= M; m++) {
      const inBin = probs
        .map((p, i) => ({ c: Math.max(...p), hit: p.indexOf(Math.max(...p)) === labels[i] ? 1 : 0 }))
        .filter(({ c }) => (m === 1 ? c >= 0 : c > (m - 1) / M) && c <= m / M);
      if (inBin.length === 0) continue;
      const acc = inBin.reduce((s, r) => s + r.hit, 0) / inBin.length;
      const conf = inBin.reduce((s, r) => s + r.c, 0) / inBin.length;
      ece += (inBin.length / probs.length) * Math.abs(acc - conf);
    }
    assertClose(calibrationReport(probs, labels, { bins: M }).ece, ece);
  });

  it('splits equal-mass bins like numpy.array_split (larger bins first)', () => {
    const conf = [0.9, 0.5, 0.7, 0.6, 0.8, 0.55, 0.65];
    const hit = [1, 0, 1, 1, 0, 0, 1];
    const bins = reliabilityBins(conf, hit, 3, 'equal-mass');
    assert.deepStrictEqual(
      bins.map((b) => b.count),
      [3, 2, 2],
    );
    assert.deepStrictEqual(
      bins.map((b) => b.upper),
      [0.6, 0.7, 0.9],
    );
    assertClose(bins[0].confidence, (0.5 + 0.55 + 0.6) / 3);
    assertClose(bins[0].accuracy, 1 / 3);
  });

  it('accepts a row-major matrix, arrays of arrays and a 2-D tensor alike', () => {
    const probs = [
      [0.7, 0.3],
      [0.35, 0.65],
      [0.15, 0.85],
    ]; // off the edges, which float32 would shift
    const labels = [0, 0, 1];
    const fromArrays = calibrationReport(probs, labels, { bins: 5 });
    const fromMatrix = calibrationReport(
      { data: Float64Array.from(probs.flat()), rows: 3, cols: 2 },
      Int32Array.from(labels),
      { bins: 5 },
    );
    assert.deepStrictEqual(fromMatrix, fromArrays);
    const [p, y] = [tf.tensor2d(probs), tf.tensor1d(labels, 'int32')];
    assertClose(calibrationReport(p, y, { bins: 5 }).ece, fromArrays.ece, { rtol: 1e-6 });
    tf.dispose([p, y]);
  });

  describe('rejects bad input', () => {
    const bad: Array<[string, () => unknown, RegExp]> = [
      ['no rows', () => calibrationReport([], []), /at least one row/],
      ['ragged rows', () => calibrationReport([[0.5, 0.5], [1]], [0, 0]), /row 1 has 1 values, expected 2/],
      ['label count', () => calibrationReport([[0.5, 0.5]], [0, 1]), /2 labels for 1 probability rows/],
      [
        'label out of range',
        () => calibrationReport([[0.5, 0.5]], [2]),
        /label 2 at row 0 is not a class index in \[0, 1\]/,
      ],
      ['NaN probability', () => calibrationReport([[NaN, 0.5]], [0]), /row 0, class 0 is not finite/],
      ['zero bins', () => calibrationReport([[0.5, 0.5]], [0], { bins: 0 }), /bins must be a positive integer/],
      ['fractional bins', () => calibrationReport([[0.5, 0.5]], [0], { bins: 2.5 }), /bins must be a positive integer/],
    ];
    for (const [name, call, message] of bad) it(name, () => assert.throws(call, message));
  });
});

describe('equal-mass bins with ties', () => {
  it('move a cut that would split a run of equal confidences to the nearer end of the run', () => {
    const conf = [0.9, 0.5, 0.7, 0.5, 0.7, 0.5];
    // array_split sizes 2, 2, 1, 1 put cuts at ranks 2, 4, 5 of 0.5 0.5 0.5 0.7 0.7 0.9: rank 2 moves
    // to 3 (the run of 0.5 ends one rank away), rank 4 is as near both ends of 0.7 0.7 and moves up.
    assert.deepStrictEqual(Array.from(assignBins(conf, 4, 'equal-mass')), [3, 0, 1, 0, 1, 0]);
    const bins = reliabilityBins(conf, [1, 0, 1, 1, 0, 0], 4, 'equal-mass');
    assert.deepStrictEqual(
      bins.map((b) => b.count),
      [3, 2, 0, 1],
    );
    assert.deepStrictEqual(
      bins.map((b) => [b.lower, b.upper]),
      [
        [0, 0.5],
        [0.5, 0.7],
        [0.7, 0.7],
        [0.7, 0.9],
      ],
    );
    // All equal: one bin holds every row.
    assert.deepStrictEqual(Array.from(assignBins(new Array(10).fill(0.8), 4, 'equal-mass')), new Array(10).fill(1));
    // No ties: exactly numpy.array_split.
    assert.deepStrictEqual(Array.from(assignBins([0.3, 0.1, 0.2, 0.4, 0.5], 2, 'equal-mass')), [0, 0, 0, 1, 1]);
  });

  it('give every row of a run the same bin, and the same bins whatever the row order', () => {
    const random = seededRandom(11);
    const values = [0.5, 0.7, 0.7, 1.0, 0.9, 0.55];
    const confidence = Array.from({ length: 1003 }, () => values[Math.floor(random() * values.length)]);
    for (const bins of [1, 2, 4, 7, 15, 2000]) {
      const binOf = assignBins(confidence, bins, 'equal-mass');
      const binOfValue = new Map<number, number>();
      confidence.forEach((c, i) => {
        if (!binOfValue.has(c)) binOfValue.set(c, binOf[i]);
        assert.strictEqual(binOf[i], binOfValue.get(c), `${bins} bins: rows with confidence ${c} share a bin`);
      });
      const order = shuffled(
        confidence.map((_, i) => i),
        random,
      );
      const permuted = assignBins(
        order.map((i) => confidence[i]),
        bins,
        'equal-mass',
      );
      order.forEach((i, j) => assert.strictEqual(permuted[j], binOf[i], `${bins} bins, row ${i}`));
    }
  });
});

function shuffled<T>(items: T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('every metric is a function of the multiset of rows', () => {
  // Files like a random forest's (vote fractions) or naive Bayes' on binary features: long runs of ties.
  const random = seededRandom(2024);
  const forest = Array.from({ length: 400 }, () => {
    const votes = [0, 0, 0];
    for (let t = 0; t < 10; t++) votes[random() < 0.6 ? 0 : random() < 0.5 ? 1 : 2]++;
    return votes.map((v) => v / 10);
  });
  const patterns = [
    [0.97, 0.03],
    [0.8, 0.2],
    [0.55, 0.45],
    [0.3, 0.7],
    [0.1, 0.9],
  ];
  const bayes = Array.from({ length: 257 }, () => patterns[Math.floor(random() * patterns.length)]);
  const files: Array<[string, number[][]]> = [
    ['forest', forest],
    ['naive Bayes', bayes],
  ];

  for (const [name, probs] of files) {
    const labels = probs.map((p) => {
      let u = random();
      return Math.max(
        0,
        p.findIndex((pk) => (u -= pk) < 0),
      );
    });
    const header = [...probs[0].map((_, k) => `p${k}`), 'label'].join(',');
    const lines = probs.map((p, i) => [...p, labels[i]].join(','));

    it(`${name}: permuted files give the same report, bins and class views for every bin count`, () => {
      for (const bins of [1, 3, 5, 10, 15, 50]) {
        const reference = calibrationReport(probs, labels, { bins });
        for (let trial = 0; trial < 5; trial++) {
          const text = [header, ...shuffled(lines, random)].join('\n');
          const file = readPredictions(text, `${name}-permuted.csv`);
          const report = calibrationReport(file.probs, file.labels, { bins });
          assertReportsClose(report, reference);
          for (let c = 0; c < file.probs.cols; c++) {
            const view = classConfidence(file.probs, file.labels, c);
            const original = classConfidence(toMatrix(probs), labels, c);
            for (const scheme of ['equal-width', 'equal-mass'] as const) {
              assertBinsClose(
                reliabilityBins(view.confidence, view.hit, bins, scheme),
                reliabilityBins(original.confidence, original.hit, bins, scheme),
              );
            }
          }
        }
      }
    });
  }
});

function assertBinsClose(actual: ReliabilityBin[], expected: ReliabilityBin[]): void {
  assert.strictEqual(actual.length, expected.length);
  actual.forEach((bin, i) => {
    assert.strictEqual(bin.count, expected[i].count, `bin ${i} count`);
    assert.strictEqual(bin.lower, expected[i].lower, `bin ${i} lower`);
    assert.strictEqual(bin.upper, expected[i].upper, `bin ${i} upper`);
    assert.strictEqual(bin.accuracy, expected[i].accuracy, `bin ${i} accuracy`);
    assertClose(bin.confidence, expected[i].confidence, TOL, `bin ${i} confidence`);
  });
}
