/**
 * Isotonic regression of hits on the top-label confidence by pool-adjacent-violators: the
 * non-decreasing fit with least squared error, rows of equal confidence pooled first (as
 * scikit-learn's IsotonicRegression does). It is applied by linear interpolation between the
 * fitted points, clipped to the end values outside them (scikit-learn's out_of_bounds='clip').
 */
export interface IsotonicMap {
  /** Ascending confidences: the first and last of each pooled block. */
  x: number[];
  /** Fitted values at x (non-decreasing). */
  y: number[];
}

export function fitIsotonic(
  confidence: ArrayLike<number>,
  hit: ArrayLike<number>,
  rows?: ArrayLike<number>,
): IsotonicMap {
  const order = rows ? Array.from(rows) : Array.from({ length: confidence.length }, (_, i) => i);
  if (order.length === 0) throw new RangeError('isotonic regression needs at least one row');
  order.sort((a, b) => confidence[a] - confidence[b]);

  // Blocks of the stack: [first x, last x, Σ hits, weight]; ties enter as one weighted point.
  const lo: number[] = [];
  const hi: number[] = [];
  const sum: number[] = [];
  const weight: number[] = [];
  for (let j = 0; j < order.length;) {
    const x = confidence[order[j]];
    let s = 0;
    let w = 0;
    for (; j < order.length && confidence[order[j]] === x; j++) {
      s += hit[order[j]];
      w++;
    }
    lo.push(x);
    hi.push(x);
    sum.push(s);
    weight.push(w);
    // Pool while the last block's mean is below the one before it.
    while (sum.length > 1) {
      const b = sum.length - 1;
      if (sum[b - 1] * weight[b] <= sum[b] * weight[b - 1]) break;
      sum[b - 1] += sum[b];
      weight[b - 1] += weight[b];
      hi[b - 1] = hi[b];
      lo.pop();
      hi.pop();
      sum.pop();
      weight.pop();
    }
  }
  const x: number[] = [];
  const y: number[] = [];
  for (let b = 0; b < sum.length; b++) {
    const value = sum[b] / weight[b];
    x.push(lo[b]);
    y.push(value);
    if (hi[b] !== lo[b]) {
      x.push(hi[b]);
      y.push(value);
    }
  }
  return { x, y };
}

/** numpy.interp(c, x, y): linear between the fitted points, the end values outside them. */
export function applyIsotonic(map: IsotonicMap, c: number): number {
  const { x, y } = map;
  const last = x.length - 1;
  if (c <= x[0]) return y[0];
  if (c >= x[last]) return y[last];
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (x[mid] <= c) lo = mid;
    else hi = mid;
  }
  const slope = (y[hi] - y[lo]) / (x[hi] - x[lo]);
  return slope * (c - x[lo]) + y[lo];
}
