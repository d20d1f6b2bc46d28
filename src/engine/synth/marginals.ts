/**
 * One numeric column's distribution for the Gaussian copula: a few parametric families fitted to the present
 * values, and the empirical quantile function as the fallback. Every marginal is plain JSON (stored with the model).
 */

/** Standard normal CDF through erfc (Numerical Recipes' Chebyshev fit, fractional error below 1.2e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
}

const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const horner = (coef: number[], x: number): number => coef.reduce((s, c) => s * x + c, 0);

/** Standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9); p is clamped to (0, 1). */
export function normalQuantile(p: number): number {
  const q = Math.min(1 - 1e-15, Math.max(1e-15, p));
  const low = 0.02425;
  if (q < low) {
    const r = Math.sqrt(-2 * Math.log(q));
    return horner(C, r) / (horner(D, r) * r + 1);
  }
  if (q > 1 - low) {
    const r = Math.sqrt(-2 * Math.log(1 - q));
    return -horner(C, r) / (horner(D, r) * r + 1);
  }
  const r = q - 0.5;
  const s = r * r;
  return (horner(A, s) * r) / (horner(B, s) * s + 1);
}

export type Marginal =
  | { family: 'normal'; mean: number; sd: number }
  /** A normal cut to the real range [low, high]: mean and sd are the parent's, fitted so the cut one matches the data's. */
  | { family: 'truncnorm'; mean: number; sd: number; low: number; high: number }
  /** log(value − shift) is normal: skewed positive amounts. */
  | { family: 'lognormal'; mu: number; sigma: number; shift: number }
  | { family: 'uniform'; low: number; high: number }
  /** Values at evenly spaced probabilities 0, 1/(k−1), …, 1; linear between them. */
  | { family: 'empirical'; knots: number[] };

export type MarginalFamily = Marginal['family'];

/** F(x) of a parametric marginal (the empirical one is handled by the caller, which keeps the sorted data). */
export function marginalCdf(m: Marginal, x: number): number {
  switch (m.family) {
    case 'normal':
      return normalCdf((x - m.mean) / m.sd);
    case 'truncnorm': {
      const lo = normalCdf((m.low - m.mean) / m.sd);
      const hi = normalCdf((m.high - m.mean) / m.sd);
      if (x <= m.low) return 0;
      if (x >= m.high) return 1;
      return hi - lo > 0 ? (normalCdf((x - m.mean) / m.sd) - lo) / (hi - lo) : 0.5;
    }
    case 'lognormal':
      return x <= m.shift ? 0 : normalCdf((Math.log(x - m.shift) - m.mu) / m.sigma);
    case 'uniform':
      return x <= m.low ? 0 : x >= m.high ? 1 : (x - m.low) / (m.high - m.low);
    case 'empirical':
      return empiricalCdf(m.knots, x);
  }
}

/** The inverse of the CDF at u in (0, 1). */
export function marginalQuantile(m: Marginal, u: number): number {
  switch (m.family) {
    case 'normal':
      return m.mean + m.sd * normalQuantile(u);
    case 'truncnorm': {
      const lo = normalCdf((m.low - m.mean) / m.sd);
      const hi = normalCdf((m.high - m.mean) / m.sd);
      const x = m.mean + m.sd * normalQuantile(lo + u * (hi - lo));
      return Math.min(m.high, Math.max(m.low, x));
    }
    case 'lognormal':
      return m.shift + Math.exp(m.mu + m.sigma * normalQuantile(u));
    case 'uniform':
      return m.low + u * (m.high - m.low);
    case 'empirical': {
      const k = m.knots.length;
      const at = Math.min(k - 1, Math.max(0, u * (k - 1)));
      const i = Math.min(k - 2, Math.floor(at));
      if (i < 0) return m.knots[0] as number;
      const a = m.knots[i] as number;
      const b = m.knots[i + 1] as number;
      return a + (at - i) * (b - a);
    }
  }
}

function empiricalCdf(knots: number[], x: number): number {
  const k = knots.length;
  if (x <= (knots[0] as number)) return 0;
  if (x >= (knots[k - 1] as number)) return 1;
  let lo = 0;
  let hi = k - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((knots[mid] as number) <= x) lo = mid;
    else hi = mid;
  }
  const a = knots[lo] as number;
  const b = knots[hi] as number;
  return (lo + (b > a ? (x - a) / (b - a) : 0)) / (k - 1);
}

/** Quantile (type 7: linear between order statistics) of sorted values. */
export function sortedQuantile(sorted: Float64Array, p: number): number {
  const at = p * (sorted.length - 1);
  const i = Math.floor(at);
  const a = sorted[i] as number;
  const b = sorted[Math.min(sorted.length - 1, i + 1)] as number;
  return a + (at - i) * (b - a);
}

/** Kolmogorov–Smirnov statistic of sorted values against a CDF; ties are stepped over together. */
export function ksStatistic(sorted: Float64Array, cdf: (x: number) => number): number {
  const n = sorted.length;
  let d = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && sorted[j + 1] === sorted[i]) j++;
    const f = cdf(sorted[i] as number);
    d = Math.max(d, f - i / n, (j + 1) / n - f);
    i = j + 1;
  }
  return d;
}

function meanSd(values: Float64Array): { mean: number; sd: number } {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / Math.max(1, values.length - 1)) };
}

const phi = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/**
 * The parent normal whose cut to [low, high] has the data's mean and sd: a fixed-point iteration on the truncated
 * normal's moment formulas (moment matching, which is what the method of moments gives; a few dozen steps suffice).
 */
function fitTruncnorm(mean: number, sd: number, low: number, high: number): Marginal | null {
  let mu = mean;
  let sigma = sd;
  for (let step = 0; step < 60; step++) {
    const alpha = (low - mu) / sigma;
    const beta = (high - mu) / sigma;
    const z = normalCdf(beta) - normalCdf(alpha);
    if (!(z > 1e-9)) return null;
    const shift = (phi(alpha) - phi(beta)) / z;
    const cutMean = mu + sigma * shift;
    const cutVar = sigma * sigma * (1 + (alpha * phi(alpha) - beta * phi(beta)) / z - shift * shift);
    if (!(cutVar > 0)) return null;
    mu += mean - cutMean;
    sigma *= Math.sqrt((sd * sd) / cutVar);
    if (!Number.isFinite(mu) || !(sigma > 0) || sigma > 100 * (high - low)) return null;
  }
  return { family: 'truncnorm', mean: mu, sd: sigma, low, high };
}

/** The parametric candidates for sorted present values (at least two distinct). */
export function parametricCandidates(sorted: Float64Array): Marginal[] {
  const low = sorted[0] as number;
  const high = sorted[sorted.length - 1] as number;
  const { mean, sd } = meanSd(sorted);
  const out: Marginal[] = [
    { family: 'normal', mean, sd },
    { family: 'uniform', low, high },
  ];
  const cut = fitTruncnorm(mean, sd, low, high);
  if (cut) out.push(cut);
  if (low >= 0) {
    // Zeros are moved just off the origin so that they have a finite log; positive amounts are taken as they are.
    const shift = low > 0 ? 0 : -(high - low) * 1e-3;
    const lm = meanSd(sorted.map((v) => Math.log(v - shift)));
    if (lm.sd > 0) out.push({ family: 'lognormal', mu: lm.mean, sigma: lm.sd, shift });
  }
  return out;
}

/** Evenly spaced quantiles of sorted values: the empirical marginal with `knots` points (at most the number of values). */
export function empiricalMarginal(sorted: Float64Array, knots: number): Marginal {
  const k = Math.max(2, Math.min(knots, sorted.length));
  return { family: 'empirical', knots: Array.from({ length: k }, (_, i) => sortedQuantile(sorted, i / (k - 1))) };
}
