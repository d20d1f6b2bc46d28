/**
 * Exponential-smoothing forecasts (ETS with additive errors, in the error-correction form of Hyndman et al., 2008,
 * "Forecasting with exponential smoothing", ch. 2 and 6):
 *
 * - With at least two seasons of history: Holt-Winters, ETS(A,Ad,A) or ETS(A,Ad,M), with φ ∈ [0.8, 1] (1 is the
 *   classic undamped Holt-Winters). Both are fitted and the one with the smaller one-step squared error is kept
 *   (both have the same number of parameters, so this is also the one with the better AIC).
 * - With less: a damped trend without seasonality, ETS(A,Ad,N), φ ∈ [0.8, 0.98].
 *
 * Smoothing parameters minimise the sum of squared one-step errors (Nelder-Mead from models/clv/optimise.ts over
 * logistic transforms that keep them in the usual region 0 < α < 1, 0 < β < α, 0 < γ < 1 − α). Initial states
 * come from a least-squares line through the first two seasons (the first ten periods without seasonality), and
 * seasonal indices from the first two seasons' deviations (additive) or ratios (multiplicative) around that line.
 *
 * Prediction intervals come from the residual variance σ² = SSE / (n − k), k counting the smoothing parameters
 * and the initial states. For the additive models (class 1 of Hyndman et al.) the h-step variance is exact:
 * σ² [1 + Σ_{j=1}^{h−1} c_j²] with c_j = α + β(φ + … + φ^j) + γ·[j is a multiple of m]; intervals are
 * mean ± z σ_h (z from the normal distribution). Multiplicative seasonality has no closed form, so its intervals
 * are quantiles of 2,000 simulated future paths with normal errors of that variance (a fixed seed: same data, same
 * answer).
 */
import { AppError } from '../../shared/errors';
import { createRng, normal } from '../kernel/random';
import { minimise } from '../models/clv/optimise';

export type Seasonality = 'additive' | 'multiplicative';
export type EtsSpec = { seasonality: Seasonality | null; period: number };
export type EtsParams = { alpha: number; beta: number; gamma: number; phi: number };
export type EtsState = { level: number; trend: number; seasonal: Float64Array };

export type EtsRun = { sse: number; fitted: Float64Array; final: EtsState };

/**
 * Runs the recursions over y from an initial state; `fitted` are the one-step forecasts. `offset` is the time index
 * of y[0] (the seasonal slot of time t is t mod m, slot i of the initial state belonging to times i, i + m, …). Pure.
 */
export function runEts(y: ArrayLike<number>, spec: EtsSpec, params: EtsParams, initial: EtsState, offset = 0): EtsRun {
  const { alpha, beta, gamma, phi } = params;
  const m = spec.period;
  const seasonal = Float64Array.from(initial.seasonal);
  let level = initial.level;
  let trend = initial.trend;
  let sse = 0;
  const fitted = new Float64Array(y.length);
  for (let t = 0; t < y.length; t++) {
    const base = level + phi * trend;
    const slot = spec.seasonality ? (t + offset) % m : 0;
    const s = spec.seasonality ? (seasonal[slot] as number) : 0;
    const mult = spec.seasonality === 'multiplicative';
    const forecast = spec.seasonality === null ? base : mult ? base * s : base + s;
    const error = (y[t] as number) - forecast;
    fitted[t] = forecast;
    sse += error * error;
    if (mult && (s <= 0 || base <= 0)) return { sse: Number.POSITIVE_INFINITY, fitted, final: { level, trend, seasonal } };
    const scaled = mult ? error / s : error;
    level = base + alpha * scaled;
    trend = phi * trend + beta * scaled;
    if (spec.seasonality === 'additive') seasonal[slot] = s + gamma * error;
    if (mult) seasonal[slot] = s + (gamma * error) / base;
  }
  return { sse, fitted, final: { level, trend, seasonal } };
}

/** A least-squares line through y[0…k): intercept at t = 0 and slope. */
function line(y: ArrayLike<number>, k: number): { intercept: number; slope: number } {
  if (k < 2) return { intercept: (y[0] as number) ?? 0, slope: 0 };
  let st = 0;
  let sy = 0;
  let stt = 0;
  let sty = 0;
  for (let t = 0; t < k; t++) {
    const v = y[t] as number;
    st += t;
    sy += v;
    stt += t * t;
    sty += t * v;
  }
  const slope = (k * sty - st * sy) / (k * stt - st * st);
  return { intercept: (sy - slope * st) / k, slope };
}

/**
 * Centred moving average of order m (2×m for even m, so each season weighs the same) over y[0…k): the trend of
 * a classical decomposition; NaN where the window does not fit.
 */
function movingAverage(y: ArrayLike<number>, k: number, m: number): Float64Array {
  const out = new Float64Array(k).fill(Number.NaN);
  const half = Math.floor(m / 2);
  for (let t = half; t + half <= k - 1; t++) {
    let sum = 0;
    if (m % 2 === 0) {
      sum += 0.5 * (y[t - half] as number) + 0.5 * (y[t + half] as number);
      for (let j = t - half + 1; j < t + half; j++) sum += y[j] as number;
    } else {
      for (let j = t - half; j <= t + half; j++) sum += y[j] as number;
    }
    out[t] = sum / m;
  }
  return out;
}

/**
 * The heuristic initial state of Hyndman et al. (2008, §2.6.1): seasonal indices from a classical decomposition of
 * the first two or three seasons (deviations from, or ratios to, a centred moving average, averaged per season
 * and normalised), then level and trend from a least-squares line through the seasonally adjusted seasons (the
 * first ten periods without seasonality). Null when multiplicative seasonality cannot start here.
 */
export function initialState(y: ArrayLike<number>, spec: EtsSpec): EtsState | null {
  const m = spec.period;
  if (spec.seasonality === null) {
    const { intercept, slope } = line(y, Math.min(y.length, 10));
    return { level: intercept - slope, trend: slope, seasonal: new Float64Array(1) };
  }
  const additive = spec.seasonality === 'additive';
  const k = Math.min(3, Math.floor(y.length / m)) * m;
  const trend = movingAverage(y, k, m);
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  for (let t = 0; t < k; t++) {
    const tr = trend[t] as number;
    if (Number.isNaN(tr)) continue;
    if (!additive && tr <= 0) return null;
    sums[t % m] = (sums[t % m] as number) + (additive ? (y[t] as number) - tr : (y[t] as number) / tr);
    counts[t % m] = (counts[t % m] as number) + 1;
  }
  const seasonal = new Float64Array(m);
  for (let i = 0; i < m; i++) seasonal[i] = (counts[i] as number) > 0 ? (sums[i] as number) / (counts[i] as number) : additive ? 0 : 1;
  const mean = seasonal.reduce((a, b) => a + b, 0) / m;
  for (let i = 0; i < m; i++) {
    seasonal[i] = additive ? (seasonal[i] as number) - mean : (seasonal[i] as number) / mean;
    if (!additive && !((seasonal[i] as number) > 0)) return null;
  }
  // Refine: a line through the seasonally adjusted seasons, then the indices around that line, a few times. The
  // moving average of a growing multiplicative season is biased by a few per cent; the line is not, and an exact
  // trend-times-season series is a fixed point of this loop.
  const adjust = (t: number): number => (additive ? (y[t] as number) - (seasonal[t % m] as number) : (y[t] as number) / (seasonal[t % m] as number));
  let fitted = line(Float64Array.from({ length: k }, (_, t) => adjust(t)), k);
  for (let round = 0; round < 4; round++) {
    sums.fill(0);
    counts.fill(0);
    for (let t = 0; t < k; t++) {
      const tr = fitted.intercept + fitted.slope * t;
      if (!additive && tr <= 0) return null;
      sums[t % m] = (sums[t % m] as number) + (additive ? (y[t] as number) - tr : (y[t] as number) / tr);
      counts[t % m] = (counts[t % m] as number) + 1;
    }
    const next = Float64Array.from({ length: m }, (_, i) => (sums[i] as number) / (counts[i] as number));
    const centre = next.reduce((a, b) => a + b, 0) / m;
    for (let i = 0; i < m; i++) {
      seasonal[i] = additive ? (next[i] as number) - centre : (next[i] as number) / centre;
      if (!additive && !((seasonal[i] as number) > 0)) return null;
    }
    fitted = line(Float64Array.from({ length: k }, (_, t) => adjust(t)), k);
  }
  const { intercept, slope } = fitted;
  return { level: intercept - slope, trend: slope, seasonal };
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const logit = (p: number): number => Math.log(p / (1 - p));

/** Unconstrained vector → parameters inside the usual region. */
function toParams(x: readonly number[], spec: EtsSpec): EtsParams {
  const alpha = sigmoid(x[0] as number);
  const phiRange = spec.seasonality ? 0.2 : 0.18;
  return {
    alpha,
    beta: alpha * sigmoid(x[1] as number),
    gamma: spec.seasonality ? (1 - alpha) * sigmoid(x[2] as number) : 0,
    phi: 0.8 + phiRange * sigmoid(x[spec.seasonality ? 3 : 2] as number),
  };
}

export type EtsFit = {
  spec: EtsSpec;
  params: EtsParams;
  initial: EtsState;
  final: EtsState;
  sse: number;
  /** σ of the one-step errors: √(SSE / (n − k)). */
  sigma: number;
  n: number;
};

/** Fits one model by least squares of the one-step errors; null when the model cannot start on this series. */
export function fitEts(y: ArrayLike<number>, spec: EtsSpec): EtsFit | null {
  const initial = initialState(y, spec);
  if (!initial) return null;
  const start = spec.seasonality ? [logit(0.3), logit(0.1), logit(0.1), logit(0.5)] : [logit(0.3), logit(0.1), logit(0.5)];
  const objective = (x: readonly number[]): number => runEts(y, spec, toParams(x, spec), initial).sse;
  const best = minimise(objective, start, { restarts: 1, initialStep: 1, tolerance: 1e-8 });
  if (!Number.isFinite(best.value)) return null;
  const params = toParams(best.x, spec);
  const run = runEts(y, spec, params, initial);
  const k = (spec.seasonality ? 4 + 2 + (spec.period - 1) : 3 + 2);
  const dof = y.length - k > 0 ? y.length - k : y.length;
  return { spec, params, initial, final: run.final, sse: run.sse, sigma: Math.sqrt(run.sse / dof), n: y.length };
}

/** Point forecasts for steps 1…h after the fitted data. */
export function pointForecasts(fit: EtsFit, horizon: number): number[] {
  const { level, trend, seasonal } = fit.final;
  const { phi } = fit.params;
  const out: number[] = [];
  let phiSum = 0;
  for (let h = 1; h <= horizon; h++) {
    phiSum += phi ** h;
    const base = level + phiSum * trend;
    const s = seasonal[(fit.n + h - 1) % fit.spec.period] as number;
    out.push(fit.spec.seasonality === null ? base : fit.spec.seasonality === 'additive' ? base + s : base * s);
  }
  return out;
}

/** h-step forecast standard deviations of the additive models (exact, see the file comment). */
export function additiveForecastSd(fit: EtsFit, horizon: number): number[] {
  const { alpha, beta, gamma, phi } = fit.params;
  const m = fit.spec.period;
  const out: number[] = [];
  let sum = 1;
  let phiSum = 0;
  for (let h = 1; h <= horizon; h++) {
    out.push(fit.sigma * Math.sqrt(sum));
    // Add c_h² for the next step's variance.
    phiSum += phi ** h;
    const c = alpha + beta * phiSum + (fit.spec.seasonality && h % m === 0 ? gamma : 0);
    sum += c * c;
  }
  return out;
}

/** Quantiles (probabilities `ps`) of each future step from simulated sample paths. */
export function simulatedQuantiles(fit: EtsFit, horizon: number, ps: readonly number[], paths = 2000, seed = 20240601): number[][] {
  const rng = createRng(seed, 7);
  const { alpha, beta, gamma, phi } = fit.params;
  const m = fit.spec.period;
  const samples = Array.from({ length: horizon }, () => new Float64Array(paths));
  const seasonal = new Float64Array(fit.final.seasonal.length);
  for (let p = 0; p < paths; p++) {
    // The recursions of runEts, continued with drawn errors: each simulated value updates the next step's states.
    seasonal.set(fit.final.seasonal);
    let level = fit.final.level;
    let trend = fit.final.trend;
    for (let h = 0; h < horizon; h++) {
      const slot = fit.spec.seasonality ? (fit.n + h) % m : 0;
      const base = level + phi * trend;
      const s = fit.spec.seasonality ? (seasonal[slot] as number) : 0;
      const mult = fit.spec.seasonality === 'multiplicative';
      const error = normal(rng, 0, fit.sigma);
      (samples[h] as Float64Array)[p] = (fit.spec.seasonality === null ? base : mult ? base * s : base + s) + error;
      const scaled = mult ? (s > 0 ? error / s : 0) : error;
      level = base + alpha * scaled;
      trend = phi * trend + beta * scaled;
      if (fit.spec.seasonality === 'additive') seasonal[slot] = s + gamma * error;
      if (mult && base > 0) seasonal[slot] = s + (gamma * error) / base;
    }
  }
  return samples.map((values) => {
    values.sort();
    return ps.map((q) => quantileSorted(values, q));
  });
}

/** Linear interpolation between order statistics (type 7, as R's default). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/** The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const poly = (coef: number[], x: number): number => coef.reduce((acc, k) => acc * x + k, 0);
  if (p <= 0 || p >= 1) throw new RangeError('p must be in (0, 1)');
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

export type ForecastBand = { mean: number; lo80: number; hi80: number; lo95: number; hi95: number };

/** Means and 80 % / 95 % intervals for steps 1…h. Non-negative series (sales) have bounds clamped at 0. */
export function forecastBands(fit: EtsFit, horizon: number, nonNegative: boolean): ForecastBand[] {
  const means = pointForecasts(fit, horizon);
  const clamp = (v: number): number => (nonNegative ? Math.max(0, v) : v);
  if (fit.spec.seasonality === 'multiplicative') {
    const q = simulatedQuantiles(fit, horizon, [0.025, 0.1, 0.9, 0.975]);
    return means.map((mean, h) => {
      const [lo95, lo80, hi80, hi95] = q[h] as [number, number, number, number];
      return { mean: clamp(mean), lo80: clamp(lo80), hi80: clamp(hi80), lo95: clamp(lo95), hi95: clamp(hi95) };
    });
  }
  const sd = additiveForecastSd(fit, horizon);
  const z80 = normalQuantile(0.9);
  const z95 = normalQuantile(0.975);
  return means.map((mean, h) => {
    const s = sd[h] as number;
    return { mean: clamp(mean), lo80: clamp(mean - z80 * s), hi80: clamp(mean + z80 * s), lo95: clamp(mean - z95 * s), hi95: clamp(mean + z95 * s) };
  });
}

export type AutoForecastOptions = {
  /** Seasonal period (52 weeks, 12 months). */
  period: number;
  horizon: number;
  /** The fewest periods a forecast is made from. */
  minLength?: number;
  /** The period's name for messages: "week", "month". */
  unit: string;
  nonNegative?: boolean;
};

export type AutoForecast = { fit: EtsFit; bands: ForecastBand[] };

export const MIN_FORECAST_PERIODS = 8;

/** The model the rules choose for this much history (see the file comment), fitted. */
export function fitAuto(y: ArrayLike<number>, options: AutoForecastOptions): EtsFit {
  const minLength = options.minLength ?? MIN_FORECAST_PERIODS;
  if (y.length < minLength) {
    throw new AppError(
      'bad-input',
      `A forecast needs at least ${minLength} complete ${options.unit}s of sales history; there ${y.length === 1 ? 'is' : 'are'} ${y.length}. Import more order history (or create a demo shop) to see one.`,
      { field: 'orders', needed: minLength, have: y.length },
    );
  }
  const m = options.period;
  if (y.length >= 2 * m) {
    const candidates = (['additive', 'multiplicative'] as const)
      .map((seasonality) => fitEts(y, { seasonality, period: m }))
      .filter((fit): fit is EtsFit => fit !== null);
    const best = candidates.sort((a, b) => a.sse - b.sse)[0];
    if (best) return best;
  }
  const damped = fitEts(y, { seasonality: null, period: 1 });
  if (!damped) throw new AppError('internal', 'The damped-trend model could not be fitted.');
  return damped;
}

/** Fits the chosen model and forecasts `horizon` periods with 80 % and 95 % intervals. */
export function forecastAuto(y: ArrayLike<number>, options: AutoForecastOptions): AutoForecast {
  const fit = fitAuto(y, options);
  return { fit, bands: forecastBands(fit, options.horizon, options.nonNegative ?? true) };
}
