import { groupRows, prepareFitData, type RfmRow, type WeightedRfm } from './fit-data';
import { hyp2f1 } from './hyp2f1';
import { minimise } from './optimise';
import { logAddExp, logGamma, logSubExp, oneMinusExpOverK } from './special';
import type { TransactionModel } from './transaction-model';

/**
 * The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987), as implemented in Fader, Hardie & Lee (2005) and
 * Fader & Hardie's note "A Note on Implementing the Pareto/NBD Model in MATLAB" (2005): purchases at rate
 * λ ~ Gamma(r, α) while alive; an exponential lifetime with rate μ ~ Gamma(s, β), so a customer can drop out at
 * any moment, not only after a purchase.
 */

export type ParetoNbdParams = { r: number; alpha: number; s: number; beta: number };
export type ParetoNbdFit = ParetoNbdParams & { logLikelihood: number; iterations: number; converged: boolean };

/**
 * ln A₀, the part of the likelihood for "dropped out between t_x and T":
 * A₀ = ₂F₁(r+s+x, b₂; r+s+x+1; |α−β|/(m+t_x))/(m+t_x)^(r+s+x) − (the same at T), with m = max(α, β) and
 * b₂ = s+1 if α ≥ β, else r+x; choosing m this way keeps the ₂F₁ argument in [0, 1).
 */
function logA0(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const atRecency = a0Term(p, x, tx);
  const atAge = a0Term(p, x, T);
  // A₀ is an integral of a positive density over (t_x, T]; a rounding-level inversion at t_x ≈ T means zero.
  if (atAge >= atRecency) return Number.NEGATIVE_INFINITY;
  return logSubExp(atRecency, atAge);
}

/** ln[₂F₁(r+s+x, b₂; r+s+x+1; |α−β|/(m+t)) / (m+t)^(r+s+x)], one of A₀'s two terms. */
function a0Term(p: ParetoNbdParams, x: number, t: number): number {
  const { r, alpha, s, beta } = p;
  const rsx = r + s + x;
  const alphaLarger = alpha >= beta;
  const m = alphaLarger ? alpha : beta;
  const b2 = alphaLarger ? s + 1 : r + x;
  return Math.log(hyp2f1(rsx, b2, rsx + 1, Math.abs(alpha - beta) / (m + t))) - rsx * Math.log(m + t);
}

/** ln L(r, α, s, β | x, t_x, T) for one customer, in log space (FHL 2005 Pareto/NBD note, eq. 22). */
export function paretoNbdLogLikelihood(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const a1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  const aliveAtT = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const diedBetween = Math.log(s) - Math.log(r + s + x) + logA0(p, x, tx, T);
  return a1 + logAddExp(aliveAtT, diedBetween);
}

/** Σ ln L over customers. */
export function paretoNbdTotalLogLikelihood(p: ParetoNbdParams, rows: readonly RfmRow[]): number {
  return groupedLogLikelihood(p, indexGroups(groupRows(rows)));
}

/**
 * Grouped histories with their shared pieces indexed once before the fit: the gamma term depends on x alone, and
 * each of A₀'s ₂F₁ terms on (x, t) alone; customers who started on the same day share T and many share (x, t_x),
 * so the optimiser's inner loop evaluates each ₂F₁ once per distinct pair instead of twice per history.
 */
type IndexedGroups = {
  groups: readonly WeightedRfm[];
  xs: number[];
  xOf: Int32Array;
  pairs: Array<{ x: number; t: number }>;
  recencyPair: Int32Array;
  agePair: Int32Array;
};

function indexGroups(groups: readonly WeightedRfm[]): IndexedGroups {
  const xs: number[] = [];
  const xIndex = new Map<number, number>();
  const pairs: Array<{ x: number; t: number }> = [];
  const pairIndex = new Map<string, number>();
  const pairOf = (x: number, t: number): number => {
    const key = `${x}|${t}`;
    let i = pairIndex.get(key);
    if (i === undefined) {
      i = pairs.push({ x, t }) - 1;
      pairIndex.set(key, i);
    }
    return i;
  };
  const xOf = new Int32Array(groups.length);
  const recencyPair = new Int32Array(groups.length);
  const agePair = new Int32Array(groups.length);
  groups.forEach((g, k) => {
    let i = xIndex.get(g.x);
    if (i === undefined) {
      i = xs.push(g.x) - 1;
      xIndex.set(g.x, i);
    }
    xOf[k] = i;
    recencyPair[k] = pairOf(g.x, g.tx);
    agePair[k] = pairOf(g.x, g.T);
  });
  return { groups, xs, xOf, pairs, recencyPair, agePair };
}

/** Σ weight · ln L over indexed histories. */
function groupedLogLikelihood(p: ParetoNbdParams, data: IndexedGroups): number {
  const { r, alpha, s, beta } = p;
  const common = -logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  const lead = data.xs.map((x) => common + logGamma(r + x));
  const terms = data.pairs.map(({ x, t }) => a0Term(p, x, t));
  const logS = Math.log(s);
  let sum = 0;
  data.groups.forEach((g, k) => {
    const atRecency = terms[data.recencyPair[k] as number] as number;
    const atAge = terms[data.agePair[k] as number] as number;
    const logA0 = atAge >= atRecency ? Number.NEGATIVE_INFINITY : logSubExp(atRecency, atAge);
    const aliveAtT = -(r + g.x) * Math.log(alpha + g.T) - s * Math.log(beta + g.T);
    const diedBetween = logS - Math.log(r + s + g.x) + logA0;
    sum += g.weight * ((lead[data.xOf[k] as number] as number) + logAddExp(aliveAtT, diedBetween));
  });
  return sum;
}

// Parameters beyond e^±20 mean the data pushed the fit to a degenerate corner; stop there instead of overflowing.
const LOG_BOUND = 20;

/** Maximum-likelihood Pareto/NBD fit; throws bad-input when the data cannot support one. */
export function fitParetoNbd(rows: readonly RfmRow[]): ParetoNbdFit {
  const data = indexGroups(prepareFitData(rows, 'Pareto/NBD'));
  const n = rows.length;
  const unpack = (th: readonly number[]): ParetoNbdParams => ({
    r: Math.exp(th[0] as number),
    alpha: Math.exp(th[1] as number),
    s: Math.exp(th[2] as number),
    beta: Math.exp(th[3] as number),
  });
  const objective = (th: readonly number[]): number => {
    if (th.some((v) => Math.abs(v) > LOG_BOUND)) return Number.POSITIVE_INFINITY;
    return -groupedLogLikelihood(unpack(th), data) / n;
  };
  const purchases = rows.reduce((sum, r) => sum + r.x, 0);
  const exposure = rows.reduce((sum, r) => sum + r.T, 0);
  const meanAge = exposure / n;
  // Start at r = s = 1 with α matched to the purchase rate and β to the customers' mean age.
  const start = [0, Math.log(exposure / purchases), 0, Math.log(meanAge)];
  const result = minimise(objective, start);
  const atBound = result.x.some((v) => Math.abs(v) > LOG_BOUND - 1);
  return { ...unpack(result.x), logLikelihood: -result.value * n, iterations: result.iterations, converged: result.converged && !atBound };
}

/** P(alive | x, t_x, T) = 1/(1 + s/(r+s+x) (α+T)^(r+x) (β+T)^s A₀). */
export function paretoNbdProbabilityAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const logOdds = Math.log(s) - Math.log(r + s + x) + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T) + logA0(p, x, tx, T);
  return 1 / (1 + Math.exp(logOdds));
}

/** E[X(t)] = rβ/(α(s−1)) [1 − (β/(β+t))^(s−1)], with its limit rβ/α · ln((β+t)/β) at s = 1. */
export function paretoNbdExpectedPurchases(p: ParetoNbdParams, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, s, beta } = p;
  return ((r * beta) / alpha) * oneMinusExpOverK(s - 1, -Math.log1p(t / beta));
}

/** E[Y(t) | x, t_x, T] = (r+x)(β+T)/((α+T)(s−1)) [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive). */
export function paretoNbdConditionalExpectedPurchases(p: ParetoNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, s, beta } = p;
  const rate = ((r + x) * (beta + T)) / (alpha + T);
  return rate * oneMinusExpOverK(s - 1, -Math.log1p(t / (beta + T))) * paretoNbdProbabilityAlive(p, x, tx, T);
}

/** The fitted Pareto/NBD as a TransactionModel for validation and CLV. */
export function paretoNbdModel(p: ParetoNbdParams): TransactionModel {
  return {
    name: 'pareto',
    expectedPurchases: (t) => paretoNbdExpectedPurchases(p, t),
    probabilityAlive: (x, tx, T) => paretoNbdProbabilityAlive(p, x, tx, T),
    conditionalExpectedPurchases: (t, x, tx, T) => paretoNbdConditionalExpectedPurchases(p, t, x, tx, T),
  };
}
