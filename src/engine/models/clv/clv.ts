import { AppError } from '../../../shared/errors';
import type { RfmRow } from './fit-data';
import { DAYS_PER_UNIT, type TimeUnit } from './summary';
import type { TransactionModel } from './transaction-model';

/**
 * Customer lifetime value as `lifetimes`' `customer_lifetime_value` computes it: for each month m = 1..M of the
 * horizon, the purchases the model expects in that month (the difference of the cumulative conditional
 * expectations at the month's end and start) times the customer's expected spend, discounted by (1 + d)^m.
 * A month is 365.25/12 days (lifetimes rounds it to 30 days or 4.345 weeks; the difference is under 1.5 %).
 */

export type DiscountRate = { rate: number; per: 'month' | 'year' };

export type ClvOptions = {
  /** Horizon in months. */
  months: number;
  /** Discount rate per month, or per year (converted to the equivalent monthly rate). */
  discount: DiscountRate;
  /** The time unit the model was fitted in. */
  unit: TimeUnit;
  /** Length of a month in that unit, to match another tool's convention (default 365.25/12 days). */
  monthLength?: number;
};

export const DAYS_PER_MONTH = 365.25 / 12;

/** The monthly rate equivalent to `discount`: (1 + annual)^(1/12) − 1 for an annual rate. */
export function monthlyDiscountRate(discount: DiscountRate): number {
  if (!Number.isFinite(discount.rate) || discount.rate < 0 || discount.rate >= 10) {
    throw new AppError('bad-input', `The discount rate must be a number from 0 up to 10 (1000 %); got ${discount.rate}.`, { field: 'discountRate' });
  }
  return discount.per === 'month' ? discount.rate : Math.expm1(Math.log1p(discount.rate) / 12);
}

/** Σ_m [E[Y(m)] − E[Y(m−1)]] / (1 + d)^m: the discounted purchases over the horizon, per unit of spend. */
export function discountedPurchases(model: TransactionModel, row: RfmRow, options: ClvOptions): number {
  const months = checkMonths(options.months);
  const monthly = monthlyDiscountRate(options.discount);
  const monthLength = monthLengthIn(options);
  let value = 0;
  let before = 0;
  for (let m = 1; m <= months; m++) {
    const upTo = model.conditionalExpectedPurchases(m * monthLength, row.x, row.tx, row.T);
    value += (upTo - before) / Math.pow(1 + monthly, m);
    before = upTo;
  }
  return value;
}

/** Discounted expected value of one customer over the horizon, given their expected spend per purchase. */
export function customerLifetimeValue(model: TransactionModel, row: RfmRow, expectedSpend: number, options: ClvOptions): number {
  return expectedSpend * discountedPurchases(model, row, options);
}

export type ClvRow = { id: string; probabilityAlive: number; expectedPurchases: number; expectedSpend: number; clv: number };

/** Per-customer CLV rows: P(alive), expected purchases over the horizon, expected spend and discounted value. */
export function lifetimeValues<T extends RfmRow & { id: string }>(
  model: TransactionModel,
  rows: readonly T[],
  expectedSpend: (row: T) => number,
  options: ClvOptions,
): ClvRow[] {
  const months = checkMonths(options.months);
  monthlyDiscountRate(options.discount);
  const horizon = months * monthLengthIn(options);
  // Customers with the same (x, t_x, T) share everything but their spend: evaluate the model once per triple.
  const cache = new Map<string, { alive: number; purchases: number; discounted: number }>();
  return rows.map((row) => {
    const key = `${row.x}|${row.tx}|${row.T}`;
    let c = cache.get(key);
    if (!c) {
      c = {
        alive: model.probabilityAlive(row.x, row.tx, row.T),
        purchases: model.conditionalExpectedPurchases(horizon, row.x, row.tx, row.T),
        discounted: discountedPurchases(model, row, options),
      };
      cache.set(key, c);
    }
    const spend = expectedSpend(row);
    return { id: row.id, probabilityAlive: c.alive, expectedPurchases: c.purchases, expectedSpend: spend, clv: spend * c.discounted };
  });
}

function monthLengthIn(options: ClvOptions): number {
  const length = options.monthLength ?? DAYS_PER_MONTH / DAYS_PER_UNIT[options.unit];
  if (!Number.isFinite(length) || length <= 0) throw new AppError('bad-input', `A month must have a positive length; got ${length}.`, { field: 'monthLength' });
  return length;
}

function checkMonths(months: number): number {
  if (!Number.isInteger(months) || months < 1 || months > 600) {
    throw new AppError('bad-input', `The horizon must be a whole number of months from 1 to 600; got ${months}.`, { field: 'horizon' });
  }
  return months;
}
