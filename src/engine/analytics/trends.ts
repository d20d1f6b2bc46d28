/**
 * Sales trends by ISO week (Monday to Sunday) or calendar month: revenue, sale orders, active customers (distinct
 * buyers) and average order value, with the definitions of the dashboard (readRevenueByMonth). Periods without
 * sales are present as zeros. The first and the latest period are marked partial when the data covers only part
 * of them; forecasts and backtests use complete periods only, so a half-finished week does not read as a slump.
 */
import type { Forecast, TrendGrain, TrendPeriod, Trends } from '../../shared/analytics-schemas';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open-workspace';
import { readSaleDayRange, readSalesByPeriod, type PeriodRow } from './analytics-repo';
import { backtest } from './backtest';
import { forecastAuto, type AutoForecastOptions } from './forecast';
import { periodDays, periodOf, periodRange, periodsAfter } from './periods';

/** Forecast settings per grain: a quarter ahead, yearly seasonality. */
export const TREND_SETTINGS: Record<TrendGrain, { period: number; horizon: number; unit: string }> = {
  week: { period: 52, horizon: 13, unit: 'week' },
  month: { period: 12, horizon: 3, unit: 'month' },
};

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** The continuous series from grouped rows and the sales date range (pure). */
export function buildPeriods(rows: readonly PeriodRow[], range: { first: string | null; last: string | null }, grain: TrendGrain): TrendPeriod[] {
  if (!range.first || !range.last) return [];
  const byPeriod = new Map(rows.map((r) => [r.period, r]));
  const first = periodOf(range.first, grain);
  const last = periodOf(range.last, grain);
  return periodRange(first, last, grain).map((period) => {
    const row = byPeriod.get(period);
    const days = periodDays(period, grain);
    const revenue = round2(row?.revenue ?? 0);
    const orders = row?.orders ?? 0;
    return {
      period,
      revenue,
      orders,
      activeCustomers: row?.customers ?? 0,
      avgOrderValue: orders > 0 ? round2(revenue / orders) : null,
      partial: days.first < (range.first as string) || days.last > (range.last as string),
    };
  });
}

/** The complete periods: the series without a partial first or latest period. */
export function completePeriods(periods: readonly TrendPeriod[]): TrendPeriod[] {
  let start = 0;
  let end = periods.length;
  if (periods[0]?.partial) start = 1;
  if (end > start && periods[end - 1]?.partial) end -= 1;
  return periods.slice(start, end);
}

function describe(options: AutoForecastOptions, fit: ReturnType<typeof forecastAuto>['fit']): string {
  if (fit.spec.seasonality) {
    return `Holt-Winters with ${fit.spec.seasonality} yearly seasonality (${options.period} ${options.unit}s)${fit.params.phi < 0.995 ? ' and a damped trend' : ''}, fitted on ${fit.n} complete ${options.unit}s.`;
  }
  return `Damped trend without seasonality, fitted on ${fit.n} complete ${options.unit}s: yearly seasonality needs at least two years (${2 * options.period} ${options.unit}s) of history.`;
}

/** Forecast and backtest of one metric from the complete periods. */
export function forecastMetric(metric: 'revenue' | 'orders', complete: readonly TrendPeriod[], grain: TrendGrain): Forecast {
  const settings = TREND_SETTINGS[grain];
  const options: AutoForecastOptions = { ...settings, nonNegative: true };
  const y = complete.map((p) => p[metric]);
  const lastPeriod = complete[complete.length - 1]?.period;
  let result: ReturnType<typeof forecastAuto>;
  try {
    result = forecastAuto(y, options);
  } catch (error) {
    if (error instanceof AppError && error.code === 'bad-input') return { metric, message: error.message, model: null, points: [], backtest: null };
    throw error;
  }
  const { fit, bands } = result;
  const future = lastPeriod ? periodsAfter(lastPeriod, settings.horizon, grain) : [];
  const digits = metric === 'revenue' ? 2 : 1;
  const r = (v: number): number => Math.round(v * 10 ** digits) / 10 ** digits;
  const points = bands.map((b, i) => ({ period: future[i] as string, mean: r(b.mean), lo80: r(b.lo80), hi80: r(b.hi80), lo95: r(b.lo95), hi95: r(b.hi95) }));
  const test = backtest(y, options);
  const model = {
    kind: fit.spec.seasonality ? ('holt-winters' as const) : ('damped-trend' as const),
    seasonality: fit.spec.seasonality,
    period: fit.spec.seasonality ? fit.spec.period : null,
    alpha: fit.params.alpha,
    beta: fit.params.beta,
    gamma: fit.spec.seasonality ? fit.params.gamma : null,
    phi: fit.params.phi,
    sigma: fit.sigma,
    trainingPeriods: fit.n,
    description: describe(options, fit),
  };
  const needed = (options.minLength ?? 8) + settings.horizon;
  return {
    metric,
    message: test ? null : `A backtest needs at least ${needed} complete ${settings.unit}s (${settings.horizon} held out); there are ${y.length}.`,
    model,
    points,
    backtest: test && {
      horizon: test.horizon,
      origins: test.origins.map((o) => ({ period: (complete[o.index] as TrendPeriod).period, model: o.model })),
      points: test.points,
      ours: test.ours,
      baseline: test.baseline,
      baselineKind: test.baselineKind,
    },
  };
}

/** The trends of the workspace for one grain, with revenue and order forecasts and their backtests. */
export function computeTrends(db: Db, grain: TrendGrain, currency: string): Trends {
  const range = readSaleDayRange(db);
  const periods = buildPeriods(readSalesByPeriod(db, grain), range, grain);
  const complete = completePeriods(periods);
  return {
    grain,
    asOf: range.last,
    currency,
    periods,
    horizon: TREND_SETTINGS[grain].horizon,
    forecasts: { revenue: forecastMetric('revenue', complete, grain), orders: forecastMetric('orders', complete, grain) },
  };
}
