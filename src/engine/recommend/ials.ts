import { createRng, normal } from '../kernel/random';
import { transpose, type UserItemMatrix } from './interactions';

/**
 * Implicit alternating least squares (Hu, Koren & Volinsky 2008) with the conjugate-gradient inner solver of Takács,
 * Pilászy & Tikk (2011): each half-step starts from the previous factors and takes a few CG steps on
 * (YᵀY + Yᵀ(Cᵤ − I)Y + λI) xᵤ = YᵀCᵤ p(u), where confidence c = 1 + α·(recency-weighted purchases) and p = 1 for
 * every product the customer kept.
 */
export type IalsConfig = { factors: number; regularization: number; alpha: number; iterations: number; cgSteps: number; seed: number };

export type IalsModel = { factors: number; userFactors: Float32Array; itemFactors: Float32Array };

/** Trains user and item factors; `onIteration` is called after each full sweep (for progress and cancel). */
export function trainIals(m: UserItemMatrix, config: IalsConfig, onIteration?: (iteration: number) => void): IalsModel {
  const k = config.factors;
  const rng = createRng(config.seed, 7);
  const init = (n: number): Float32Array => Float32Array.from({ length: n * k }, () => normal(rng, 0, 0.01));
  const userFactors = init(m.users);
  const itemFactors = init(m.items);
  const byItem = transpose(m);
  for (let it = 0; it < config.iterations; it++) {
    solveSide(userFactors, itemFactors, m, config);
    solveSide(itemFactors, userFactors, byItem, config);
    onIteration?.(it + 1);
  }
  return { factors: k, userFactors, itemFactors };
}

/** The Gram matrix YᵀY (k × k) of the fixed side. */
function gram(fixed: Float32Array, k: number): Float64Array {
  const g = new Float64Array(k * k);
  const rows = fixed.length / k;
  for (let r = 0; r < rows; r++) {
    const o = r * k;
    for (let a = 0; a < k; a++) {
      const va = fixed[o + a] as number;
      if (va === 0) continue;
      for (let b = a; b < k; b++) g[a * k + b] = (g[a * k + b] as number) + va * (fixed[o + b] as number);
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) g[a * k + b] = g[b * k + a] as number;
  return g;
}

/** One half-step: updates every row of `solve` (users or items) against the fixed other side. */
export function solveSide(solve: Float32Array, fixed: Float32Array, rows: UserItemMatrix, config: IalsConfig): void {
  const k = config.factors;
  const lambda = config.regularization;
  const g = gram(fixed, k);
  const x = new Float64Array(k);
  const r = new Float64Array(k);
  const p = new Float64Array(k);
  const ap = new Float64Array(k);
  // A·v = (YᵀY + λI)v + Σᵢ (cᵢ − 1)(yᵢ·v) yᵢ over the row's products.
  const multiply = (v: Float64Array, out: Float64Array, start: number, end: number): void => {
    for (let a = 0; a < k; a++) {
      let s = lambda * (v[a] as number);
      const row = a * k;
      for (let b = 0; b < k; b++) s += (g[row + b] as number) * (v[b] as number);
      out[a] = s;
    }
    for (let t = start; t < end; t++) {
      const o = (rows.indices[t] as number) * k;
      const extra = config.alpha * (rows.weight[t] as number);
      let dot = 0;
      for (let a = 0; a < k; a++) dot += (fixed[o + a] as number) * (v[a] as number);
      const f = extra * dot;
      for (let a = 0; a < k; a++) out[a] = (out[a] as number) + f * (fixed[o + a] as number);
    }
  };
  for (let u = 0; u < rows.users; u++) {
    const start = rows.indptr[u] as number;
    const end = rows.indptr[u + 1] as number;
    const base = u * k;
    if (start === end) {
      solve.fill(0, base, base + k);
      continue;
    }
    for (let a = 0; a < k; a++) x[a] = solve[base + a] as number;
    // r = b − A·x with b = Σᵢ cᵢ yᵢ.
    multiply(x, r, start, end);
    for (let a = 0; a < k; a++) r[a] = -(r[a] as number);
    for (let t = start; t < end; t++) {
      const o = (rows.indices[t] as number) * k;
      const c = 1 + config.alpha * (rows.weight[t] as number);
      for (let a = 0; a < k; a++) r[a] = (r[a] as number) + c * (fixed[o + a] as number);
    }
    p.set(r);
    let rsOld = 0;
    for (let a = 0; a < k; a++) rsOld += (r[a] as number) ** 2;
    for (let step = 0; step < config.cgSteps && rsOld > 1e-12; step++) {
      multiply(p, ap, start, end);
      let pap = 0;
      for (let a = 0; a < k; a++) pap += (p[a] as number) * (ap[a] as number);
      const alpha = rsOld / pap;
      let rsNew = 0;
      for (let a = 0; a < k; a++) {
        x[a] = (x[a] as number) + alpha * (p[a] as number);
        r[a] = (r[a] as number) - alpha * (ap[a] as number);
        rsNew += (r[a] as number) ** 2;
      }
      const beta = rsNew / rsOld;
      for (let a = 0; a < k; a++) p[a] = (r[a] as number) + beta * (p[a] as number);
      rsOld = rsNew;
    }
    for (let a = 0; a < k; a++) solve[base + a] = x[a] as number;
  }
}

/** Scores of every product for one customer's factors: xᵤ · yᵢ. */
export function ialsScores(user: Float32Array | Float64Array, itemFactors: Float32Array, factors: number, out: Float64Array): void {
  const items = itemFactors.length / factors;
  for (let i = 0; i < items; i++) {
    let s = 0;
    const o = i * factors;
    for (let a = 0; a < factors; a++) s += (user[a] as number) * (itemFactors[o + a] as number);
    out[i] = s;
  }
}
