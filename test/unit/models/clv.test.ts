import { describe, expect, it } from 'vitest';
import { bgNbdModel, fitBgNbd } from '../../../src/engine/models/clv/bg-nbd';
import { customerLifetimeValue, lifetimeValues, monthlyDiscountRate } from '../../../src/engine/models/clv/clv';
import { fitGammaGamma, gammaGammaExpectedSpend } from '../../../src/engine/models/clv/gamma-gamma';
import type { TransactionModel } from '../../../src/engine/models/clv/transaction-model';
import { readCdnowSummaryWithSpend } from './cdnow';

describe('customer lifetime value', () => {
  const rows = readCdnowSummaryWithSpend();
  const bg = fitBgNbd(rows);
  const gg = fitGammaGamma(rows);
  const model = bgNbdModel(bg);
  const spend = (r: { x: number; monetary: number }): number => gammaGammaExpectedSpend(gg, r.x, r.monetary) as number;

  it("matches the lifetimes documentation's CDNOW example (12 months, 1 % a month, its 30-period month)", () => {
    // lifetimes' docs call customer_lifetime_value(bgf, …, time=12, discount_rate=0.01) with the default freq='D'
    // on this weekly summary, so its "month" is 30 weeks; its printed values are 140.096218, 18.943466, 38.180575.
    const options = { months: 12, discount: { rate: 0.01, per: 'month' as const }, unit: 'weeks' as const, monthLength: 30 };
    const [c1, c2, c3] = rows.slice(0, 3).map((r) => customerLifetimeValue(model, r, spend(r), options));
    expect(c1?.toFixed(3)).toBe('140.096');
    expect(c2?.toFixed(3)).toBe('18.943');
    expect(c3?.toFixed(3)).toBe('38.181');
  });

  it('is the discounted sum of the monthly expected purchases times expected spend', () => {
    const r = rows[0]!;
    const options = { months: 6, discount: { rate: 0.02, per: 'month' as const }, unit: 'weeks' as const };
    const month = 365.25 / 12 / 7;
    let want = 0;
    for (let m = 1; m <= 6; m++) {
      const inMonth = model.conditionalExpectedPurchases(m * month, r.x, r.tx, r.T) - model.conditionalExpectedPurchases((m - 1) * month, r.x, r.tx, r.T);
      want += (spend(r) * inMonth) / 1.02 ** m;
    }
    expect(customerLifetimeValue(model, r, spend(r), options)).toBeCloseTo(want, 10);
  });

  it('without discounting equals expected purchases over the horizon times spend; discounting lowers it', () => {
    const [row] = lifetimeValues(model, rows.slice(0, 1), spend, { months: 24, discount: { rate: 0, per: 'month' }, unit: 'weeks' });
    expect(row!.clv).toBeCloseTo(row!.expectedPurchases * row!.expectedSpend, 10);
    expect(row!.probabilityAlive).toBeCloseTo(model.probabilityAlive(2, 30.43, 38.86), 12);
    const [discounted] = lifetimeValues(model, rows.slice(0, 1), spend, { months: 24, discount: { rate: 0.1, per: 'year' }, unit: 'weeks' });
    expect(discounted!.clv).toBeLessThan(row!.clv);
  });

  it('an annual rate is converted to the equivalent monthly rate', () => {
    expect((1 + monthlyDiscountRate({ rate: 0.12, per: 'year' })) ** 12).toBeCloseTo(1.12, 14);
    expect(monthlyDiscountRate({ rate: 0.01, per: 'month' })).toBe(0.01);
    expect(() => monthlyDiscountRate({ rate: -0.1, per: 'month' })).toThrow(/discount rate/);
  });

  it('gives the same value in days as in weeks for the same history', () => {
    const weeks: TransactionModel = model;
    const days = bgNbdModel({ ...bg, alpha: bg.alpha * 7 });
    const r = rows[0]!;
    const inWeeks = customerLifetimeValue(weeks, r, 30, { months: 12, discount: { rate: 0.01, per: 'month' }, unit: 'weeks' });
    const inDays = customerLifetimeValue(days, { x: r.x, tx: r.tx * 7, T: r.T * 7 }, 30, { months: 12, discount: { rate: 0.01, per: 'month' }, unit: 'days' });
    expect(inDays).toBeCloseTo(inWeeks, 9);
  });

  it('refuses a horizon that is not a whole number of months', () => {
    expect(() => lifetimeValues(model, rows.slice(0, 1), spend, { months: 0, discount: { rate: 0, per: 'month' }, unit: 'weeks' })).toThrow(/whole number of months/);
  });
});
