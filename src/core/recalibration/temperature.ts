/**
 * Post-hoc temperature scaling (Guo et al. 2017): the T > 0 that minimises the NLL of softmax(z/T)
 * on held-out logits, found in float64 by golden-section search on log T ∈ [log 0.01, log 100]
 * (the NLL is convex in 1/T, hence unimodal in log T).
 */
export const TEMPERATURE_RANGE = [0.01, 100] as const;

export function fitTemperature(logits: ArrayLike<number>, labels: ArrayLike<number>, classes: number): number {
  const nll = (logT: number) => temperedNll(logits, labels, classes, Math.exp(logT));
  let lo = Math.log(TEMPERATURE_RANGE[0]);
  let hi = Math.log(TEMPERATURE_RANGE[1]);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = nll(a);
  let fb = nll(b);
  for (let i = 0; i < 80; i++) {
    if (fa <= fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = nll(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = nll(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}

export function temperedNll(
  logits: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
  temperature: number,
): number {
  const rows = labels.length;
  let total = 0;
  for (let i = 0; i < rows; i++) {
    let max = -Infinity;
    for (let k = 0; k < classes; k++) max = Math.max(max, logits[i * classes + k] / temperature);
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += Math.exp(logits[i * classes + k] / temperature - max);
    total += max + Math.log(sum) - logits[i * classes + labels[i]] / temperature;
  }
  return total / rows;
}

/** Row-wise softmax(z / T) in float64. */
export function softmaxWithTemperature(
  logits: ArrayLike<number>,
  rows: number,
  classes: number,
  temperature = 1,
): Float64Array {
  const out = new Float64Array(rows * classes);
  for (let i = 0; i < rows; i++) {
    let max = -Infinity;
    for (let k = 0; k < classes; k++) max = Math.max(max, logits[i * classes + k] / temperature);
    let sum = 0;
    for (let k = 0; k < classes; k++) {
      const e = Math.exp(logits[i * classes + k] / temperature - max);
      out[i * classes + k] = e;
      sum += e;
    }
    for (let k = 0; k < classes; k++) out[i * classes + k] /= sum;
  }
  return out;
}
