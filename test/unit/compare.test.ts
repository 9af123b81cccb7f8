import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  calibrationReport,
  compareModels,
  COMPARED_METRICS,
  drawMultiplicities,
  matchIds,
  ProbabilityMatrix,
  quantileSorted,
} from '../../src/core/calibration';
import { OPTIONS as COMPARE_OPTIONS } from '../../src/cli/compareCommand';
import { OPTIONS as RECALIBRATE_OPTIONS } from '../../src/cli/recalibrateCommand';
import { runCli } from './cliRun';
import { seededRandom } from '../../src/core/random';
import { logProbabilities, softmaxWithTemperature } from '../../src/core/recalibration';
import { readRealFile } from './pythonReference';

const run = runCli;

const A = readRealFile('samples/predictions/underconfident-iris.csv');
const N = A.probs.rows;
const B: ProbabilityMatrix = { data: softmaxWithTemperature(logProbabilities(A.probs), N, 3, 0.6), rows: N, cols: 3 };

function repeated(m: ProbabilityMatrix, labels: ArrayLike<number>, weights: Float64Array) {
  const data: number[] = [];
  const y: number[] = [];
  weights.forEach((w, i) => {
    for (let k = 0; k < w; k++) {
      for (let c = 0; c < m.cols; c++) data.push(m.data[i * m.cols + c]);
      y.push(labels[i]);
    }
  });
  return calibrationReport({ data, rows: y.length, cols: m.cols }, y);
}

describe('paired bootstrap comparison', () => {
  it('B − A is exact, and each resample measures both models on the same drawn rows', function () {
    this.timeout(60000);
    const resamples = 7;
    const seed = 42;
    const got = compareModels(A.probs, B, A.labels, { resamples, seed });
    const ra = calibrationReport(A.probs, A.labels);
    const rb = calibrationReport(B, A.labels);
    for (const k of COMPARED_METRICS) {
      assert.ok(Math.abs(got.a[k] - ra[k]) < 1e-14, `A ${k}`);
      assert.ok(Math.abs(got.b[k] - rb[k]) < 1e-14, `B ${k}`);
      assert.ok(Math.abs(got.differences[k].mean - (rb[k] - ra[k])) < 1e-14, `mean ${k}`);
    }
    // The same resamples rebuilt as repeated rows and measured by calibrationReport.
    const random = seededRandom(seed);
    const weights = new Float64Array(N);
    const diffs = Object.fromEntries(COMPARED_METRICS.map((k) => [k, [] as number[]]));
    for (let r = 0; r < resamples; r++) {
      drawMultiplicities(random, weights);
      const [ma, mb] = [repeated(A.probs, A.labels, weights), repeated(B, A.labels, weights)];
      for (const k of COMPARED_METRICS) diffs[k].push(mb[k] - ma[k]);
    }
    for (const k of COMPARED_METRICS) {
      const sorted = Float64Array.from(diffs[k]).sort();
      assert.ok(Math.abs(got.differences[k].low - quantileSorted(sorted, 0.025)) < 1e-12, `low ${k}`);
      assert.ok(Math.abs(got.differences[k].high - quantileSorted(sorted, 0.975)) < 1e-12, `high ${k}`);
    }
  });

  it('a model against itself differs by exactly 0; a better-calibrated one by an interval excluding 0', function () {
    this.timeout(60000);
    const same = compareModels(A.probs, A.probs, A.labels, { resamples: 50 });
    for (const k of COMPARED_METRICS) assert.deepStrictEqual(same.differences[k], { mean: 0, low: 0, high: 0 });
    const better = compareModels(A.probs, B, A.labels, { resamples: 200 });
    assert.ok(
      better.differences.ece.high < 0,
      `ECE B − A in [${better.differences.ece.low}, ${better.differences.ece.high}]`,
    );
    assert.strictEqual(better.differences.accuracy.mean, 0);
    assert.deepStrictEqual(
      compareModels(A.probs, B, A.labels, { resamples: 30, seed: 1 }),
      compareModels(A.probs, B, A.labels, { resamples: 30, seed: 1 }),
    );
  });

  it('matches ids, refusing duplicates and ids missing on either side', () => {
    assert.deepStrictEqual(matchIds(['a', 'b', 'c'], ['c', 'a', 'b']), Int32Array.from([1, 2, 0]));
    assert.deepStrictEqual(matchIds(['a', 'b', 'a'], ['a', 'b']), {
      side: 'A',
      detail: "the id 'a' appears at rows 1 and 3",
    });
    assert.deepStrictEqual(matchIds(['a', 'b'], ['b', 'b']), {
      side: 'B',
      detail: "the id 'b' appears at rows 1 and 2",
    });
    assert.deepStrictEqual(matchIds(['a', 'x'], ['a', 'b']), {
      side: 'A',
      detail: "the id 'x' of row 2 is not in the other file",
    });
    assert.deepStrictEqual(matchIds(['a'], ['a', 'b']), {
      side: 'B',
      detail: "the id 'b' of row 2 is not in the other file",
    });
  });
});

describe('gamma-ce compare', () => {
  let dir: string;
  const names = ['setosa', 'versicolor', 'virginica'];
  const write = (file: string, header: string[], rows: string[][]) => {
    const target = path.join(dir, file);
    fs.writeFileSync(target, [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n');
    return target;
  };
  const row = (m: ProbabilityMatrix, i: number, order = [0, 1, 2]) => order.map((c) => String(m.data[i * 3 + c]));
  let fileA: string;
  let fileB: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gamma-ce-compare-'));
    fileA = write(
      'a.csv',
      ['id', ...names, 'label'],
      Array.from({ length: N }, (_, i) => [`r${i}`, ...row(A.probs, i), names[A.labels[i]]]),
    );
    // B: rows reversed, class columns in another order, ids kept.
    const order = [2, 0, 1];
    fileB = write(
      'b.csv',
      ['label', ...order.map((c) => names[c]), 'id'],
      Array.from({ length: N }, (_, j) => N - 1 - j).map((i) => [names[A.labels[i]], ...row(B, i, order), `r${i}`]),
    );
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('matches rows by the id column and classes by name; --json has differences { metric: { mean, low, high } }', async function () {
    this.timeout(60000);
    const { code, stdout, stderr } = await run('compare', fileA, fileB, '--resamples', '40', '--json');
    assert.strictEqual(code, 0, stderr);
    const out = JSON.parse(stdout);
    assert.strictEqual(out.matchedBy, "id column 'id'");
    const want = compareModels(A.probs, B, A.labels, { resamples: 40 });
    assert.deepStrictEqual(Object.keys(out.differences), [...COMPARED_METRICS]);
    for (const k of COMPARED_METRICS) {
      assert.deepStrictEqual(Object.keys(out.differences[k]), ['mean', 'low', 'high']);
      for (const f of ['mean', 'low', 'high'] as const) {
        assert.ok(Math.abs(out.differences[k][f] - want.differences[k][f]) < 1e-12, `${k}.${f}`);
      }
    }
    const text = await run('compare', fileA, fileB, '--resamples', '40');
    assert.match(text.stdout, /600 rows matched by id column 'id'; paired bootstrap, 40 resamples/);
    assert.match(text.stdout, /ECE\s+0\.1428\s+0\.\d{4}\s+−0\.\d{4}\s+\[−0\.\d{4}, −0\.\d{4}\] \*/);
  });

  it('refuses files that cannot be paired with one message naming the file and row', async () => {
    const fewer = write(
      'fewer.csv',
      [...names, 'label'],
      Array.from({ length: 5 }, (_, i) => [...row(A.probs, i), names[A.labels[i]]]),
    );
    const positional = write(
      'pos.csv',
      [...names, 'label'],
      Array.from({ length: N }, (_, i) => [...row(A.probs, i), names[A.labels[i]]]),
    );
    const relabelled = write(
      'relabel.csv',
      [...names, 'label'],
      Array.from({ length: N }, (_, i) => [...row(A.probs, i), names[i === 3 ? (A.labels[i] + 1) % 3 : A.labels[i]]]),
    );
    const dup = write(
      'dup.csv',
      ['id', ...names, 'label'],
      Array.from({ length: N }, (_, i) => [`r${i === 9 ? 2 : i}`, ...row(A.probs, i), names[A.labels[i]]]),
    );
    const twoClasses = write('two.csv', ['p_a', 'p_b', 'label'], [['0.5', '0.5', 'p_a']]);
    const cases: [string[], RegExp][] = [
      [[positional, fewer], /fewer\.csv: has 5 rows and .*pos\.csv has 600: rows are matched by position/],
      [
        [positional, relabelled],
        /pos\.csv, row 4: the label is '\w+' but row 4 of .*relabel\.csv, its match, says '\w+'/,
      ],
      [[fileA, dup], /dup\.csv: the id 'r2' appears at rows 3 and 10/],
      [[fileA, positional, '--id', 'id'], /pos\.csv: has no id column 'id'/],
      [[positional, twoClasses], /two\.csv: has 1 rows and/],
      // A named id column is never a class: without it, pos.csv's rows no longer sum to 1.
      [[positional, fileA, '--id', 'setosa'], /pos\.csv, row 1 \(line 2\): the probabilities sum to/],
    ];
    for (const [args, pattern] of cases) {
      const { code, stdout, stderr } = await run('compare', ...args, '--resamples', '5');
      assert.strictEqual(code, 1, `${args.join(' ')}: ${stderr}`);
      assert.strictEqual(stdout, '');
      assert.match(stderr, pattern);
      assert.strictEqual(stderr.trimEnd().split('\n').length, 1);
    }
    assert.strictEqual((await run('compare', fileA)).code, 2);
    assert.strictEqual((await run('compare', fileA, fileB, '--resamples', '0')).code, 2);
  });
});

describe('gamma-ce recalibrate / compare --help', () => {
  const commands = { recalibrate: RECALIBRATE_OPTIONS, compare: COMPARE_OPTIONS };
  for (const [command, options] of Object.entries(commands)) {
    it(`${command} --help prints a usage naming every option it accepts`, async () => {
      const { code, stdout } = await run(command, '--help');
      assert.strictEqual(code, 0);
      assert.ok(stdout.startsWith(`Usage: gamma-ce ${command} <`), stdout);
      for (const name of Object.keys(options))
        assert.ok(stdout.includes(`--${name}`), `--${name} in the ${command} usage`);
      assert.strictEqual((await run('help', command)).stdout, stdout);
    });
  }
});
