import { groupRows, prepareFitData, type RfmRow, type WeightedRfm } from './fit-data';
import { hyp2f1 } from './hyp2f1';
import { minimise } from './optimise';
import { logAddExp, logGamma } from './special';
import type { TransactionModel } from './transaction-model';

/**
 * The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way", Marketing Science 24(2)):
 * while alive a customer buys at rate λ ~ Gamma(r, α); after each purchase they drop out with probability
 * p ~ Beta(a, b).
 */

export type BgNbdParams = { r: number; alpha: number; a: number; b: number };
export type BgNbdFit = BgNbdParams & { logLikelihood: number; iterations: number; converged: boolean };

/** ln L(r, α, a, b | x, t_x, T) for one customer, computed in log space (FHL 2005, eq. 6). */
export function bgNbdLogLikelihood(p: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const a1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
  const a2 = logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  // The second term is the chance they dropped out right after their last purchase; it exists only if x > 0.
  const a4 = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : Number.NEGATIVE_INFINITY;
  return a1 + a2 + logAddExp(a3, a4);
}

/** Σ ln L over customers. */
export function bgNbdTotalLogLikelihood(p: BgNbdParams, rows: readonly RfmRow[]): number {
  return groupedLogLikelihood(p, groupRows(rows));
}

/**
 * Σ weight · ln L over grouped histories. The gamma-function terms depend on x alone, and a customer base has far
 * fewer distinct x than distinct histories, so they are computed once per x: the fit's inner loop is then logs only.
 */
function groupedLogLikelihood(p: BgNbdParams, groups: readonly WeightedRfm[]): number {
  const { r, alpha, a, b } = p;
  const byX = new Map<number, number>();
  const common = -logGamma(r) + r * Math.log(alpha) + logGamma(a + b) - logGamma(b);
  const logA = Math.log(a);
  let sum = 0;
  for (const g of groups) {
    let gammas = byX.get(g.x);
    if (gammas === undefined) {
      gammas = common + logGamma(r + g.x) + logGamma(b + g.x) - logGamma(a + b + g.x);
      byX.set(g.x, gammas);
    }
    const alive = -(r + g.x) * Math.log(alpha + g.T);
    const dropped = g.x > 0 ? logA - Math.log(b + g.x - 1) - (r + g.x) * Math.log(alpha + g.tx) : Number.NEGATIVE_INFINITY;
    sum += g.weight * (gammas + logAddExp(alive, dropped));
  }
  return sum;
}

/** Maximum-likelihood BG/NBD fit; throws bad-input when the data cannot support one. */
export function fitBgNbd(rows: readonly RfmRow[]): BgNbdFit {
  const groups = prepareFitData(rows, 'BG/NBD');
  const n = rows.length;
  const unpack = (th: readonly number[]): BgNbdParams => ({
    r: Math.exp(th[0] as number),
    alpha: Math.exp(th[1] as number),
    a: Math.exp(th[2] as number),
    b: Math.exp(th[3] as number),
  });
  // The mean per customer keeps the optimiser's tolerances independent of the number of customers.
  const objective = (th: readonly number[]): number => {
    if (th.some((v) => Math.abs(v) > LOG_BOUND)) return Number.POSITIVE_INFINITY;
    return -groupedLogLikelihood(unpack(th), groups) / n;
  };
  const result = minimise(objective, startingPoint(rows));
  const params = unpack(result.x);
  const atBound = result.x.some((v) => Math.abs(v) > LOG_BOUND - 1);
  return { ...params, logLikelihood: -result.value * n, iterations: result.iterations, converged: result.converged && !atBound };
}

// Parameters beyond e^±20 mean the data pushed the fit to a degenerate corner; stop there instead of overflowing.
const LOG_BOUND = 20;

/** r = 1 and α matched to the observed purchase rate, a = b = 1: a neutral start on the right time scale. */
function startingPoint(rows: readonly RfmRow[]): number[] {
  const purchases = rows.reduce((s, r) => s + r.x, 0);
  const exposure = rows.reduce((s, r) => s + r.T, 0);
  const rate = purchases > 0 && exposure > 0 ? purchases / exposure : 1;
  return [0, Math.log(1 / rate), 0, 0];
}

/** E[X(t)]: expected repeat purchases in a period of length t after a first purchase (FHL 2005, eq. 9). */
export function bgNbdExpectedPurchases(p: BgNbdParams, t: number): number {
  if (t <= 0) return 0;
  return nearOneInA(p, (q) => {
    // (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t)) is, by Pfaff's transformation, ₂F₁(r, a−1; a+b−1; −t/α).
    const f = hyp2f1(q.r, q.a - 1, q.a + q.b - 1, -t / q.alpha);
    return ((q.a + q.b - 1) / (q.a - 1)) * (1 - f);
  });
}

/** P(alive | x, t_x, T) (FHL 2005, eq. 11; Fader, Hardie & Lee 2008 note). */
export function bgNbdProbabilityAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  return 1 / (1 + Math.exp(deadOdds(p, x, tx, T)));
}

/** ln of the odds "dropped out after the last purchase" : "still alive", for x > 0. */
function deadOdds(p: BgNbdParams, x: number, tx: number, T: number): number {
  return Math.log(p.a) - Math.log(p.b + x - 1) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
}

/** E[Y(t) | x, t_x, T]: expected purchases in the next t (FHL 2005, eq. 10). */
export function bgNbdConditionalExpectedPurchases(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  const alive = bgNbdProbabilityAlive(p, x, tx, T);
  return nearOneInA(p, (q) => {
    // ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t)) = ₂F₁(r+x, a−1; a+b+x−1; −t/(α+T)) (Pfaff).
    const f = hyp2f1(q.r + x, q.a - 1, q.a + q.b + x - 1, -t / (q.alpha + T));
    return ((q.a + q.b + x - 1) / (q.a - 1)) * (1 - f) * alive;
  });
}

/**
 * At a = 1 the expectations are 0/0 (the ₂F₁ becomes exactly 1); the function of a is smooth there, so the
 * average of the values just either side is exact to about 1e-12.
 */
function nearOneInA(p: BgNbdParams, f: (q: BgNbdParams) => number): number {
  const h = 1e-6;
  if (Math.abs(p.a - 1) >= h) return f(p);
  return (f({ ...p, a: 1 - h }) + f({ ...p, a: 1 + h })) / 2;
}

/**
 * When to expect the next purchase. In the BG/NBD a customer can only drop out right after a purchase, so one who
 * is still alive will certainly buy again, after a time τ with P(τ > s) = ((α+T)/(α+T+s))^(r+x) (their purchase
 * rate's posterior is Gamma(r+x, α+T)). We report the median of τ for an alive customer, measured from the
 * calibration end: by then half of the alive customers with this history have bought, so the chance this customer
 * has bought by then is P(alive)/2. `withinProbability(s)` is P(alive)·P(τ ≤ s).
 */
export function bgNbdNextPurchase(
  p: BgNbdParams,
  x: number,
  tx: number,
  T: number,
): { probabilityAlive: number; medianIfAlive: number; meanIfAlive: number | null; probabilityByMedian: number } {
  const alive = bgNbdProbabilityAlive(p, x, tx, T);
  const shape = p.r + x;
  const scale = p.alpha + T;
  return {
    probabilityAlive: alive,
    medianIfAlive: scale * Math.expm1(Math.LN2 / shape),
    // A Lomax mean exists only for shape > 1.
    meanIfAlive: shape > 1 ? scale / (shape - 1) : null,
    probabilityByMedian: alive / 2,
  };
}

/** P(at least one purchase in the next s | x, t_x, T) = P(alive)·[1 − ((α+T)/(α+T+s))^(r+x)]. */
export function bgNbdProbabilityPurchaseWithin(p: BgNbdParams, s: number, x: number, tx: number, T: number): number {
  if (s <= 0) return 0;
  const alive = bgNbdProbabilityAlive(p, x, tx, T);
  return alive * -Math.expm1(-(p.r + x) * Math.log1p(s / (p.alpha + T)));
}

/** The fitted BG/NBD as a TransactionModel for validation and CLV. */
export function bgNbdModel(p: BgNbdParams): TransactionModel {
  return {
    name: 'bgnbd',
    expectedPurchases: (t) => bgNbdExpectedPurchases(p, t),
    probabilityAlive: (x, tx, T) => bgNbdProbabilityAlive(p, x, tx, T),
    conditionalExpectedPurchases: (t, x, tx, T) => bgNbdConditionalExpectedPurchases(p, t, x, tx, T),
    medianNextPurchase: (x, tx, T) => bgNbdNextPurchase(p, x, tx, T).medianIfAlive,
  };
}
