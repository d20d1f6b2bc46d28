/**
 * Rolling-origin backtest on the workspace's own history: at each origin the model is fitted on the periods before
 * it (by the same rules as the live forecast) and forecasts the next `horizon` periods, which are compared with
 * what happened. The baseline is the seasonal-naive forecast (the same period one season earlier) when every
 * origin has a full season of history before it, and the naive forecast (the last value) otherwise. Errors are
 * pooled over all held-out periods of all origins.
 */
import type { ForecastErrors } from '../../shared/analytics-schemas';
import { fitAuto, pointForecasts, MIN_FORECAST_PERIODS, type AutoForecastOptions } from './forecast';

/**
 * The seasonal-naive forecast ŷ(T+h) = y(T + h − m·⌈h/m⌉), T the last observed time (index n − 1); the naive one
 * (the last value) when y is shorter than a season.
 */
export function seasonalNaive(train: ArrayLike<number>, horizon: number, period: number): number[] {
  const n = train.length;
  const out: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    out.push(n >= period ? (train[n - 1 + h - period * Math.ceil(h / period)] as number) : (train[n - 1] as number));
  }
  return out;
}

/** MAE, RMSE, MAPE (over non-zero actuals) and sMAPE (0/0 counts as 0) of paired actuals and forecasts. */
export function errorMeasures(actual: readonly number[], predicted: readonly number[]): ForecastErrors {
  let abs = 0;
  let sq = 0;
  let ape = 0;
  let apeCount = 0;
  let sape = 0;
  const n = actual.length;
  for (let i = 0; i < n; i++) {
    const y = actual[i] as number;
    const f = predicted[i] as number;
    const e = Math.abs(y - f);
    abs += e;
    sq += e * e;
    if (y !== 0) {
      ape += e / Math.abs(y);
      apeCount++;
    }
    const denominator = Math.abs(y) + Math.abs(f);
    sape += denominator === 0 ? 0 : (2 * e) / denominator;
  }
  return { mae: n ? abs / n : 0, rmse: n ? Math.sqrt(sq / n) : 0, mape: apeCount ? ape / apeCount : null, smape: n ? sape / n : 0 };
}

export type BacktestResult = {
  horizon: number;
  /** Index of each origin's first held-out period, oldest first, and the model fitted there. */
  origins: Array<{ index: number; model: 'holt-winters' | 'damped-trend' }>;
  points: number;
  ours: ForecastErrors;
  baseline: ForecastErrors;
  baselineKind: 'seasonal-naive' | 'naive';
};

/**
 * Origins every `horizon` periods back from the end (up to `maxOrigins`), each with at least the minimum history.
 * When the live model is seasonal (two seasons or more), only origins that are also seasonal are kept if any are.
 */
export function backtestOrigins(n: number, options: AutoForecastOptions, maxOrigins: number): number[] {
  const minLength = options.minLength ?? MIN_FORECAST_PERIODS;
  const all: number[] = [];
  for (let i = 1; i <= maxOrigins; i++) {
    const origin = n - i * options.horizon;
    if (origin >= minLength) all.push(origin);
  }
  const seasonal = all.filter((o) => o >= 2 * options.period);
  return (n >= 2 * options.period && seasonal.length > 0 ? seasonal : all).sort((a, b) => a - b);
}

/** The backtest, or null when there is too little history for a single origin. */
export function backtest(y: readonly number[], options: AutoForecastOptions, maxOrigins = 4): BacktestResult | null {
  const origins = backtestOrigins(y.length, options, maxOrigins);
  if (origins.length === 0) return null;
  const seasonalBaseline = origins.every((o) => o >= options.period);
  const actual: number[] = [];
  const ours: number[] = [];
  const baseline: number[] = [];
  const models: BacktestResult['origins'] = [];
  for (const origin of origins) {
    const train = y.slice(0, origin);
    const fit = fitAuto(train, options);
    models.push({ index: origin, model: fit.spec.seasonality ? 'holt-winters' : 'damped-trend' });
    const clamp = (v: number): number => (options.nonNegative === false ? v : Math.max(0, v));
    ours.push(...pointForecasts(fit, options.horizon).map(clamp));
    baseline.push(...(seasonalBaseline ? seasonalNaive(train, options.horizon, options.period) : seasonalNaive(train, options.horizon, Number.POSITIVE_INFINITY)));
    actual.push(...y.slice(origin, origin + options.horizon));
  }
  return {
    horizon: options.horizon,
    origins: models,
    points: actual.length,
    ours: errorMeasures(actual, ours),
    baseline: errorMeasures(actual, baseline),
    baselineKind: seasonalBaseline ? 'seasonal-naive' : 'naive',
  };
}
