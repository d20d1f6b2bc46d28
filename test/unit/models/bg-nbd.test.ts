import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import {
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdNextPurchase,
  bgNbdProbabilityAlive,
  bgNbdProbabilityPurchaseWithin,
  bgNbdTotalLogLikelihood,
  fitBgNbd,
} from '../../../src/engine/models/clv/bg-nbd';
import { summariseTransactions } from '../../../src/engine/models/clv/summary';
import { readCdnowSampleTransactions, readCdnowSummary, toDigits } from './cdnow';
import { bgNbdLikelihoodDirect } from './direct';

describe('fitBgNbd on CDNOW (Fader, Hardie & Lee 2005)', () => {
  const summary = readCdnowSummary();
  const fit = fitBgNbd(summary);

  it('reproduces r 0.243, α 4.414, a 0.793, b 2.426 and log-likelihood −9582.4 digit for digit', () => {
    expect(toDigits(fit.r, 3)).toBe('0.243');
    expect(toDigits(fit.alpha, 3)).toBe('4.414');
    expect(toDigits(fit.a, 3)).toBe('0.793');
    expect(toDigits(fit.b, 3)).toBe('2.426');
    expect(toDigits(fit.logLikelihood, 1)).toBe('-9582.4');
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeGreaterThan(0);
  });

  it('is a maximum: every nearby parameter set has a lower likelihood', () => {
    const base = bgNbdTotalLogLikelihood(fit, summary);
    expect(base).toBeCloseTo(fit.logLikelihood, 6);
    // The fit's grouped, cached sum is the plain per-customer sum.
    expect(summary.reduce((s, r) => s + bgNbdLogLikelihood(fit, r.x, r.tx, r.T), 0)).toBeCloseTo(base, 7);
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      for (const f of [0.99, 1.01]) expect(bgNbdTotalLogLikelihood({ ...fit, [key]: fit[key] * f }, summary)).toBeLessThan(base);
    }
  });

  it('for x = 2, t_x = 30.43, T = 38.86: 1.226 purchases expected in the next 39 weeks and P(alive) 0.727', () => {
    expect(toDigits(bgNbdConditionalExpectedPurchases(fit, 39, 2, 30.43, 38.86), 3)).toBe('1.226');
    expect(toDigits(bgNbdProbabilityAlive(fit, 2, 30.43, 38.86), 3)).toBe('0.727');
  });

  it('gives the same estimates from the summary we compute from the raw sample transactions', () => {
    const own = fitBgNbd(summariseTransactions(readCdnowSampleTransactions(), { calibrationEnd: '1997-09-30', unit: 'weeks' }));
    expect([own.r, own.alpha, own.a, own.b].map((v) => toDigits(v, 3))).toEqual(['0.243', '4.414', '0.793', '2.426']);
    expect(toDigits(own.logLikelihood, 1)).toBe('-9582.4');
  });
});

describe('BG/NBD likelihood', () => {
  it('agrees with the plain product-of-gammas formula on small inputs', () => {
    const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    for (const [x, tx, T] of [
      [0, 0, 38.86],
      [1, 1.71, 38.86],
      [2, 30.43, 38.86],
      [7, 20, 25],
      [3, 5, 5],
    ] as const) {
      const direct = bgNbdLikelihoodDirect(params.r, params.alpha, params.a, params.b, x, tx, T);
      expect(Math.abs(Math.exp(bgNbdLogLikelihood(params, x, tx, T)) / direct - 1)).toBeLessThan(1e-12);
    }
  });

  it('stays finite where the direct formula overflows (a customer with 400 repeat purchases)', () => {
    const ll = bgNbdLogLikelihood({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 400, 500, 520);
    expect(Number.isFinite(ll)).toBe(true);
    expect(Number.isFinite(bgNbdLikelihoodDirect(0.243, 4.414, 0.793, 2.426, 400, 500, 520))).toBe(false);
  });
});

describe('BG/NBD predictions', () => {
  const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

  it('a brand-new customer (x = 0, t_x = 0, T = 0) is expected to buy E[X(t)]', () => {
    for (const t of [1, 10, 39, 78, 500]) expect(bgNbdConditionalExpectedPurchases(p, t, 0, 0, 0)).toBeCloseTo(bgNbdExpectedPurchases(p, t), 12);
  });

  it('E[X(t)] starts at the mean purchase rate r/α and grows more slowly later', () => {
    expect(bgNbdExpectedPurchases(p, 1e-4) / 1e-4).toBeCloseTo(p.r / p.alpha, 4);
    const values = [1, 2, 4, 8, 16, 32, 64, 128].map((t) => bgNbdExpectedPurchases(p, t));
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1] as number);
    expect(values[7]! / 128).toBeLessThan(values[0]!);
  });

  it('P(alive) is 1 without repeat purchases and falls with time since the last purchase', () => {
    expect(bgNbdProbabilityAlive(p, 0, 0, 38)).toBe(1);
    expect(bgNbdProbabilityAlive(p, 3, 30, 38)).toBeGreaterThan(bgNbdProbabilityAlive(p, 3, 10, 38));
  });

  it('is smooth through a = 1, where the formulas are 0/0', () => {
    const near = (a: number): number => bgNbdConditionalExpectedPurchases({ ...p, a }, 39, 2, 30.43, 38.86);
    expect(Number.isFinite(near(1))).toBe(true);
    expect(near(1)).toBeCloseTo((near(0.999) + near(1.001)) / 2, 6);
    expect(bgNbdExpectedPurchases({ ...p, a: 1 }, 39)).toBeCloseTo((bgNbdExpectedPurchases({ ...p, a: 0.999 }, 39) + bgNbdExpectedPurchases({ ...p, a: 1.001 }, 39)) / 2, 6);
  });

  it('next purchase: half of alive customers like this one have bought by the median, so P(bought by then) = P(alive)/2', () => {
    const next = bgNbdNextPurchase(p, 2, 30.43, 38.86);
    expect(next.probabilityAlive).toBeCloseTo(0.727, 3);
    expect(bgNbdProbabilityPurchaseWithin(p, next.medianIfAlive, 2, 30.43, 38.86)).toBeCloseTo(next.probabilityAlive / 2, 12);
    expect(next.probabilityByMedian).toBeCloseTo(next.probabilityAlive / 2, 12);
    // Posterior rate Gamma(r + x, α + T): the mean waiting time is (α + T)/(r + x − 1).
    expect(next.meanIfAlive).toBeCloseTo((p.alpha + 38.86) / (p.r + 2 - 1), 10);
    expect(bgNbdNextPurchase(p, 0, 0, 38.86).meanIfAlive).toBeNull();
  });
});

describe('fitBgNbd refuses data it cannot learn from, with a plain message and never NaN', () => {
  const expectBadInput = (rows: Array<{ x: number; tx: number; T: number }>, message: RegExp): void => {
    try {
      fitBgNbd(rows);
      expect.unreachable('fitBgNbd should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('bad-input');
      expect((error as AppError).message).toMatch(message);
    }
  };

  it('fewer than 20 customers', () => {
    expectBadInput(readCdnowSummary().slice(0, 12), /at least 20 customers; there are only 12/);
  });

  it('no repeat buyers', () => {
    expectBadInput(Array.from({ length: 50 }, (_, i) => ({ x: 0, tx: 0, T: 10 + i })), /repeat purchases from at least 10 customers; there are none/);
  });

  it('one day of history: everyone first bought on the calibration end date', () => {
    expectBadInput(Array.from({ length: 50 }, () => ({ x: 0, tx: 0, T: 0 })), /more than one day of purchase history/);
  });

  it('too few repeat buyers', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ x: i < 3 ? 1 : 0, tx: i < 3 ? 2 : 0, T: 10 }));
    expectBadInput(rows, /repeat purchases from at least 10 customers; there are only 3/);
  });

  it('an impossible row, named by its number', () => {
    const rows = readCdnowSummary();
    rows[4] = { ...rows[4]!, tx: 50 };
    expectBadInput(rows, /Row 5: recency t_x must lie between 0 and the age T/);
  });
});
