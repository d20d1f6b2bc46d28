import { AppError } from '../../../shared/errors';
import type { RfmRow } from './fit-data';

/**
 * The per-customer summary the buy-till-you-die models are fitted on, defined as in the literature and the
 * `lifetimes` library's `summary_data_from_transaction_data(..., freq='D', freq_multiplier=7 for weeks)`:
 * purchases on the same calendar day are one purchase (their values add up); x counts the repeat purchase days;
 * t_x is the time from the first to the last purchase day; T the time from the first purchase day to the end of
 * calibration; the monetary value is the mean of the repeat days' totals (the first purchase is left out, because
 * Gamma-Gamma models what a returning customer spends). Times are whole days divided by the unit's length, so
 * weeks are fractional, as in the published CDNOW summary.
 */

export type TimeUnit = 'days' | 'weeks';

/** A purchase: who, when (YYYY-MM-DD, or an ISO date-time whose first ten characters are the date), how much. */
export type Transaction = { customerId: string; date: string; value: number };

/** One customer's calibration summary, with the dates it came from. */
export type CustomerSummary = RfmRow & {
  id: string;
  /** Mean value of a repeat purchase day; 0 when there are none. */
  monetary: number;
  firstPurchase: string;
  lastPurchase: string;
};

/** A calibration summary plus what the customer actually did in the holdout window after it. */
export type CalibrationHoldoutRow = CustomerSummary & {
  /** Purchase days in (calibration end, observation end]. */
  holdoutPurchases: number;
  /** Mean value of those days; 0 when there are none. */
  holdoutMonetary: number;
  /** Length of the holdout window in the unit. */
  holdoutDuration: number;
};

export const DAYS_PER_UNIT: Record<TimeUnit, number> = { days: 1, weeks: 7 };

const MS_PER_DAY = 86_400_000;

/** Whole days since 1970-01-01 of a calendar date (YYYY-MM-DD…); null if it is not a real date. */
export function dayNumber(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2023-02-31 over to March; a date that does not survive the round trip is not a date.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.round(ms / MS_PER_DAY);
}

/** The calendar date (YYYY-MM-DD) of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function requireDay(date: string, field: string): number {
  const day = dayNumber(date);
  if (day === null) throw new AppError('bad-input', `${field} must be a calendar date written YYYY-MM-DD (got "${date}").`, { field });
  return day;
}

/** One customer's purchase days: day number → that day's total value. */
export type PurchaseDays = { id: string; days: Map<number, number> };
type Days = PurchaseDays;

/** Collapses transactions up to `lastDay` into each customer's purchase days, in first-seen order. */
export function purchaseDays(transactions: readonly Transaction[], lastDay: number): Map<string, Days> {
  const customers = new Map<string, Days>();
  transactions.forEach((t, i) => {
    const day = dayNumber(t.date);
    if (day === null) throw new AppError('bad-input', `Transaction ${i + 1}: "${t.date}" is not a calendar date (YYYY-MM-DD).`, { row: i + 1, field: 'date' });
    if (!Number.isFinite(t.value)) throw new AppError('bad-input', `Transaction ${i + 1}: the value must be a number.`, { row: i + 1, field: 'value' });
    if (day > lastDay) return;
    let c = customers.get(t.customerId);
    if (!c) {
      c = { id: t.customerId, days: new Map() };
      customers.set(t.customerId, c);
    }
    c.days.set(day, (c.days.get(day) ?? 0) + t.value);
  });
  return customers;
}

function summariseDays(c: Days, endDay: number, unitDays: number): CustomerSummary | null {
  const calibration = [...c.days.entries()].filter(([d]) => d <= endDay).sort((p, q) => p[0] - q[0]);
  if (calibration.length === 0) return null;
  const first = (calibration[0] as [number, number])[0];
  const last = (calibration[calibration.length - 1] as [number, number])[0];
  const repeat = calibration.slice(1);
  const monetary = repeat.length === 0 ? 0 : repeat.reduce((s, [, v]) => s + v, 0) / repeat.length;
  return {
    id: c.id,
    x: repeat.length,
    tx: (last - first) / unitDays,
    T: (endDay - first) / unitDays,
    monetary,
    firstPurchase: dateOfDay(first),
    lastPurchase: dateOfDay(last),
  };
}

/** Per-customer (x, t_x, T, mean repeat spend) at the calibration end, for customers who bought by then. */
export function summariseTransactions(
  transactions: readonly Transaction[],
  options: { calibrationEnd: string; unit: TimeUnit },
): CustomerSummary[] {
  const endDay = requireDay(options.calibrationEnd, 'calibrationEnd');
  const unitDays = DAYS_PER_UNIT[options.unit];
  const out: CustomerSummary[] = [];
  for (const c of purchaseDays(transactions, endDay).values()) {
    const s = summariseDays(c, endDay, unitDays);
    if (s) out.push(s);
  }
  return out;
}

/**
 * The calibration/holdout split used to validate the models: the calibration summary at `calibrationEnd`, and for
 * the same customers (those who had bought by then) the purchase days in (calibrationEnd, observationEnd].
 */
export function calibrationHoldout(
  transactions: readonly Transaction[],
  options: { calibrationEnd: string; observationEnd: string; unit: TimeUnit },
): CalibrationHoldoutRow[] {
  const endDay = requireDay(options.calibrationEnd, 'calibrationEnd');
  const obsDay = requireDay(options.observationEnd, 'observationEnd');
  if (obsDay <= endDay) {
    throw new AppError('bad-input', `The observation end (${options.observationEnd}) must come after the calibration end (${options.calibrationEnd}).`, {
      field: 'observationEnd',
    });
  }
  const unitDays = DAYS_PER_UNIT[options.unit];
  const out: CalibrationHoldoutRow[] = [];
  for (const c of purchaseDays(transactions, obsDay).values()) {
    const s = summariseDays(c, endDay, unitDays);
    if (!s) continue;
    const holdout = [...c.days.entries()].filter(([d]) => d > endDay);
    out.push({
      ...s,
      holdoutPurchases: holdout.length,
      holdoutMonetary: holdout.length === 0 ? 0 : holdout.reduce((sum, [, v]) => sum + v, 0) / holdout.length,
      holdoutDuration: (obsDay - endDay) / unitDays,
    });
  }
  return out;
}
