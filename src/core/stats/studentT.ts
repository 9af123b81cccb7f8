/**
 * Student's t distribution: the upper tail and the quantile function, in float64 to about 1e-13
 * relative for the degrees of freedom an interval over seeds needs (checked against
 * scipy.stats.t.ppf in test/unit/statsStudentT.test.ts).
 */

// Lanczos approximation, g = 7, nine terms (Godfrey): |error| < 2e-15 in log Γ.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(lanczosSum(z));
}

function lanczosSum(z: number): number {
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
  return sum;
}

/**
 * log Γ(a + ½) − log Γ(a), without the cancellation of two large log Γ for large a: the Lanczos
 * forms' (a − ½)·log t₁ − a·log t₂ with t₂ = t₁ + ½ become −(a − ½)·log1p(½/t₁) − ½·log t₂.
 */
function logGammaHalfRatio(a: number): number {
  if (a < 0.5) return logGamma(a + 0.5) - logGamma(a);
  const t1 = a - 1 + LANCZOS_G + 0.5;
  const t2 = t1 + 0.5;
  return (
    (a - 0.5) * Math.log1p(0.5 / t1) + 0.5 * Math.log(t2) - 0.5 + Math.log(lanczosSum(a - 0.5) / lanczosSum(a - 1))
  );
}

/** log B(a, ½) = log Γ(a) + log Γ(½) − log Γ(a + ½). */
function logBetaHalf(a: number): number {
  return 0.5 * Math.log(Math.PI) - logGammaHalfRatio(a);
}

/**
 * The regularised incomplete beta I_x(a, b) from its continued fraction (modified Lentz), given
 * log x, log(1 − x) and log B(a, b) so that neither end loses digits. Valid where x < (a + 1)/(a + b + 2).
 */
function incompleteBetaFraction(
  x: number,
  logX: number,
  log1mX: number,
  a: number,
  b: number,
  logBeta: number,
): number {
  const tiny = 1e-300;
  const front = Math.exp(a * logX + b * log1mX - logBeta) / a;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let f = d;
  for (let m = 1; m <= 10_000; m++) {
    for (const step of [0, 1]) {
      const coefficient =
        step === 0
          ? (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m))
          : -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
      d = 1 + coefficient * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + coefficient / c;
      if (Math.abs(c) < tiny) c = tiny;
      f *= c * d;
      if (step === 1 && Math.abs(c * d - 1) < 1e-16) return front * f;
    }
  }
  return front * f;
}

/** P(T > t) for t ≥ 0 and ν > 0 degrees of freedom. */
export function studentTUpperTail(t: number, nu: number): number {
  if (t === Infinity) return 0;
  // x = ν/(ν + t²) and 1 − x = t²/(ν + t²), each from its own logs.
  const logNuPlusT2 = t > 1e150 ? 2 * Math.log(t) + Math.log1p(nu / (t * t)) : Math.log(nu + t * t);
  const logX = Math.log(nu) - logNuPlusT2;
  const log1mX = 2 * Math.log(t) - logNuPlusT2;
  const x = Math.exp(logX);
  const a = nu / 2;
  const logBeta = logBetaHalf(a);
  if (x < (a + 1) / (a + 2.5)) return incompleteBetaFraction(x, logX, log1mX, a, 0.5, logBeta) / 2;
  return (1 - incompleteBetaFraction(Math.exp(log1mX), log1mX, logX, 0.5, a, logBeta)) / 2;
}

function studentTDensity(t: number, nu: number): number {
  const logKernel = t > 1e150 ? 2 * Math.log(t) - Math.log(nu) + Math.log1p(nu / (t * t)) : Math.log1p((t * t) / nu);
  return Math.exp(logGammaHalfRatio(nu / 2) - 0.5 * Math.log(nu * Math.PI) - ((nu + 1) / 2) * logKernel);
}

/**
 * The p-quantile of Student's t with ν degrees of freedom (scipy.stats.t.ppf(p, ν)). Solves
 * log P(T > t) = log τ for the smaller tail τ by Newton's method on t, kept inside a bracket.
 */
export function studentTQuantile(p: number, nu: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`a quantile needs a probability in (0, 1), got ${p}`);
  if (!(nu > 0) || !Number.isFinite(nu)) throw new RangeError(`Student's t needs degrees of freedom > 0, got ${nu}`);
  if (p === 0.5) return 0;
  const tail = Math.min(p, 1 - p);
  const logTail = Math.log(tail);
  const f = (t: number) => Math.log(studentTUpperTail(t, nu)) - logTail;
  let lo = 0;
  let hi = 1;
  while (f(hi) > 0) {
    lo = hi;
    hi *= 2;
  }
  let t = lo === 0 ? hi / 2 : Math.sqrt(lo * hi);
  for (let i = 0; i < 200; i++) {
    const value = f(t);
    if (value > 0) lo = t;
    else hi = t;
    if (value === 0) break;
    // d/dt log Q(t) = −density(t)/Q(t)
    const slope = -studentTDensity(t, nu) / studentTUpperTail(t, nu);
    let next = t - value / slope;
    if (!(next > lo && next < hi)) next = lo === 0 ? hi / 2 : Math.sqrt(lo * hi);
    if (Math.abs(next - t) <= 1e-15 * t) {
      t = next;
      break;
    }
    t = next;
  }
  return p > 0.5 ? t : -t;
}
