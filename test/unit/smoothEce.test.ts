import * as assert from 'assert';
import { bootstrapSmoothEce } from '../../src/core/bootstrap';
import {
  calibrationReport,
  drawMultiplicities,
  smoothEce,
  smoothEceAtSigma,
  SmoothEceData,
  smoothReliabilityCurve,
  topLabel,
} from '../../src/core/calibration';
import { gridPoints, roundHalfEven } from '../../src/core/calibration/kernelSmoothing';
import { seededRandom } from '../../src/core/random';
import { runCli } from './cliRun';
import { REAL_FILES, readRealFile, runReference } from './pythonReference';

interface Case {
  id: string;
  f: number[];
  y: number[];
  sigma?: number;
  curve?: boolean;
}
interface Result {
  id: string;
  smece: number;
  sigma: number;
  trace: [number, number][];
  curve?: { mesh: number[]; mu: number[]; density: number[] };
}

const TOL = 1e-9;

function reference(cases: Case[]): Map<string, Result> {
  const out = runReference<{ results: Result[] }>('smooth_ece_reference.py', { cases });
  return new Map(out.results.map((r) => [r.id, r]));
}

function topCase(file: string): Case {
  const p = readRealFile(file);
  const top = topLabel(p.probs, p.labels);
  return { id: file, f: Array.from(top.confidence), y: Array.from(top.hit) };
}

function synthetic(id: string, n: number, seed: number, skew: (u: number) => number): Case {
  const random = seededRandom(seed);
  const f: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = random();
    f.push(p);
    y.push(random() < skew(p) ? 1 : 0);
  }
  return { id, f, y };
}

describe('smooth ECE against an independent NumPy implementation of relplot 1.0.2', () => {
  const real = REAL_FILES.map(topCase);
  const binary = readRealFile('test/fixtures/predictions/binary.csv');
  const binaryP1: Case = {
    id: 'binary.csv p1 vs label',
    f: Array.from({ length: binary.probs.rows }, (_, i) => binary.probs.data[2 * i + 1]),
    y: Array.from(binary.labels),
  };
  // 40 000 calibrated rows: σ* < 0.01, so the bisection runs on grids larger than 1001 points.
  const calibrated = synthetic('calibrated 40k', 40000, 7, (p) => p);
  const edges: Case = { id: 'confidences 0 and 1', f: [0, 1, 1, 0.5, 0, 1], y: [0, 1, 0, 1, 1, 1] };
  const single: Case = { id: 'one row', f: [0.7], y: [1] };
  const perfect: Case = { id: 'all right at 1', f: [1, 1, 1], y: [1, 1, 1] };
  const auto = [...real, binaryP1, calibrated, edges, single, perfect];
  const curves = [real[0], real[1], real[2], calibrated].map((c) => ({ ...c, id: `${c.id} curve`, curve: true }));
  // Fixed σ: 7/1024 gives an even grid (1464 points, kernel half a step off centre), 0.0011 a large one.
  // 10/σ = 250.5 exactly: the mesh has round(250.5) = 250 points, as in Python.
  const fixed = [7 / 1024, 0.0011, 0.013, 0.04, 0.3, 1, 0.08, 10 / 250.5].flatMap((sigma) =>
    [real[1], real[2], calibrated].map((c) => ({ ...c, id: `${c.id} σ=${sigma}`, sigma })),
  );
  let refs: Map<string, Result>;
  before(function () {
    this.timeout(120000);
    refs = reference([...auto, ...fixed, ...curves]);
  });

  for (const c of auto) {
    it(`${c.id}: σ* and smECE`, () => {
      const want = refs.get(c.id)!;
      const got = smoothEce(c.f, c.y);
      assert.strictEqual(got.sigma, want.sigma, 'σ*');
      assert.ok(Math.abs(got.value - want.smece) <= TOL, `smECE ${got.value} vs ${want.smece}`);
      // Every bisection decision is far from a tie, so rounding cannot flip σ*.
      for (const [sigma, value] of want.trace) {
        assert.ok(Math.abs(value - sigma) > 1e-9, `σ = ${sigma} is a near tie (${value})`);
        assert.ok(Math.abs(smoothEceAtSigma(c.f, c.y, sigma) - value) <= TOL, `smECE at σ = ${sigma}`);
      }
    });
  }

  for (const c of fixed) {
    it(`${c.id}`, () => {
      const want = refs.get(c.id)!;
      assert.ok(Math.abs(smoothEceAtSigma(c.f, c.y, c.sigma!) - want.smece) <= TOL);
    });
  }

  for (const c of curves) {
    it(`${c.id}: μ and density on relplot's 200-point mesh`, () => {
      const want = refs.get(c.id)!;
      const got = smoothReliabilityCurve(c.f, c.y, { resamples: 0 });
      assert.strictEqual(got.sigma, want.sigma);
      assert.deepStrictEqual(Array.from(got.mesh), want.curve!.mesh);
      got.mu.forEach((m, k) =>
        assert.ok(Math.abs(m - want.curve!.mu[k]) <= TOL, `μ[${k}] ${m} vs ${want.curve!.mu[k]}`),
      );
      got.density.forEach((d, k) =>
        assert.ok(Math.abs(d - want.curve!.density[k]) <= TOL * Math.max(1, d), `density[${k}]`),
      );
    });
  }

  it('calibrationReport carries the top-label smooth ECE and σ*', () => {
    const p = readRealFile(REAL_FILES[1]);
    const report = calibrationReport(p.probs, p.labels);
    const want = refs.get(REAL_FILES[1])!;
    assert.strictEqual(report.smoothEceSigma, want.sigma);
    assert.ok(Math.abs(report.smoothEce - want.smece) <= TOL);
  });
});

describe('smooth ECE bootstrap and band', () => {
  const p = readRealFile(REAL_FILES[2]);
  const top = topLabel(p.probs, p.labels);

  it('weights act as repeated rows', () => {
    const weights = new Float64Array(top.confidence.length);
    drawMultiplicities(seededRandom(3), weights);
    const f: number[] = [];
    const y: number[] = [];
    weights.forEach((w, i) => {
      for (let k = 0; k < w; k++) {
        f.push(top.confidence[i]);
        y.push(top.hit[i]);
      }
    });
    const weighted = smoothEce(top.confidence, top.hit, weights);
    const repeated = smoothEce(f, y);
    assert.strictEqual(weighted.sigma, repeated.sigma);
    assert.ok(Math.abs(weighted.value - repeated.value) < 1e-12);
  });

  it("the resamples' FFT convolutions give the direct sums to rounding, σ* included", () => {
    const random = seededRandom(11);
    const weights = new Float64Array(top.confidence.length);
    const kernels = new Map();
    const seen = new Set<number>();
    for (let r = 0; r < 30; r++) {
      drawMultiplicities(random, weights);
      const direct = new SmoothEceData(top.confidence, top.hit, weights).smooth();
      const viaFft = new SmoothEceData(top.confidence, top.hit, weights, kernels).smooth();
      assert.strictEqual(viaFft.sigma, direct.sigma, `resample ${r}`);
      assert.ok(Math.abs(viaFft.value - direct.value) < 1e-13, `resample ${r}: ${viaFft.value} vs ${direct.value}`);
      for (const sigma of [0.3, 7 / 1024, 0.002]) {
        const a = new SmoothEceData(top.confidence, top.hit, weights).atSigma(sigma);
        const b = new SmoothEceData(top.confidence, top.hit, weights, kernels).atSigma(sigma);
        assert.ok(Math.abs(a - b) < 1e-13, `σ = ${sigma}: ${a} vs ${b}`);
      }
      seen.add(direct.sigma);
    }
    assert.ok(seen.size > 3, 'the resamples reach several σ*');
  });

  it('gives a seeded percentile interval around the estimate', () => {
    const a = bootstrapSmoothEce(top.confidence, top.hit, { resamples: 60, seed: 5 });
    const b = bootstrapSmoothEce(top.confidence, top.hit, { resamples: 60, seed: 5 });
    assert.deepStrictEqual(a, b);
    const full = smoothEce(top.confidence, top.hit);
    assert.strictEqual(a.estimate, full.value);
    assert.strictEqual(a.sigma, full.sigma);
    assert.ok(a.low < a.estimate && a.estimate < a.high, `${a.low} < ${a.estimate} < ${a.high}`);
    assert.notDeepStrictEqual(bootstrapSmoothEce(top.confidence, top.hit, { resamples: 60, seed: 6 }), a);
  });

  it('draws a band that holds the curve and narrows with more rows', () => {
    const curve = smoothReliabilityCurve(top.confidence, top.hit, { resamples: 100, seed: 1 });
    assert.strictEqual(curve.lower.length, 200);
    let inside = 0;
    curve.mu.forEach((m, k) => {
      assert.ok(curve.lower[k] <= curve.upper[k]);
      if (curve.lower[k] <= m && m <= curve.upper[k]) inside++;
    });
    assert.ok(inside >= 190, `μ inside its band at ${inside} of 200 points`);
    const big = readRealFile(REAL_FILES[1]);
    const bigTop = topLabel(big.probs, big.labels);
    const wide = smoothReliabilityCurve(bigTop.confidence.slice(0, 300), bigTop.hit.slice(0, 300), {
      resamples: 100,
      sigma: 0.1,
    });
    const narrow = smoothReliabilityCurve(bigTop.confidence, bigTop.hit, { resamples: 100, sigma: 0.1 });
    const width = (c: typeof wide) => c.upper[180] - c.lower[180];
    assert.ok(width(narrow) < width(wide), `band at t = 0.9: ${width(narrow)} vs ${width(wide)}`);
  });
});

describe('gamma-ce calibrate and the smooth ECE', () => {
  it('--json carries smoothEce and smoothEceSigma; the table shows them', async () => {
    const file = REAL_FILES[1];
    const p = readRealFile(file);
    const top = topLabel(p.probs, p.labels);
    const want = smoothEce(top.confidence, top.hit);
    const json = JSON.parse((await runCli('calibrate', file, '--json')).stdout);
    assert.strictEqual(json.smoothEce, want.value);
    assert.strictEqual(json.smoothEceSigma, want.sigma);
    assert.match((await runCli('calibrate', file)).stdout, /Smooth ECE\s+0\.1403\s+\(relplot, σ\* = 0\.1406\)/);
  });

  it('is left out of per-epoch reports that ask for { smooth: false }', () => {
    const p = readRealFile(REAL_FILES[2]);
    const r = calibrationReport(p.probs, p.labels, { smooth: false });
    assert.ok(Number.isNaN(r.smoothEce) && Number.isNaN(r.smoothEceSigma));
    assert.strictEqual(r.ece, calibrationReport(p.probs, p.labels).ece);
  });
});

describe('smooth ECE rules', () => {
  it("rounds like Python's round (halves to even) when sizing grids and meshes", () => {
    assert.deepStrictEqual([0.5, 1.5, 2.5, 3.5, 2.4, 2.6].map(roundHalfEven), [0, 2, 2, 4, 2, 3]);
    assert.strictEqual(gridPoints(0.05), 1001);
    assert.strictEqual(gridPoints(7 / 1024), 1464);
  });

  it('is 0 for predictions whose residuals vanish, and refuses bad input', () => {
    assert.strictEqual(smoothEceAtSigma([0, 0, 1], [0, 0, 1], 0.1), 0);
    assert.throws(() => smoothEce([], []), /at least one row/);
    assert.throws(() => smoothEce([0.5, 1.2], [1, 0]), /1\.2 at row 1 is not a probability/);
    assert.throws(() => smoothEce([0.5], [1, 0]), /2 outcomes for 1 predictions/);
    assert.throws(() => smoothEceAtSigma([0.5], [1], 0), /σ must be a positive number/);
  });
});
