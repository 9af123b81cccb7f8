import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  applyCalibrator,
  Calibrator,
  calibratorJson,
  logProbabilities,
  recalibrate,
  RecalibrationMethod,
  softmaxWithTemperature,
} from '../../src/core/recalibration';
import { calibratorSnippet } from '../../src/extension/calibration/calibratorSnippets';
import { PYTHON, readRealFile } from './pythonReference';

/**
 * The exported lines are run by Python itself (NumPy, PyTorch) on the file's logits and must give
 * applyCalibrator's probabilities; JAX is not installed here, so its lines are only compiled.
 */
describe('calibration snippets: the exported Python applies the calibrator as the panel does', function () {
  this.timeout(120000);
  const p = readRealFile('samples/predictions/overconfident-digits.csv');
  const logits = logProbabilities(p.probs);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gamma-ce-snippets-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  // Rows of the logits as JSON (−Infinity for a probability 0 becomes a very negative logit).
  const rows = Array.from({ length: p.probs.rows }, (_, i) =>
    Array.from({ length: p.probs.cols }, (_, k) => Math.max(logits[i * p.probs.cols + k], -700)),
  );
  fs.writeFileSync(path.join(dir, 'logits.json'), JSON.stringify(rows));

  function runPython(code: string): number[][] {
    const script = path.join(dir, 'run.py');
    fs.writeFileSync(script, code);
    const run = spawnSync(PYTHON, [script], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`${PYTHON} failed:\n${run.stderr}\n---\n${code}`);
    return JSON.parse(run.stdout) as number[][];
  }

  const methods: RecalibrationMethod[] = ['temperature', 'histogram', 'isotonic'];
  for (const method of methods) {
    it(`${method}: NumPy and PyTorch give applyCalibrator's probabilities`, () => {
      const { calibrator } = recalibrate(p.probs, p.labels, { method, folds: 3 });
      fs.writeFileSync(path.join(dir, 'cal.calibrator.json'), calibratorJson(calibrator));
      // The lines take logits: the probabilities they see are softmax(logits), the file's rows normalised.
      const softmaxed = { ...p.probs, data: softmaxWithTemperature(logits, p.probs.rows, p.probs.cols) };
      const want = applyCalibrator(calibrator, softmaxed, logits).probs.data;
      const load = 'import json as _j\nwith open("logits.json") as _f:\n    LOGITS = _j.load(_f)\n';
      const cases: Array<[string, string]> = [
        ['numpy', 'print(_j.dumps(calibrate(np.asarray(LOGITS)).tolist()))'],
        ['pytorch', 'print(_j.dumps(calibrate(torch.tensor(LOGITS, dtype=torch.float64)).tolist()))'],
      ];
      for (const [framework, call] of cases) {
        const snippet = calibratorSnippet(calibrator, framework as 'numpy', 'cal.calibrator.json');
        const got = runPython(`${load}${snippet}\n${call}\n`);
        let worst = 0;
        got.forEach((row, i) =>
          row.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - want[i * p.probs.cols + k])))),
        );
        assert.ok(worst < 1e-8, `${framework}: largest difference ${worst}`);
      }
    });
  }

  it('the JAX lines compile, enable float64 and use jnp.interp / .at[].set as the others do', () => {
    const calibrators: Calibrator[] = methods.map(
      (method) => recalibrate(p.probs, p.labels, { method, folds: 2 }).calibrator,
    );
    for (const calibrator of calibrators) {
      const snippet = calibratorSnippet(calibrator, 'jax', 'cal.calibrator.json');
      assert.match(snippet, /jax_enable_x64/);
      const check = `import ast\nast.parse(${JSON.stringify(snippet)})\nprint("[]")\n`;
      assert.deepStrictEqual(runPython(check), []);
    }
    assert.match(calibratorSnippet(calibrators[2], 'jax', 'x.json'), /jnp\.interp\(c, /);
  });
});
