import { AppError } from '../../../shared/errors';
import { groupRows } from './fit-data';
import { DAYS_PER_UNIT, dateOfDay, dayNumber, purchaseDays, type CalibrationHoldoutRow, type TimeUnit, type Transaction } from './summary';
import type { TransactionModel } from './transaction-model';

/**
 * How the buy-till-you-die literature validates a model (Fader, Hardie & Lee 2005, figures 2–4): fit on a
 * calibration period, then compare with what happened afterwards, (1) as cumulative repeat purchases of the whole
 * cohort period by period and (2) as the mean holdout purchases of customers grouped by their calibration x.
 */

export type TrackingRow = {
  /** 1, 2, … periods of one time unit since the cohort's first purchase day. */
  period: number;
  /** Last calendar day of the period. */
  periodEnd: string;
  holdout: boolean;
  /** Repeat purchase days of the cohort up to the end of the period. */
  actual: number;
  /** What the model expects for the cohort from its first-purchase days alone: Σ E[X(end − first purchase)]. */
  expected: number;
  /** In the holdout: actual at calibration end + Σ E[Y(end − calibration end) | x, t_x, T]. Null before. */
  conditionalExpected: number | null;
};

/** The tracking chart's data: cumulative actual vs model-expected repeat purchases per period (one unit long). */
export function trackingCurve(
  model: TransactionModel,
  transactions: readonly Transaction[],
  options: { calibrationEnd: string; observationEnd: string; unit: TimeUnit },
): TrackingRow[] {
  const calDay = dayNumber(options.calibrationEnd);
  const obsDay = dayNumber(options.observationEnd);
  if (calDay === null || obsDay === null || obsDay <= calDay) {
    throw new AppError('bad-input', 'The tracking chart needs a calibration end and a later observation end, both written YYYY-MM-DD.', { field: 'observationEnd' });
  }
  const unitDays = DAYS_PER_UNIT[options.unit];
  const cohort = [...purchaseDays(transactions, obsDay).values()]
    .map((c) => [...c.days.keys()].sort((p, q) => p - q))
    .filter((days) => (days[0] as number) <= calDay);
  if (cohort.length === 0) throw new AppError('bad-input', 'No customer made a first purchase by the calibration end.', { field: 'calibrationEnd' });
  const origin = Math.min(...cohort.map((d) => d[0] as number));
  const periods = Math.ceil((obsDay - origin + 1) / unitDays);
  // Repeat purchase days per period, and customers per first-purchase day (the cohort's "trial" curve).
  const repeatsIn = new Array<number>(periods + 1).fill(0);
  const firstDays = new Map<number, number>();
  for (const days of cohort) {
    const first = days[0] as number;
    firstDays.set(first, (firstDays.get(first) ?? 0) + 1);
    for (const d of days.slice(1)) {
      const k = Math.floor((d - origin) / unitDays) + 1;
      repeatsIn[k] = (repeatsIn[k] as number) + 1;
    }
  }
  const calibration = groupRows(
    cohort.map((days) => {
      const inCal = days.filter((d) => d <= calDay);
      const first = inCal[0] as number;
      const last = inCal[inCal.length - 1] as number;
      return { x: inCal.length - 1, tx: (last - first) / unitDays, T: (calDay - first) / unitDays };
    }),
  );
  const rows: TrackingRow[] = [];
  let actual = 0;
  let actualAtCalibration = 0;
  for (let k = 1; k <= periods; k++) {
    const endDay = Math.min(origin + k * unitDays - 1, obsDay);
    actual += repeatsIn[k] as number;
    if (endDay <= calDay) actualAtCalibration = actual;
    let expected = 0;
    for (const [first, count] of firstDays) if (first <= endDay) expected += count * model.expectedPurchases((endDay - first) / unitDays);
    const holdout = endDay > calDay;
    let conditionalExpected: number | null = null;
    if (holdout) {
      const t = (endDay - calDay) / unitDays;
      conditionalExpected = actualAtCalibration;
      for (const g of calibration) conditionalExpected += g.weight * model.conditionalExpectedPurchases(t, g.x, g.tx, g.T);
    }
    rows.push({ period: k, periodEnd: dateOfDay(endDay), holdout, actual, expected, conditionalExpected });
  }
  return rows;
}

export type ConditionalExpectationRow = {
  /** Calibration repeat purchases: '0', '1', …, and the last bucket 'N+' for N and more. */
  frequency: string;
  customers: number;
  /** Mean purchases in the holdout window. */
  actual: number;
  /** Mean of E[Y(holdout length) | x, t_x, T]. */
  predicted: number;
};

/** The conditional-expectations chart's data: by calibration frequency 0..max−1 and max+, actual vs predicted. */
export function conditionalExpectations(
  model: TransactionModel,
  rows: readonly CalibrationHoldoutRow[],
  options: { maxFrequency?: number } = {},
): ConditionalExpectationRow[] {
  const top = options.maxFrequency ?? 7;
  const buckets = Array.from({ length: top + 1 }, (_, i) => ({ frequency: i === top ? `${top}+` : String(i), customers: 0, actual: 0, predicted: 0 }));
  for (const r of rows) {
    const b = buckets[Math.min(r.x, top)] as (typeof buckets)[number];
    b.customers++;
    b.actual += r.holdoutPurchases;
    b.predicted += model.conditionalExpectedPurchases(r.holdoutDuration, r.x, r.tx, r.T);
  }
  return buckets.map((b) => ({
    frequency: b.frequency,
    customers: b.customers,
    actual: b.customers === 0 ? 0 : b.actual / b.customers,
    predicted: b.customers === 0 ? 0 : b.predicted / b.customers,
  }));
}
