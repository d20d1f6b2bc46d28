import { describe, expect, it } from 'vitest';
import { backtest, backtestOrigins, errorMeasures, seasonalNaive } from '../../../src/engine/analytics/backtest';
import {
  additiveForecastSd,
  fitAuto,
  fitEts,
  forecastAuto,
  normalQuantile,
  runEts,
  simulatedQuantiles,
} from '../../../src/engine/analytics/forecast';
import { AppError } from '../../../src/shared/errors';

const weeks = (n: number, f: (t: number) => number): number[] => Array.from({ length: n }, (_, t) => f(t));
const season = (t: number): number => Math.sin((2 * Math.PI * t) / 52) + 0.5 * Math.cos((4 * Math.PI * t) / 52);

describe('the exponential-smoothing recursions', () => {
  it('follow the damped-trend equations step by step (hand-computed)', () => {
    // l0 = 10, b0 = 1, α 0.5, β 0.1, φ 0.9. Step 1: ŷ = 10.9, e = 1.1, l = 11.45, b = 1.01.
    // Step 2: ŷ = 11.45 + 0.909 = 12.359, e = −1.359, l = 11.6795, b = 0.7731. SSE = 1.21 + 1.846881.
    const run = runEts([12, 11], { seasonality: null, period: 1 }, { alpha: 0.5, beta: 0.1, gamma: 0, phi: 0.9 }, { level: 10, trend: 1, seasonal: new Float64Array(1) });
    expect(Array.from(run.fitted)).toEqual([expect.closeTo(10.9, 12), expect.closeTo(12.359, 12)]);
    expect(run.final.level).toBeCloseTo(11.6795, 12);
    expect(run.final.trend).toBeCloseTo(0.7731, 12);
    expect(run.sse).toBeCloseTo(3.056881, 12);
  });

  it('update the seasonal index of the season just observed (additive, m = 2)', () => {
    // l0 = 10, b0 = 0, s = [+1, −1], α 0.5, β 0, γ 0.5, φ 1. t0: ŷ = 11, y = 13, e = 2 → l = 11, s0 = 2.
    // t1: ŷ = 11 − 1 = 10, y = 10, e = 0.
    const run = runEts([13, 10], { seasonality: 'additive', period: 2 }, { alpha: 0.5, beta: 0, gamma: 0.5, phi: 1 }, { level: 10, trend: 0, seasonal: Float64Array.from([1, -1]) });
    expect(Array.from(run.fitted)).toEqual([11, 10]);
    expect(run.final.level).toBe(11);
    expect(Array.from(run.final.seasonal)).toEqual([2, -1]);
  });

  it('has the standard normal quantiles the intervals use', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.9)).toBeCloseTo(1.281551566, 8);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326347874, 8);
  });
});

describe('forecasting a series with a known trend and yearly season', () => {
  const truth = (t: number): number => 200 + 0.5 * t + 20 * season(t);
  const history = weeks(156, truth);

  it('chooses additive Holt-Winters with period 52 and recovers the next 13 weeks', () => {
    const { fit, bands } = forecastAuto(history, { period: 52, horizon: 13, unit: 'week' });
    expect(fit.spec).toEqual({ seasonality: 'additive', period: 52 });
    bands.forEach((band, h) => {
      expect(Math.abs(band.mean - truth(156 + h)), `week ${h + 1}`).toBeLessThan(0.5);
      expect(band.lo95).toBeLessThanOrEqual(band.lo80);
      expect(band.lo80).toBeLessThanOrEqual(band.mean);
      expect(band.hi95).toBeGreaterThanOrEqual(band.hi80);
    });
    // Seasonal naive misses by exactly one year of trend, 0.5 × 52 = 26, every week.
    const naive = seasonalNaive(history, 13, 52);
    naive.forEach((value, h) => expect(truth(156 + h) - value).toBeCloseTo(26, 9));
  });

  it('beats seasonal naive in the rolling-origin backtest, whose own error is exactly 26', () => {
    const result = backtest(history, { period: 52, horizon: 13, unit: 'week' });
    expect(result).not.toBeNull();
    if (!result) return;
    // Origins at 143, 130, 117 and 104 (all with two seasons of history): 52 held-out weeks.
    expect(result.origins.map((o) => o.index)).toEqual([104, 117, 130, 143]);
    expect(result.origins.every((o) => o.model === 'holt-winters')).toBe(true);
    expect(result.points).toBe(52);
    expect(result.baselineKind).toBe('seasonal-naive');
    expect(result.baseline.mae).toBeCloseTo(26, 9);
    expect(result.baseline.rmse).toBeCloseTo(26, 9);
    expect(result.ours.mae).toBeLessThan(0.5);
    expect(result.ours.rmse).toBeLessThan(result.baseline.rmse / 10);
  });

  it('picks multiplicative seasonality when the season grows with the level', () => {
    const grows = weeks(156, (t) => (100 + 2 * t) * (1 + 0.3 * season(t)));
    const fit = fitAuto(grows, { period: 52, horizon: 13, unit: 'week' });
    expect(fit.spec.seasonality).toBe('multiplicative');
    const { bands } = forecastAuto(grows, { period: 52, horizon: 13, unit: 'week' });
    bands.forEach((band, h) => {
      const t = 156 + h;
      expect(Math.abs(band.mean / ((100 + 2 * t) * (1 + 0.3 * season(t))) - 1)).toBeLessThan(0.005);
    });
  });
});

describe('prediction intervals', () => {
  // A noisy additive series: the closed-form h-step spread must match simulated sample paths.
  let state = 12345;
  const noise = (): number => {
    // Sum of uniforms (Irwin–Hall) from a small LCG: roughly normal, deterministic.
    let s = 0;
    for (let i = 0; i < 12; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      s += state / 2 ** 32;
    }
    return s - 6;
  };
  const y = weeks(130, (t) => 500 + 2 * t + 40 * season(t) + 15 * noise());

  it('are mean ± z·σ_h for additive models, and agree with simulation', () => {
    const fit = fitEts(y, { seasonality: 'additive', period: 52 });
    expect(fit).not.toBeNull();
    if (!fit) return;
    const sd = additiveForecastSd(fit, 13);
    expect(sd[0]).toBeCloseTo(fit.sigma, 12);
    for (let h = 1; h < 13; h++) expect(sd[h] as number).toBeGreaterThan(sd[h - 1] as number);
    const simulated = simulatedQuantiles(fit, 13, [0.025, 0.975], 20_000);
    const { bands } = { bands: forecastAuto(y, { period: 52, horizon: 13, unit: 'week', nonNegative: false }).bands };
    for (const h of [0, 6, 12]) {
      const [lo, hi] = simulated[h] as [number, number];
      const band = bands[h];
      expect(band).toBeDefined();
      if (!band) continue;
      const analyticWidth = band.hi95 - band.lo95;
      expect(Math.abs((hi - lo) / analyticWidth - 1), `step ${h + 1}`).toBeLessThan(0.06);
    }
  });

  it('widen with the horizon for the damped trend, and bounds of sales never go below 0', () => {
    const short = weeks(40, (t) => 5 + 0.2 * t + 3 * noise());
    const { fit, bands } = forecastAuto(short, { period: 52, horizon: 13, unit: 'week' });
    expect(fit.spec.seasonality).toBeNull();
    expect(fit.params.phi).toBeGreaterThanOrEqual(0.8);
    expect(fit.params.phi).toBeLessThanOrEqual(0.98);
    // Never narrower further out (equal when the fit keeps no memory of the latest errors: α and β near 0).
    expect((bands[12]?.hi95 ?? 0) - (bands[12]?.lo95 ?? 0)).toBeGreaterThanOrEqual((bands[0]?.hi95 ?? 0) - (bands[0]?.lo95 ?? 0) - 1e-9);
    expect(bands.every((b) => b.lo95 >= 0 && b.mean >= 0)).toBe(true);
  });
});

describe('too little history', () => {
  it('is a bad-input error saying how much is needed, never NaN', () => {
    let caught: unknown;
    try {
      forecastAuto([3, 4, 5, 6, 7], { period: 52, horizon: 13, unit: 'week' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('bad-input');
    expect((caught as AppError).message).toMatch(/at least 8 complete weeks.*there are 5/);
  });

  it('has no backtest origin until the training part alone has 8 periods', () => {
    const options = { period: 52, horizon: 13, unit: 'week' };
    expect(backtestOrigins(20, options, 4)).toEqual([]);
    expect(backtestOrigins(21, options, 4)).toEqual([8]);
    expect(backtest(weeks(20, (t) => t), options)).toBeNull();
  });
});

describe('seasonal naive and the error measures, by hand', () => {
  it('forecasts the same period one season earlier, or the last value under a season', () => {
    // Indices 6…10 take the values at 2, 3, 4, 5 and (two seasons back) 2.
    expect(seasonalNaive([1, 2, 3, 4, 5, 6], 5, 4)).toEqual([3, 4, 5, 6, 3]);
    expect(seasonalNaive([1, 2, 3], 2, 4)).toEqual([3, 3]);
  });

  it('computes MAE, RMSE, MAPE and sMAPE', () => {
    const e = errorMeasures([5, 5, 8], [4, 5, 6]);
    expect(e.mae).toBeCloseTo(1, 12);
    expect(e.rmse).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(e.mape).toBeCloseTo((1 / 5 + 0 + 2 / 8) / 3, 12);
    expect(e.smape).toBeCloseTo((2 / 9 + 0 + 4 / 14) / 3, 12);
    expect(errorMeasures([0, 0], [0, 2])).toEqual({ mae: 1, rmse: Math.sqrt(2), mape: null, smape: 1 });
  });

  it('scores the seasonal-naive baseline of a tiny backtest exactly', () => {
    // Period 4, horizon 2, origins at 10 and 12 (each with two seasons before it).
    const y = [10, 20, 30, 40, 12, 22, 33, 41, 15, 25, 30, 50, 11, 27];
    const result = backtest(y, { period: 4, horizon: 2, unit: 'week', minLength: 8 }, 2);
    expect(result?.origins.map((o) => o.index)).toEqual([10, 12]);
    expect(result?.baselineKind).toBe('seasonal-naive');
    // Origin 10: y10 30 vs y6 33, y11 50 vs y7 41. Origin 12: y12 11 vs y8 15, y13 27 vs y9 25.
    const abs = [3, 9, 4, 2];
    expect(result?.baseline.mae).toBeCloseTo(18 / 4, 12);
    expect(result?.baseline.rmse).toBeCloseTo(Math.sqrt(abs.reduce((s, a) => s + a * a, 0) / 4), 12);
    expect(result?.baseline.mape).toBeCloseTo((3 / 30 + 9 / 50 + 4 / 11 + 2 / 27) / 4, 12);
    expect(result?.baseline.smape).toBeCloseTo((6 / 63 + 18 / 91 + 8 / 26 + 4 / 52) / 4, 12);
    expect(result?.points).toBe(4);
  });
});
