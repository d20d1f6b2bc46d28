import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import {
  fitParetoNbd,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdExpectedPurchases,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
  paretoNbdTotalLogLikelihood,
} from '../../../src/engine/models/clv/pareto-nbd';
import { summariseTransactions } from '../../../src/engine/models/clv/summary';
import { readCdnowSampleTransactions, readCdnowSummary, toDigits } from './cdnow';
import { paretoNbdLikelihoodDirect } from './direct';

describe('fitParetoNbd on CDNOW (Fader, Hardie & Lee 2005)', () => {
  const summary = readCdnowSummary();
  const fit = fitParetoNbd(summary);

  it('reproduces r 0.553, α 10.578, s 0.606 and log-likelihood −9595.0 from the published summary file', () => {
    expect(toDigits(fit.r, 3)).toBe('0.553');
    expect(toDigits(fit.alpha, 3)).toBe('10.578');
    expect(toDigits(fit.s, 3)).toBe('0.606');
    expect(toDigits(fit.logLikelihood, 1)).toBe('-9595.0');
    expect(fit.converged).toBe(true);
  });

  it('β is 11.668 on the file, 0.001 under the published 11.669: the file rounds t_x and T to 0.01 weeks', () => {
    // SciPy's Nelder-Mead on the same file, with scipy.special.hyp2f1, lands on 11.66791 too: the file's own MLE.
    expect(fit.beta).toBeGreaterThan(11.6675);
    expect(fit.beta).toBeLessThan(11.6685);
  });

  it('reproduces all four published estimates digit for digit from the exact (unrounded) summary of the transactions', () => {
    const exact = fitParetoNbd(summariseTransactions(readCdnowSampleTransactions(), { calibrationEnd: '1997-09-30', unit: 'weeks' }));
    expect([toDigits(exact.r, 3), toDigits(exact.alpha, 3), toDigits(exact.s, 3), toDigits(exact.beta, 3)]).toEqual(['0.553', '10.578', '0.606', '11.669']);
    expect(toDigits(exact.logLikelihood, 1)).toBe('-9595.0');
  });

  it('is a maximum: every nearby parameter set has a lower likelihood', () => {
    const base = paretoNbdTotalLogLikelihood(fit, summary);
    expect(base).toBeCloseTo(fit.logLikelihood, 6);
    // The fit's indexed, cached sum is the plain per-customer sum.
    expect(summary.reduce((s, r) => s + paretoNbdLogLikelihood(fit, r.x, r.tx, r.T), 0)).toBeCloseTo(base, 7);
    for (const key of ['r', 'alpha', 's', 'beta'] as const) {
      for (const f of [0.99, 1.01]) expect(paretoNbdTotalLogLikelihood({ ...fit, [key]: fit[key] * f }, summary)).toBeLessThan(base);
    }
  });
});

describe('Pareto/NBD likelihood and predictions', () => {
  const p = { r: 0.5532769908210141, alpha: 10.577683176656716, s: 0.606239699613647, beta: 11.668729275694822 };

  it('agrees with the plain formula on small inputs, with α < β, α > β and α = β', () => {
    for (const params of [p, { ...p, alpha: 15, beta: 4 }, { ...p, beta: p.alpha }]) {
      for (const [x, tx, T] of [
        [0, 0, 38.86],
        [1, 1.71, 38.86],
        [2, 30.43, 38.86],
        [6, 20, 25],
        [3, 5, 5],
      ] as const) {
        const direct = paretoNbdLikelihoodDirect(params.r, params.alpha, params.s, params.beta, x, tx, T);
        expect(Math.abs(Math.exp(paretoNbdLogLikelihood(params, x, tx, T)) / direct - 1)).toBeLessThan(1e-11);
      }
    }
  });

  it('P(alive) and E[Y(39)] for x = 2, t_x = 30.43, T = 38.86 match a two-dimensional numerical integration over λ and μ', () => {
    // scipy.integrate.dblquad of the individual-level likelihood against the Gamma(r, α) × Gamma(s, β) prior.
    expect(paretoNbdProbabilityAlive(p, 2, 30.43, 38.86)).toBeCloseTo(0.8691157032873719, 10);
    expect(paretoNbdConditionalExpectedPurchases(p, 39, 2, 30.43, 38.86)).toBeCloseTo(1.4550989024822065, 9);
    expect(paretoNbdProbabilityAlive(p, 0, 0, 38.86)).toBeCloseTo(0.2950958755391882, 10);
    expect(paretoNbdConditionalExpectedPurchases(p, 39, 0, 0, 38.86)).toBeCloseTo(0.10705888939716787, 10);
  });

  it('a brand-new customer is expected to buy E[X(t)], and s = 1 (where the formula is 0/0) is handled', () => {
    for (const t of [1, 39, 500]) expect(paretoNbdConditionalExpectedPurchases(p, t, 0, 0, 0)).toBeCloseTo(paretoNbdExpectedPurchases(p, t), 10);
    const atOne = paretoNbdExpectedPurchases({ ...p, s: 1 }, 39);
    expect(atOne).toBeCloseTo(((p.r * p.beta) / p.alpha) * Math.log((p.beta + 39) / p.beta), 12);
    expect(atOne).toBeCloseTo((paretoNbdExpectedPurchases({ ...p, s: 0.9999 }, 39) + paretoNbdExpectedPurchases({ ...p, s: 1.0001 }, 39)) / 2, 7);
  });

  it('stays finite for heavy buyers and lopsided parameters, where ₂F₁ is evaluated near z = 1', () => {
    for (const params of [p, { r: 0.5, alpha: 500, s: 0.6, beta: 0.01 }, { r: 0.5, alpha: 0.01, s: 0.6, beta: 500 }]) {
      for (const [x, tx, T] of [
        [0, 0, 0.5],
        [150, 300, 310],
        [3, 0.01, 40],
      ] as const) {
        expect(Number.isFinite(paretoNbdLogLikelihood(params, x, tx, T))).toBe(true);
        const alive = paretoNbdProbabilityAlive(params, x, tx, T);
        expect(alive).toBeGreaterThanOrEqual(0);
        expect(alive).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('fitParetoNbd refuses data it cannot learn from', () => {
  it('throws bad-input naming what is needed', () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ x: 0, tx: 0, T: 5 + i }));
    expect(() => fitParetoNbd(rows)).toThrow(AppError);
    expect(() => fitParetoNbd(rows)).toThrow(/Pareto\/NBD needs repeat purchases from at least 10 customers; there are none/);
    expect(() => fitParetoNbd(readCdnowSummary().slice(0, 5))).toThrow(/at least 20 customers; there are only 5/);
  });
});
