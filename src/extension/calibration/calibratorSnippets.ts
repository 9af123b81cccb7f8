/**
 * The Python lines that apply an exported calibrator (its JSON) to logits, as applyCalibrator does:
 * temperature scaling is softmax(z / T); histogram binning and isotonic regression map the top
 * label's probability c to c′ and scale the other classes by (1 − c′)/(1 − c) (an equal share of
 * 1 − c′ each when they are all 0), so the predicted class does not change. No `vscode` or zod:
 * the webview shows these lines too.
 */
import type { Calibrator } from '../../core/recalibration';
import type { SnippetFramework } from './jobs';

export const FRAMEWORK_NAMES: Record<SnippetFramework, string> = { pytorch: 'PyTorch', numpy: 'NumPy', jax: 'JAX' };

interface Dialect {
  imports: string;
  signature: string;
  /** The logits as a float64 array. */
  float: string;
  /** Lines that set p to the row-wise softmax of a float64 expression. */
  softmax: (z: string) => string;
  /** Lines that set c and top: the top label's probability and class. */
  top: string;
  sum: string;
  table: (key: string) => string;
  where: string;
  ceil: string;
  clip: (v: string, lo: string, hi: string) => string;
  toFloat: (mask: string) => string;
  index: (m: string) => string;
  interp: string;
  scatter: string;
}

const DIALECTS: Record<SnippetFramework, Dialect> = {
  numpy: {
    imports: 'import json\nimport numpy as np',
    signature: 'def calibrate(logits):',
    float: 'np.asarray(logits, dtype=np.float64)',
    softmax: (z) =>
      `z = ${z}\nz = z - z.max(axis=1, keepdims=True)\np = np.exp(z)\np = p / p.sum(axis=1, keepdims=True)`,
    top: 'rows = np.arange(p.shape[0])\ntop = p.argmax(axis=1)\nc = p[rows, top]',
    sum: 'p.sum(axis=1)',
    table: (key) => `np.asarray(calibrator["${key}"], dtype=np.float64)`,
    where: 'np.where',
    ceil: 'np.ceil',
    clip: (v, lo, hi) => `np.clip(${v}, ${lo}, ${hi})`,
    toFloat: (mask) => `(${mask}).astype(np.float64)`,
    index: (m) => `${m}.astype(np.int64) - 1`,
    interp: 'new = np.interp(c, calibrator["x"], calibrator["y"])',
    scatter: 'out[rows, top] = new',
  },
  pytorch: {
    imports: 'import json\nimport torch',
    signature: 'def calibrate(logits: torch.Tensor) -> torch.Tensor:',
    float: 'logits.double()',
    softmax: (z) => `p = torch.softmax(${z}, dim=1)`,
    top: 'c, top = p.max(dim=1)',
    sum: 'p.sum(dim=1)',
    table: (key) => `torch.tensor(calibrator["${key}"], dtype=p.dtype, device=p.device)`,
    where: 'torch.where',
    ceil: 'torch.ceil',
    clip: (v, lo, hi) => `${v}.clamp(${lo}, ${hi})`,
    toFloat: (mask) => `(${mask}).double()`,
    index: (m) => `${m}.long() - 1`,
    // numpy.interp: linear between the points, the end values outside them.
    interp: [
      'x = torch.tensor(calibrator["x"], dtype=p.dtype, device=p.device)',
      'y = torch.tensor(calibrator["y"], dtype=p.dtype, device=p.device)',
      'hi = torch.searchsorted(x, c, right=True).clamp(1, max(len(x) - 1, 1)).clamp(max=len(x) - 1)',
      'lo = (hi - 1).clamp(min=0)',
      'run = torch.where(x[hi] > x[lo], x[hi] - x[lo], torch.ones_like(c))',
      'new = y[lo] + (y[hi] - y[lo]) * (c - x[lo]) / run',
      'new = torch.where(c <= x[0], y[0], torch.where(c >= x[-1], y[-1], new))',
    ].join('\n'),
    scatter: 'out = out.scatter(1, top[:, None], new[:, None])',
  },
  jax: {
    imports:
      'import json\nimport jax\nimport jax.numpy as jnp\n\njax.config.update("jax_enable_x64", True)  # float64, as the calibrator was fitted',
    signature: 'def calibrate(logits):',
    float: 'jnp.asarray(logits, dtype=jnp.float64)',
    softmax: (z) => `p = jax.nn.softmax(${z}, axis=1)`,
    top: 'rows = jnp.arange(p.shape[0])\ntop = p.argmax(axis=1)\nc = p[rows, top]',
    sum: 'p.sum(axis=1)',
    table: (key) => `jnp.asarray(calibrator["${key}"], dtype=jnp.float64)`,
    where: 'jnp.where',
    ceil: 'jnp.ceil',
    clip: (v, lo, hi) => `jnp.clip(${v}, ${lo}, ${hi})`,
    toFloat: (mask) => `(${mask}).astype(jnp.float64)`,
    index: (m) => `${m}.astype(jnp.int64) - 1`,
    interp: 'new = jnp.interp(c, jnp.asarray(calibrator["x"]), jnp.asarray(calibrator["y"]))',
    scatter: 'out = out.at[rows, top].set(new)',
  },
};

const METHOD_NAMES: Record<Calibrator['method'], string> = {
  temperature: 'temperature scaling',
  histogram: 'histogram binning',
  isotonic: 'isotonic regression',
};

/** The lines for one framework: load the JSON, then `calibrate(logits)` → calibrated probabilities. */
export function calibratorSnippet(calibrator: Calibrator, framework: SnippetFramework, jsonName: string): string {
  const d = DIALECTS[framework];
  const body: string[] = [];
  if (calibrator.method === 'temperature') {
    body.push(d.softmax(`${d.float} / calibrator["temperature"]`), 'return p');
  } else {
    body.push(d.softmax(d.float), d.top);
    if (calibrator.method === 'histogram') {
      // Guo's right-closed equal-width bins: bin m holds (m−1)/M < c ≤ m/M, bin 1 holds 0 too.
      body.push(
        'bins = calibrator["bins"]',
        `m = ${d.clip(`${d.ceil}(c * bins)`, '1', 'bins')}`,
        `m = m - ${d.toFloat('(m > 1) & (c <= (m - 1) / bins)')}`,
        `m = m + ${d.toFloat('(m < bins) & (c > m / bins)')}`,
        `new = ${d.table('values')}[${d.index('m')}]`,
      );
    } else {
      body.push(d.interp);
    }
    body.push(
      `rest = ${d.sum} - c`,
      `share = ${d.where}(rest > 0, (1 - new) / ${d.where}(rest > 0, rest, 1.0), 0.0)`,
      'even = (1 - new) / (p.shape[1] - 1)',
      `out = ${d.where}((rest > 0)[:, None], p * share[:, None], even[:, None])`,
      d.scatter,
      'return out',
    );
  }
  const lines = body.join('\n').split('\n');
  return [
    d.imports,
    '',
    `with open(${JSON.stringify(jsonName)}) as f:`,
    '    calibrator = json.load(f)',
    '',
    '',
    d.signature,
    `    """${METHOD_NAMES[calibrator.method]} (γ-CE calibrator): calibrated probabilities from logits (N, ${calibrator.classes})."""`,
    ...lines.map((line) => `    ${line}`),
    '',
  ].join('\n');
}
