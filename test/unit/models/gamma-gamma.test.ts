import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { fitGammaGamma, gammaGammaExpectedSpend, gammaGammaLogLikelihood, spendFrequencyCorrelation } from '../../../src/engine/models/clv/gamma-gamma';
import { summariseTransactions } from '../../../src/engine/models/clv/summary';
import { readCdnowSampleTransactions, readCdnowSummaryWithSpend, toDigits } from './cdnow';
import { gammaGammaDensityDirect } from './direct';

describe('fitGammaGamma on the 946 CDNOW repeat customers (Fader, Hardie & Lee 2005; Fader & Hardie 2013)', () => {
  const rows = readCdnowSummaryWithSpend();
  const fit = fitGammaGamma(rows);

  it('uses exactly the 946 repeat customers and reproduces p 6.25, q 3.74 from the file’s mean-spend column', () => {
    expect(fit.customers).toBe(946);
    // The fit's cached sum is the plain per-customer sum of the public likelihood.
    const plain = rows.filter((r) => r.x > 0).reduce((s, r) => s + gammaGammaLogLikelihood(fit, r.x, r.monetary), 0);
    expect(fit.logLikelihood).toBeCloseTo(plain, 7);
    expect(toDigits(fit.p, 2)).toBe('6.25');
    expect(toDigits(fit.q, 2)).toBe('3.74');
    expect(fit.converged).toBe(true);
  });

  it('v is 15.448 on the file, 0.008 above the published 15.44: the file rounds mean spend to the cent', () => {
    // SciPy's Nelder-Mead on the same column lands on 15.44774 too: the column's own MLE.
    expect(fit.v).toBeGreaterThan(15.445);
    expect(fit.v).toBeLessThan(15.45);
  });

  it('reproduces p 6.25, q 3.74, v 15.44 digit for digit from the exact mean spends of the transactions', () => {
    const exact = fitGammaGamma(summariseTransactions(readCdnowSampleTransactions(), { calibrationEnd: '1997-09-30', unit: 'weeks' }));
    expect(exact.customers).toBe(946);
    expect([toDigits(exact.p, 2), toDigits(exact.q, 2), toDigits(exact.v, 2)]).toEqual(['6.25', '3.74', '15.44']);
  });

  it('expected spend shrinks a customer’s own mean towards the population mean, less so the more they bought', () => {
    expect(fit.populationMeanSpend).toBeCloseTo((fit.p * fit.v) / (fit.q - 1), 12);
    expect(gammaGammaExpectedSpend(fit, 0, 0)).toBeCloseTo(fit.populationMeanSpend!, 12);
    const population = fit.populationMeanSpend!;
    const one = gammaGammaExpectedSpend(fit, 1, 100)!;
    const ten = gammaGammaExpectedSpend(fit, 10, 100)!;
    expect(one).toBeGreaterThan(population);
    expect(ten).toBeGreaterThan(one);
    expect(ten).toBeLessThan(100);
    // Customer 1: x = 2, m̄ = 22.35 → p(v + x m̄)/(px + q − 1).
    expect(gammaGammaExpectedSpend(fit, 2, 22.35)).toBeCloseTo((fit.p * (fit.v + 2 * 22.35)) / (fit.p * 2 + fit.q - 1), 12);
  });

  it('the likelihood agrees with the plain density formula', () => {
    for (const [x, m] of [
      [1, 11.77],
      [2, 22.35],
      [5, 60.1],
    ] as const) {
      expect(Math.exp(gammaGammaLogLikelihood({ p: 6.25, q: 3.74, v: 15.44 }, x, m)) / gammaGammaDensityDirect(6.25, 3.74, 15.44, x, m)).toBeCloseTo(1, 11);
    }
  });

  it('checks the independence assumption: CDNOW’s correlation of frequency and spend is weak (0.11)', () => {
    const check = spendFrequencyCorrelation(rows);
    expect(check.customers).toBe(946);
    expect(check.correlation).toBeCloseTo(0.1139, 4);
    expect(check.verdict).toBe('weak');
    expect(check.message).toMatch(/weakly linked .* 0\.11/);
  });
});

describe('spend model guards', () => {
  it('flags a strong link between frequency and spend in plain words', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ x: 1 + (i % 10), monetary: 10 + 5 * (i % 10) + (i % 3) }));
    const check = spendFrequencyCorrelation(rows);
    expect(check.verdict).toBe('dependent');
    expect(check.message).toMatch(/buy more often spend more per purchase/);
  });

  it('refuses to fit on too few repeat customers, and never returns NaN', () => {
    expect(() => fitGammaGamma([{ x: 0, monetary: 0 }, { x: 1, monetary: 10 }])).toThrow(AppError);
    expect(() => fitGammaGamma(Array.from({ length: 30 }, () => ({ x: 0, monetary: 0 })))).toThrow(/at least 10 customers with repeat purchases of positive value; there are none/);
  });
});
