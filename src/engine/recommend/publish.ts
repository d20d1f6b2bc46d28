import type { Db } from '../db/open-workspace';
import type { Fitted } from './algorithms';
import { buildMatrix, buyersPerItem, type Index, type Purchases, type UserItemMatrix } from './interactions';
import { topK } from './ranking-metrics';
import { bundleRules, type Rule } from './together';
import { readCustomerIds, readProductIds, replaceRecommendations, type RecommendationRow } from './train-repo';

/**
 * Everything a version writes, computed from today's purchases: each customer's "buy again" (products they bought
 * and kept, by recency-weighted purchases) and "discover" (the model's top products new to them, or the popular ones
 * when the model knows nothing of them), similar products and the bought-together rules.
 */
export const TOP_N = 10;

export type Publication = {
  rows: () => Iterable<RecommendationRow>;
  similar: () => Iterable<{ productId: number; rank: number; similarId: number; score: number }>;
  rules: Rule[];
  baskets: number;
};

export function prepare(db: Db, p: Purchases, users: Index, items: Index, fitted: Fitted, halfLifeDays: number, checkCancelled: () => void): { publication: Publication; matrix: UserItemMatrix } {
  const endDay = maxDay(p) + 1;
  const never = -1e9;
  const matrix = buildMatrix(p, users, items, { from: never, before: endDay, returnsBefore: endDay, referenceDay: endDay, halfLifeDays });
  const history = buildMatrix(p, users, items, { from: never, before: endDay, returnsBefore: never, referenceDay: endDay, halfLifeDays });
  const catalogue = readProductIds(db);
  const inCatalogue = (i: number): boolean => catalogue.has(items.ids[i] as number);
  const popularity = buyersPerItem(matrix);
  const popular = topK(popularity, TOP_N, (i) => !inCatalogue(i));
  const customers = readCustomerIds(db);
  const rows = function* (): Iterable<RecommendationRow> {
    const scores = new Float64Array(items.ids.length);
    const excluded = new Uint8Array(items.ids.length);
    let done = 0;
    for (const customerId of customers) {
      if (++done % 5000 === 0) checkCancelled();
      const u = users.of.get(customerId);
      if (u === undefined || (history.indptr[u] as number) === (history.indptr[u + 1] as number)) {
        yield* popular.map((i, r) => ({ customerId, kind: 'discover' as const, rank: r + 1, productId: items.ids[i] as number, score: popularity[i] as number, source: 'popular' as const }));
        continue;
      }
      const start = matrix.indptr[u] as number;
      const kept = Array.from({ length: (matrix.indptr[u + 1] as number) - start }, (_, t) => start + t).filter((t) => inCatalogue(matrix.indices[t] as number));
      kept.sort((a, b) => (matrix.weight[b] as number) - (matrix.weight[a] as number) || (matrix.indices[a] as number) - (matrix.indices[b] as number));
      yield* kept.slice(0, TOP_N).map((t, r) => ({ customerId, kind: 'buy-again' as const, rank: r + 1, productId: items.ids[matrix.indices[t] as number] as number, score: matrix.weight[t] as number, source: 'model' as const }));
      for (let t = history.indptr[u] as number; t < (history.indptr[u + 1] as number); t++) excluded[history.indices[t] as number] = 1;
      const skip = (i: number): boolean => excluded[i] === 1 || !inCatalogue(i);
      let top: number[] = [];
      if (start < (matrix.indptr[u + 1] as number)) {
        fitted.score(matrix, u, scores);
        top = topK(scores, TOP_N, skip);
      }
      const source = top.length > 0 ? ('model' as const) : ('popular' as const);
      if (top.length === 0) top = topK(popularity, TOP_N, skip);
      const from = source === 'model' ? scores : popularity;
      yield* top.map((i, r) => ({ customerId, kind: 'discover' as const, rank: r + 1, productId: items.ids[i] as number, score: from[i] as number, source }));
      for (let t = history.indptr[u] as number; t < (history.indptr[u + 1] as number); t++) excluded[history.indices[t] as number] = 0;
    }
  };
  const similar = function* () {
    for (let i = 0; i < items.ids.length; i++) {
      if (!inCatalogue(i)) continue;
      let rank = 0;
      for (const s of fitted.similar(i, TOP_N * 2)) {
        if (!inCatalogue(s.item)) continue;
        yield { productId: items.ids[i] as number, rank: ++rank, similarId: items.ids[s.item] as number, score: s.score };
        if (rank === TOP_N) break;
      }
    }
  };
  const mined = bundleRules(basketsOf(p), ruleOptions(countOrders(p)));
  const rules = mined.rules.filter((r) => catalogue.has(r.product) && catalogue.has(r.other));
  return { publication: { rows, similar, rules, baskets: mined.baskets }, matrix };
}

/** Writes a publication for version `modelId`; the number of customers given recommendations. */
export function publish(db: Db, modelId: number, publication: Publication): number {
  return replaceRecommendations(db, modelId, publication.rows(), publication.similar(), publication.rules);
}

/** A pair must be in 0.05 % of baskets (at least 5) to be a rule: rarer pairs are mostly chance. */
export const ruleOptions = (baskets: number) => ({ minBaskets: Math.max(5, Math.ceil(baskets * 0.0005)), perProduct: TOP_N, minLift: 1, maxItems: 3000 });

export function maxDay(p: Purchases): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < p.length; i++) if (p.isReturn[i] === 0 && (p.day[i] as number) > max) max = p.day[i] as number;
  return max;
}

function countOrders(p: Purchases): number {
  const orders = new Set<number>();
  for (let i = 0; i < p.length; i++) if (p.isReturn[i] === 0) orders.add(p.order[i] as number);
  return orders.size;
}

/** Sale orders as baskets of product ids. */
export function basketsOf(p: Purchases): number[][] {
  const byOrder = new Map<number, number[]>();
  for (let i = 0; i < p.length; i++) {
    if (p.isReturn[i] === 1) continue;
    const order = p.order[i] as number;
    let basket = byOrder.get(order);
    if (!basket) byOrder.set(order, (basket = []));
    basket.push(p.product[i] as number);
  }
  return [...byOrder.values()];
}
