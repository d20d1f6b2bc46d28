import { easeScores, trainEase, type EaseConfig, type EaseModel } from './ease';
import { ialsScores, solveSide, trainIals, type IalsConfig } from './ials';
import type { UserItemMatrix } from './interactions';
import { topK } from './ranking-metrics';

/** The candidate models a training compares on its validation split, and what a fitted one can do. */
export type Candidate = { algorithm: 'ials'; config: IalsConfig } | { algorithm: 'ease'; config: EaseConfig };

export const RECENCY_HALF_LIFE_DAYS = 180;

/**
 * What a training compares. iALS costs about users × factors² per sweep, so it is left out above
 * `IALS_MAX_CUSTOMERS` customers; EASE inverts an items × items matrix, so it keeps the `EASE_MAX_PRODUCTS` most
 * bought products.
 */
export const IALS_MAX_CUSTOMERS = 250_000;
export const EASE_MAX_PRODUCTS = 2000;

export function candidates(seed: number, users: number, items: number): Candidate[] {
  const maxItems = Math.min(items, EASE_MAX_PRODUCTS);
  const list: Candidate[] = [
    { algorithm: 'ease', config: { regularization: 200, maxItems, minBuyers: 3 } },
    { algorithm: 'ease', config: { regularization: 1000, maxItems, minBuyers: 3 } },
  ];
  if (users <= IALS_MAX_CUSTOMERS) list.push({ algorithm: 'ials', config: { factors: 64, regularization: 10, alpha: 10, iterations: 10, cgSteps: 3, seed } });
  return list;
}

export const candidateName = (c: Candidate): string =>
  c.algorithm === 'ials' ? `ials (${c.config.factors} factors, λ ${c.config.regularization}, α ${c.config.alpha})` : `ease (λ ${c.config.regularization}, ${c.config.maxItems} products at most)`;

/** A fitted model: scores every product for a customer row of the matrix it is applied to. */
export type Fitted = {
  candidate: Candidate;
  /** Fills `out` (one score per product; -∞ for products it cannot score) for row `user` of `m`. */
  score(m: UserItemMatrix, user: number, out: Float64Array): void;
  /** The most similar products to `item` (full index), best first. */
  similar(item: number, n: number): Array<{ item: number; score: number }>;
  /** What is stored to score again later (activate or roll back). */
  artefact(): ModelState;
};

export type ModelState =
  | { algorithm: 'ials'; config: IalsConfig; itemFactors: string }
  | { algorithm: 'ease'; config: EaseConfig; items: number[]; weights: string };

const encode = (a: Float32Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
const decode = (s: string): Float32Array => {
  const bytes = Buffer.from(s, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};

export function fit(candidate: Candidate, m: UserItemMatrix, checkCancelled: () => void): Fitted {
  if (candidate.algorithm === 'ials') {
    const model = trainIals(m, candidate.config, () => checkCancelled());
    return ialsFitted(candidate.config, model.itemFactors, m, model.userFactors);
  }
  return easeFitted(candidate.config, trainEase(m, candidate.config, checkCancelled));
}

/** Rebuilds a fitted model from its stored state, for the products of the index it was trained on. */
export function restore(state: ModelState, m: UserItemMatrix): Fitted {
  if (state.algorithm === 'ials') return ialsFitted(state.config, decode(state.itemFactors), m, null);
  const items = Int32Array.from(state.items);
  const position = new Int32Array(m.items).fill(-1);
  items.forEach((item, j) => {
    position[item] = j;
  });
  return easeFitted(state.config, { items, weights: decode(state.weights), position });
}

function ialsFitted(config: IalsConfig, itemFactors: Float32Array, trainedOn: UserItemMatrix, userFactors: Float32Array | null): Fitted {
  const k = config.factors;
  const norms = new Float64Array(itemFactors.length / k);
  for (let i = 0; i < norms.length; i++) {
    let s = 0;
    for (let a = 0; a < k; a++) s += (itemFactors[i * k + a] as number) ** 2;
    norms[i] = Math.sqrt(s);
  }
  // Customers of another matrix (a restored version, or today's purchases) are folded in: one least-squares
  // half-step against the fixed item factors, solved from zero with more conjugate-gradient steps.
  const foldIn = new WeakMap<UserItemMatrix, Float32Array>();
  if (userFactors) foldIn.set(trainedOn, userFactors);
  const factorsFor = (m: UserItemMatrix): Float32Array => {
    let users = foldIn.get(m);
    if (!users) {
      users = new Float32Array(m.users * k);
      solveSide(users, itemFactors, m, { ...config, cgSteps: Math.max(config.cgSteps, 8) });
      foldIn.set(m, users);
    }
    return users;
  };
  return {
    candidate: { algorithm: 'ials', config },
    score(m, user, out) {
      ialsScores(factorsFor(m).subarray(user * k, (user + 1) * k), itemFactors, k, out);
    },
    similar(item, n) {
      const scores = new Float64Array(norms.length);
      const ni = norms[item] as number;
      if (ni === 0) return [];
      for (let j = 0; j < norms.length; j++) {
        let dot = 0;
        for (let a = 0; a < k; a++) dot += (itemFactors[item * k + a] as number) * (itemFactors[j * k + a] as number);
        scores[j] = (norms[j] as number) > 0 ? dot / (ni * (norms[j] as number)) : Number.NEGATIVE_INFINITY;
      }
      return topK(scores, n, (j) => j === item).map((j) => ({ item: j, score: scores[j] as number }));
    },
    artefact: () => ({ algorithm: 'ials', config, itemFactors: encode(itemFactors) }),
  };
}

function easeFitted(config: EaseConfig, model: EaseModel): Fitted {
  const n = model.items.length;
  return {
    candidate: { algorithm: 'ease', config },
    score(m, user, out) {
      easeScores(model, m, user, out);
    },
    similar(item, count) {
      const i = model.position[item] ?? -1;
      if (i < 0) return [];
      const row = model.weights.subarray(i * n, (i + 1) * n);
      return topK(row, count, (j) => j === i)
        .filter((j) => (row[j] as number) > 0)
        .map((j) => ({ item: model.items[j] as number, score: row[j] as number }));
    },
    artefact: () => ({ algorithm: 'ease', config, items: Array.from(model.items), weights: encode(model.weights) }),
  };
}
