import { AppError } from '../../../shared/errors';
import { countPhrase } from './fit-data';
import { minimise } from './optimise';
import { logGamma } from './special';

/**
 * The Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves for customer base
 * analysis", JMR 42(4); Fader & Hardie's note "The Gamma-Gamma model of monetary value", 2013): each purchase's value
 * is Gamma(p, ν) around a customer's own mean, and ν ~ Gamma(q, γ) across customers (γ is called v here, as in
 * `lifetimes`). It is fitted on repeat customers only: x repeat purchases with mean value m̄.
 */

export type SpendRow = { x: number; monetary: number };
export type GammaGammaParams = { p: number; q: number; v: number };
export type GammaGammaFit = GammaGammaParams & {
  logLikelihood: number;
  iterations: number;
  converged: boolean;
  /** Repeat customers with a positive mean spend: the ones the model was fitted on. */
  customers: number;
  /** E[M] = pv/(q − 1) for a customer we know nothing about; null when q ≤ 1 (no finite mean). */
  populationMeanSpend: number | null;
};

export const MIN_SPEND_CUSTOMERS = 10;

/** ln f(m̄ | p, q, v; x) for one repeat customer (x ≥ 1, m̄ > 0). */
export function gammaGammaLogLikelihood(params: GammaGammaParams, x: number, monetary: number): number {
  const { p, q, v } = params;
  const px = p * x;
  return (
    logGamma(px + q) - logGamma(px) - logGamma(q) + q * Math.log(v) + (px - 1) * Math.log(monetary) + px * Math.log(x) - (px + q) * Math.log(v + x * monetary)
  );
}

/** The rows Gamma-Gamma can learn from: repeat customers (x ≥ 1) with a positive mean repeat spend. */
export function spendRows<T extends SpendRow>(rows: readonly T[]): T[] {
  return rows.filter((r) => r.x > 0 && r.monetary > 0 && Number.isFinite(r.monetary));
}

// Parameters beyond e^±20 mean the data pushed the fit to a degenerate corner; stop there instead of overflowing.
const LOG_BOUND = 20;

/** Maximum-likelihood Gamma-Gamma fit on the repeat customers among `rows`; throws bad-input if too few. */
export function fitGammaGamma(rows: readonly SpendRow[]): GammaGammaFit {
  const used = spendRows(rows);
  if (used.length < MIN_SPEND_CUSTOMERS) {
    throw new AppError(
      'bad-input',
      `The spend model needs at least ${MIN_SPEND_CUSTOMERS} customers with repeat purchases of positive value; ${countPhrase(used.length)}.`,
      { field: 'repeatCustomers', needed: MIN_SPEND_CUSTOMERS, found: used.length },
    );
  }
  const n = used.length;
  const objective = (th: readonly number[]): number => {
    if (th.some((t) => Math.abs(t) > LOG_BOUND)) return Number.POSITIVE_INFINITY;
    const [p, q, v] = th.map(Math.exp) as [number, number, number];
    // The gamma-function terms depend on x alone: once per distinct x, then logs only.
    const byX = new Map<number, number>();
    const common = -logGamma(q) + q * Math.log(v);
    let sum = 0;
    for (const r of used) {
      const px = p * r.x;
      let gammas = byX.get(r.x);
      if (gammas === undefined) {
        gammas = common + logGamma(px + q) - logGamma(px) + px * Math.log(r.x);
        byX.set(r.x, gammas);
      }
      sum += gammas + (px - 1) * Math.log(r.monetary) - (px + q) * Math.log(v + r.x * r.monetary);
    }
    return -sum / n;
  };
  // Start where the mean spend is right: with p = 1 and q = 2, E[M] = v.
  const meanSpend = used.reduce((s, r) => s + r.monetary, 0) / n;
  const result = minimise(objective, [0, Math.log(2), Math.log(meanSpend)]);
  const [p, q, v] = result.x.map(Math.exp) as [number, number, number];
  const atBound = result.x.some((t) => Math.abs(t) > LOG_BOUND - 1);
  return {
    p,
    q,
    v,
    logLikelihood: -result.value * n,
    iterations: result.iterations,
    converged: result.converged && !atBound,
    customers: n,
    populationMeanSpend: q > 1 ? (p * v) / (q - 1) : null,
  };
}

/**
 * E[M | p, q, v, m̄, x] = p(v + x m̄)/(px + q − 1): a weighted average of the population mean and the customer's own
 * mean, the weight on their own mean growing with x. For x = 0 it is the population mean. Null when that mean is
 * not finite (q ≤ 1 and px + q ≤ 1).
 */
export function gammaGammaExpectedSpend(params: GammaGammaParams, x: number, monetary: number): number | null {
  const { p, q, v } = params;
  const m = x > 0 ? monetary : 0;
  const denominator = p * x + q - 1;
  if (denominator <= 0) return null;
  return (p * (v + x * m)) / denominator;
}

export type SpendCorrelation = {
  /** Pearson correlation of repeat purchases x and mean repeat spend among repeat customers; null below 3. */
  correlation: number | null;
  customers: number;
  verdict: 'independent' | 'weak' | 'dependent' | 'unknown';
  message: string;
};

/**
 * Gamma-Gamma assumes how much a customer spends per purchase is independent of how often they buy. The usual
 * check (Fader & Hardie) is the correlation of x and m̄ across repeat customers: near 0 is what the model needs.
 */
export function spendFrequencyCorrelation(rows: readonly SpendRow[]): SpendCorrelation {
  const used = spendRows(rows);
  const n = used.length;
  const r = pearson(used.map((u) => u.x), used.map((u) => u.monetary));
  if (r === null) {
    return { correlation: null, customers: n, verdict: 'unknown', message: 'Too few repeat customers (or no variation) to check whether spend depends on purchase frequency.' };
  }
  const shown = r.toFixed(2);
  if (Math.abs(r) < 0.1) {
    return { correlation: r, customers: n, verdict: 'independent', message: `Spend per purchase does not depend on how often customers buy (correlation ${shown}): the spend model's assumption holds.` };
  }
  if (Math.abs(r) < 0.3) {
    return { correlation: r, customers: n, verdict: 'weak', message: `Spend per purchase is only weakly linked to how often customers buy (correlation ${shown}): the spend model is usable.` };
  }
  return {
    correlation: r,
    customers: n,
    verdict: 'dependent',
    message: `Customers who buy more often spend ${r > 0 ? 'more' : 'less'} per purchase (correlation ${shown}): the spend model assumes they are unrelated, so its spend predictions will be biased; treat lifetime values with care.`,
  };
}

function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 3) return null;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}
