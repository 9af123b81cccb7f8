import * as assert from 'assert';
import {
  calibrationReport,
  classConfidence,
  Convention,
  conventionCalibration,
  CONVENTION_BINS,
  CONVENTIONS,
  expectedCalibrationError,
  perClassTable,
  reliabilityBins,
  topLabel,
  torchLinspace,
} from '../../src/core/calibration';
import { runCli } from './cliRun';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ProbabilityMatrix } from '../../src/core/calibration';
import { nested, REAL_FILES, readRealFile, runReference } from './pythonReference';

interface Reference {
  id: string;
  ece?: number;
  mce?: number;
  counts?: number[];
  error?: string;
}

const f32 = Math.fround;

const run = runCli;

function matrix(rows: number[][]): ProbabilityMatrix {
  return { data: rows.flat(), rows: rows.length, cols: rows[0].length };
}

// Rows on the edges where the conventions part: 1.0, 0.5, 0.2 (float32 0.2 < torch's edge 3/15), ties.
const EDGE_ROWS = {
  probs: matrix([
    [1, 0, 0],
    [0.2, 0.4, 0.4],
    [0.5, 0.3, 0.2],
    [0.2, 0.2, 0.6],
    [0.1, 0.7, 0.2],
    [0.3, 0.3, 0.4],
    [0.45, 0.1, 0.45],
    [0.05, 0.05, 0.9],
  ]),
  labels: [0, 2, 0, 2, 1, 0, 2, 1],
};
const EDGE_BINARY = {
  probs: matrix([
    [0.8, 0.2],
    [0.5, 0.5],
    [0, 1],
    [1, 0],
    [0.3, 0.7],
    [0.7, 0.3],
  ]),
  labels: [1, 1, 1, 0, 0, 1],
};

describe('peer conventions against Python reimplementations of torchmetrics 1.9 and netcal 1.3', () => {
  const cases: {
    id: string;
    probs: ProbabilityMatrix;
    labels: ArrayLike<number>;
    convention: Convention;
    bins: number;
  }[] = [];
  for (const file of REAL_FILES) {
    const p = readRealFile(file);
    for (const convention of CONVENTIONS) {
      for (const bins of [CONVENTION_BINS[convention], 10, 15, 20]) {
        cases.push({ id: `${file} ${convention} M=${bins}`, probs: p.probs, labels: p.labels, convention, bins });
      }
    }
  }
  for (const convention of CONVENTIONS) {
    for (const bins of [5, 10, 15]) {
      cases.push({ id: `edge rows ${convention} M=${bins}`, ...EDGE_ROWS, convention, bins });
      cases.push({ id: `edge binary ${convention} M=${bins}`, ...EDGE_BINARY, convention, bins });
    }
  }
  let refs: Map<string, Reference>;
  let edges: Record<string, number[]>;
  let torch113: Record<string, boolean>;
  before(function () {
    this.timeout(120000);
    const out = runReference<{
      results: Reference[];
      edges: Record<string, number[]>;
      torch113_agrees: Record<string, boolean>;
    }>('conventions_reference.py', {
      cases: cases.map((c) => ({
        ...c,
        probs: nested(c.probs.data, c.probs.rows, c.probs.cols),
        labels: Array.from(c.labels),
      })),
    });
    refs = new Map(out.results.map((r) => [r.id, r]));
    edges = out.edges;
    torch113 = out.torch113_agrees;
  });

  it("computes torch.linspace's float32 edges bit for bit (M = 1…100), as the local torch does for M = 10, 15", () => {
    for (let m = 1; m <= 100; m++) assert.deepStrictEqual(Array.from(torchLinspace(m)), edges[String(m)], `M = ${m}`);
    assert.deepStrictEqual(torch113, { '10': true, '15': true });
  });

  for (const c of cases) {
    it(c.id, () => {
      const want = refs.get(c.id)!;
      if (want.error) {
        assert.throws(() => conventionCalibration(c.probs, c.labels, c.convention, c.bins), RangeError);
        return;
      }
      const got = conventionCalibration(c.probs, c.labels, c.convention, c.bins);
      assert.deepStrictEqual(
        got.bins.map((b) => b.count),
        want.counts,
        'bin counts',
      );
      // float32 results: torch sums the bins in a CPU-dependent order, so the last bit may differ.
      const tol = c.convention === 'torchmetrics' ? 4e-7 * Math.max(want.ece!, 1e-3) : 1e-15;
      assert.ok(Math.abs(got.ece - want.ece!) <= tol, `ECE ${got.ece} vs ${want.ece}`);
      if (c.convention === 'guo') assert.ok(Math.abs(got.mce - want.mce!) <= 1e-15, `MCE ${got.mce} vs ${want.mce}`);
      else assert.strictEqual(got.mce, want.mce, 'MCE');
    });
  }
});

describe('peer conventions, hand-checked', () => {
  it('torchmetrics puts confidence 1.0 in an extra bin and float32 0.2 below the edge 3/15', () => {
    const r = conventionCalibration(
      matrix([
        [1, 0, 0],
        [0.2, 0.4, 0.4],
      ]),
      [0, 2],
      'torchmetrics',
      15,
    );
    assert.strictEqual(r.bins.length, 16);
    assert.strictEqual(r.bins[15].count, 1);
    assert.strictEqual(r.bins[15].lower, 1);
    // argmax of the tie 0.4, 0.4 is class 1 (the first), a miss; f32(0.4) < f32 edge 6/15 = 0.40000004.
    assert.strictEqual(r.bins[5].count, 1);
    assert.strictEqual(r.ece, f32(f32(0.4) * 0.5));
    assert.strictEqual(r.mce, f32(0.4));
    const binary = conventionCalibration(matrix([[0.8, 0.2]]), [1], 'torchmetrics', 15);
    assert.strictEqual(binary.task, 'binary');
    assert.strictEqual(binary.bins[2].count, 1, 'p₁ = 0.2 in [2/15, 3/15)');
    assert.strictEqual(binary.ece, f32(1 - f32(0.2)));
  });

  it('netcal bins 0.5 in [0.5, 0.6) where Guo bins it in (0.4, 0.5], and clips 1 to 1 − ε', () => {
    const probs = matrix([
      [0.5, 0.3, 0.2],
      [1, 0, 0],
      [0.2, 0.7, 0.1],
      [0.1, 0.2, 0.7],
    ]);
    const labels = [0, 0, 2, 1];
    const n = conventionCalibration(probs, labels, 'netcal', 10);
    const g = conventionCalibration(probs, labels, 'guo', 10);
    assert.strictEqual(n.bins[5].count, 1);
    assert.strictEqual(g.bins[4].count, 1);
    assert.strictEqual(n.bins[9].confidence, 1 - 2 ** -52);
    assert.strictEqual(g.bins[9].confidence, 1);
    // 0.7 < 7·0.1 = 0.7000000000000001: both misses at 0.7 fall in [0.6, 0.7) for netcal.
    assert.strictEqual(n.bins[6].count, 2);
    // |1 − 0.5|·1/4 + |1 − (1 − ε)|·1/4 + |0 − 0.7|·2/4
    assert.ok(Math.abs(n.ece - (0.5 + 2 ** -52 + 1.4) / 4) < 1e-16);
  });

  it("netcal's binary handling: p₁ against the label, and more than two columns with two label values refused", () => {
    const r = conventionCalibration(
      matrix([
        [0.9, 0.1],
        [0.4, 0.6],
      ]),
      [0, 0],
      'netcal',
      10,
    );
    assert.strictEqual(r.task, 'binary');
    // p₁ = 0.1 sits on the edge 1·0.1 (bin [0.1, 0.2)); 0.6 < 6·0.1 = 0.6000000000000001 (bin [0.5, 0.6)).
    assert.deepStrictEqual(
      r.bins.map((b) => b.count),
      [0, 1, 0, 0, 0, 1, 0, 0, 0, 0],
    );
    assert.throws(
      () => conventionCalibration(EDGE_ROWS.probs, [0, 2, 0, 2, 0, 0, 2, 0], 'netcal', 10),
      /netcal 1\.3 treats as a binary problem/,
    );
  });

  it('guo is the calibration report', () => {
    const p = readRealFile(REAL_FILES[1]);
    const r = conventionCalibration(p.probs, p.labels, 'guo');
    assert.strictEqual(r.bins.length, 15);
    assert.throws(
      () => conventionCalibration(p.probs, p.labels, 'sklearn' as Convention),
      /unknown convention 'sklearn'/,
    );
  });
});

describe('per-class table', () => {
  it('gives each class its one-vs-rest ECE, support and recall; the contributions add up to the classwise ECE', () => {
    const p = readRealFile(REAL_FILES[2]);
    const table = perClassTable(p.probs, p.labels, 15);
    const report = calibrationReport(p.probs, p.labels);
    assert.ok(Math.abs(table.reduce((s, r) => s + r.contribution, 0) - report.classwiseEce) < 1e-15);
    const top = topLabel(p.probs, p.labels);
    for (const row of table) {
      const view = classConfidence(p.probs, p.labels, row.classIndex);
      assert.ok(Math.abs(row.ece - expectedCalibrationError(reliabilityBins(view.confidence, view.hit, 15))) < 1e-15);
      const mine = Array.from(p.labels)
        .map((y, i) => [y, i] as const)
        .filter(([y]) => y === row.classIndex);
      assert.strictEqual(row.support, mine.length);
      assert.strictEqual(row.accuracy, mine.filter(([, i]) => top.hit[i]).length / mine.length);
    }
    assert.deepStrictEqual(
      perClassTable(
        matrix([
          [0.6, 0.4, 0],
          [0.2, 0.7, 0.1],
        ]),
        [0, 0],
        2,
      ).map((r) => [r.support, r.accuracy]),
      [
        [2, 0.5],
        [0, null],
        [0, null],
      ],
    );
  });
});

describe('gamma-ce calibrate --convention', () => {
  const file = REAL_FILES[2];
  it("puts the convention's ECE, MCE and bins in the report, with the library's default bins", async () => {
    const p = readRealFile(file);
    for (const convention of CONVENTIONS) {
      const { code, stdout, stderr } = await run('calibrate', file, '--convention', convention, '--json');
      assert.strictEqual(code, 0, stderr);
      const out = JSON.parse(stdout);
      const want = conventionCalibration(p.probs, p.labels, convention);
      assert.strictEqual(out.convention, convention);
      assert.strictEqual(out.ece, want.ece);
      assert.strictEqual(out.mce, want.mce);
      assert.strictEqual(out.bins.length, convention === 'torchmetrics' ? 16 : CONVENTION_BINS[convention]);
      assert.strictEqual(out.smoothEce, calibrationReport(p.probs, p.labels).smoothEce);
    }
    const text = await run('calibrate', file, '--convention', 'netcal', '--bins', '12');
    assert.match(text.stdout, /ECE\s+0\.\d{4}\s+\(as netcal 1\.3/);
    assert.strictEqual(text.stdout.split('\n').filter((l) => /^\s+\d\.\d\d-\d\.\d\d/.test(l)).length, 12);
    assert.strictEqual((await run('calibrate', file, '--convention', 'sklearn')).code, 2);
  });

  it('exits 1 naming the file where netcal would refuse it', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gamma-ce-netcal-')), 'names.csv');
    fs.writeFileSync(file, 'cat,dog,bird,label\n0.7,0.2,0.1,cat\n0.1,0.8,0.1,dog\n0.3,0.3,0.4,cat\n');
    const bad = await run('calibrate', file, '--convention', 'netcal');
    assert.strictEqual(bad.code, 1);
    assert.match(
      bad.stderr,
      /^gamma-ce: .*names\.csv: the labels take at most two values, which netcal 1\.3 treats as a binary problem/,
    );
  });
});
