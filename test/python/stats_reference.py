"""References for src/core/stats (test/unit/statsStudentT.test.ts, statsSummary.test.ts).

Student t quantiles from scipy.stats.t.ppf and, to 40 digits, by root-finding on mpmath's regularised
incomplete beta (scipy 1.10's ppf is off by up to ~5e-9 relative on this grid, so the tight check is
against mpmath); intervals over seeds mean ± t(0.975, n − 1)·sd/√n with NumPy's mean and sd
(ddof = 1), beside scipy.stats.t.interval. Run with Debian's interpreter:
    /usr/bin/python3 test/python/stats_reference.py
It rewrites test/fixtures/reference/stats.json; the tests read it and need no Python.
"""
import json
import os

import mpmath
import numpy as np
from scipy import stats

OUT = os.path.join(os.path.dirname(__file__), '..', 'fixtures', 'reference', 'stats.json')
PROBABILITIES = [1e-10, 1e-6, 0.001, 0.01, 0.025, 0.05, 0.1, 0.3, 0.49, 0.51, 0.6, 0.8, 0.9, 0.95, 0.975, 0.99,
                 0.995, 0.999, 0.999999]
DEGREES = list(range(1, 31)) + [2.5, 7.3, 40, 60, 100, 1000]


def mp_quantile(p, nu):
    mpmath.mp.dps = 40
    tail = min(mpmath.mpf(p), 1 - mpmath.mpf(p))
    n = mpmath.mpf(nu)

    def upper(t):
        return mpmath.betainc(n / 2, mpmath.mpf(1) / 2, 0, n / (n + t * t), regularized=True) / 2 - tail

    t = mpmath.findroot(upper, mpmath.mpf(abs(stats.t.ppf(p, nu))))
    return float(t if p > 0.5 else -t)


def quantiles():
    return [{'p': p, 'df': nu, 'scipy': float(stats.t.ppf(p, nu)), 'mpmath': mp_quantile(p, nu)}
            for p in PROBABILITIES for nu in DEGREES]


def interval(values):
    x = np.asarray(values, dtype=np.float64)
    n = len(x)
    mean, sd = float(x.mean()), float(x.std(ddof=1))
    half = mp_quantile(0.975, n - 1) * sd / np.sqrt(n)
    low, high = stats.t.interval(0.95, n - 1, loc=mean, scale=sd / np.sqrt(n))
    return {'values': x.tolist(), 'mean': mean, 'sd': sd, 'low': mean - half, 'high': mean + half,
            'scipyLow': float(low), 'scipyHigh': float(high)}


def intervals():
    rng = np.random.default_rng(13)
    samples = [[0.844, 0.851, 0.839, 0.862, 0.847], [0.25, 0.31], [1e-3, 2e-3, 1.5e-3, 9e-4],
               (rng.normal(0.1, 0.02, size=20)).tolist(), (rng.normal(-0.2, 0.1, size=7)).tolist()]
    return [interval(s) for s in samples]


def main():
    with open(OUT, 'w') as f:
        json.dump({'quantiles': quantiles(), 'intervals': intervals()}, f)


if __name__ == '__main__':
    main()
