import * as assert from 'assert';
import { logGamma, studentTQuantile, studentTUpperTail } from '../../src/core/stats/studentT';
import { assertClose, readJson } from './helpers';

interface QuantileCase {
  p: number;
  df: number;
  scipy: number;
  mpmath: number;
}

const { quantiles } = readJson<{ quantiles: QuantileCase[] }>('reference', 'stats.json');

describe('Student t quantile (test/python/stats_reference.py)', () => {
  it(`matches 40-digit mpmath to 1e-12 relative on ${quantiles.length} (p, ν) pairs, tails down to 1e-10`, () => {
    for (const c of quantiles)
      assertClose(studentTQuantile(c.p, c.df), c.mpmath, { rtol: 1e-12 }, `t(${c.p}, ${c.df})`);
  });

  it('matches scipy.stats.t.ppf to 1e-10 wherever scipy itself is within 1e-11 of mpmath', () => {
    const trusted = quantiles.filter((c) => Math.abs(c.scipy - c.mpmath) <= 1e-11 * Math.abs(c.mpmath));
    assert.ok(trusted.length > quantiles.length / 2, `${trusted.length} of ${quantiles.length} pairs`);
    for (const c of trusted) assertClose(studentTQuantile(c.p, c.df), c.scipy, { rtol: 1e-10 }, `t(${c.p}, ${c.df})`);
  });

  it('matches scipy.stats.t.ppf everywhere to scipy 1.10’s own accuracy (5e-9)', () => {
    for (const c of quantiles) assertClose(studentTQuantile(c.p, c.df), c.scipy, { rtol: 5e-9 }, `t(${c.p}, ${c.df})`);
  });

  it('has the closed forms of ν = 1 and ν = 2, and is odd about p = 1/2', () => {
    for (const p of [0.6, 0.9, 0.975, 0.999]) {
      assertClose(studentTQuantile(p, 1), 1 / Math.tan(Math.PI * (1 - p)), { rtol: 1e-14 }, `ν=1, p=${p}`);
      assertClose(studentTQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)), { rtol: 1e-14 }, `ν=2, p=${p}`);
      assert.strictEqual(studentTQuantile(1 - p, 7), -studentTQuantile(p, 7));
    }
    assert.strictEqual(studentTQuantile(0.5, 3), 0);
    assertClose(studentTUpperTail(0, 5), 0.5, { rtol: 1e-15 });
  });

  it('log Γ agrees with factorials and Γ(1/2) = √π', () => {
    assertClose(logGamma(0.5), 0.5 * Math.log(Math.PI), { atol: 1e-15 });
    for (let n = 1; n <= 20; n++) {
      let f = 1;
      for (let k = 2; k < n; k++) f *= k;
      assertClose(logGamma(n), Math.log(f), { atol: 2e-14, rtol: 1e-14 }, `Γ(${n})`);
    }
  });

  it('refuses probabilities outside (0, 1) and degrees of freedom ≤ 0', () => {
    assert.throws(() => studentTQuantile(1, 3), /probability in \(0, 1\), got 1/);
    assert.throws(() => studentTQuantile(0.975, 0), /degrees of freedom > 0, got 0/);
  });
});
