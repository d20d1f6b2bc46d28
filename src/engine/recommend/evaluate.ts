import { createRng } from '../kernel/random';
import type { Fitted } from './algorithms';
import { buildMatrix, buyersPerItem, type Index, type Purchases, type UserItemMatrix } from './interactions';
import { MeanScores, rankingScores, topK, type RankingScores } from './ranking-metrics';

/**
 * The honest protocol (issue 13, item 8): train on everything before a cutoff day; for each customer who bought after
 * it, rank every product they had not bought before the cutoff; the targets are the products they bought after it
 * (and kept) that were new to them. The model and popularity are ranked the same way in the same pass. Customers
 * without purchases before the cutoff get the popular products from the model too (its cold-start fallback), so
 * they count for both. Also the sampled figure papers report: the customer's first new product after the cutoff
 * ranked against 99 products they never bought, drawn at random (ties counted against the target).
 */
export type Split = {
  users: Index;
  items: Index;
  train: UserItemMatrix;
  /** Every product a customer bought before the cutoff, returned or not (not "new" to them). */
  history: UserItemMatrix;
  /** Kept purchases after the cutoff that were new to the customer. */
  targets: UserItemMatrix;
  /** Per customer row: the first new product bought after the cutoff, or -1. */
  firstTarget: Int32Array;
  popularity: Float64Array;
};

export function makeSplit(p: Purchases, users: Index, items: Index, cutoffDay: number, endDay: number, halfLifeDays: number): Split {
  const never = -1e9;
  const train = buildMatrix(p, users, items, { from: never, before: cutoffDay, returnsBefore: cutoffDay, referenceDay: cutoffDay, halfLifeDays });
  const history = buildMatrix(p, users, items, { from: never, before: cutoffDay, returnsBefore: never, referenceDay: cutoffDay, halfLifeDays });
  const after = buildMatrix(p, users, items, { from: cutoffDay, before: endDay, returnsBefore: endDay, referenceDay: endDay, halfLifeDays });
  const indptr = new Int32Array(users.ids.length + 1);
  const indices: number[] = [];
  const seen = new Uint8Array(items.ids.length);
  for (let u = 0; u < users.ids.length; u++) {
    for (let t = history.indptr[u] as number; t < (history.indptr[u + 1] as number); t++) seen[history.indices[t] as number] = 1;
    for (let t = after.indptr[u] as number; t < (after.indptr[u + 1] as number); t++) if (!seen[after.indices[t] as number]) indices.push(after.indices[t] as number);
    for (let t = history.indptr[u] as number; t < (history.indptr[u + 1] as number); t++) seen[history.indices[t] as number] = 0;
    indptr[u + 1] = indices.length;
  }
  const targets: UserItemMatrix = { users: users.ids.length, items: items.ids.length, indptr, indices: Int32Array.from(indices), weight: new Float32Array(indices.length), last: new Float32Array(indices.length) };
  return { users, items, train, history, targets, firstTarget: firstTargets(p, users, items, targets, cutoffDay, endDay), popularity: buyersPerItem(train) };
}

/** The earliest-bought target of each customer (ties: the earlier order, then the earlier line). */
function firstTargets(p: Purchases, users: Index, items: Index, targets: UserItemMatrix, cutoffDay: number, endDay: number): Int32Array {
  const first = new Int32Array(users.ids.length).fill(-1);
  const firstDay = new Int32Array(users.ids.length).fill(2 ** 31 - 1);
  const firstOrder = new Int32Array(users.ids.length).fill(2 ** 31 - 1);
  const isTarget = (u: number, item: number): boolean => {
    for (let t = targets.indptr[u] as number; t < (targets.indptr[u + 1] as number); t++) if (targets.indices[t] === item) return true;
    return false;
  };
  for (let i = 0; i < p.length; i++) {
    const day = p.day[i] as number;
    if (p.isReturn[i] === 1 || day < cutoffDay || day >= endDay) continue;
    const u = users.of.get(p.customer[i] as number);
    const item = items.of.get(p.product[i] as number);
    if (u === undefined || item === undefined) continue;
    const order = p.order[i] as number;
    if (day > (firstDay[u] as number) || (day === firstDay[u] && order >= (firstOrder[u] as number))) continue;
    if (!isTarget(u, item)) continue;
    first[u] = item;
    firstDay[u] = day;
    firstOrder[u] = order;
  }
  return first;
}

export type Evaluation = { model: RankingScores; popularity: RankingScores; sampled99: { model: RankingScores; popularity: RankingScores }; tested: number };

const NEGATIVES = 99;

/** Ranks every tested customer's candidates with the model and with popularity; `checkCancelled` runs every 1,000 customers. */
export function evaluate(split: Split, fitted: Fitted, seed: number, checkCancelled: () => void = () => undefined): Evaluation {
  const nItems = split.items.ids.length;
  const model = new MeanScores();
  const popular = new MeanScores();
  const sampledModel = new MeanScores();
  const sampledPopular = new MeanScores();
  const scores = new Float64Array(nItems);
  const excluded = new Uint8Array(nItems);
  const bought = new Uint8Array(nItems);
  const rng = createRng(seed, 99);
  const { train, history, targets } = split;
  for (let u = 0; u < split.users.ids.length; u++) {
    const start = targets.indptr[u] as number;
    const end = targets.indptr[u + 1] as number;
    if (start === end) continue;
    if (model.count % 1000 === 0) checkCancelled();
    const relevant = new Set<number>();
    for (let t = start; t < end; t++) relevant.add(targets.indices[t] as number);
    for (let t = history.indptr[u] as number; t < (history.indptr[u + 1] as number); t++) excluded[history.indices[t] as number] = 1;
    const skip = (i: number): boolean => excluded[i] === 1;
    const popularTop = topK(split.popularity, 10, skip);
    const warm = (train.indptr[u + 1] as number) > (train.indptr[u] as number);
    if (warm) fitted.score(train, u, scores);
    else scores.set(split.popularity);
    popular.add(rankingScores(popularTop, relevant));
    model.add(rankingScores(warm ? topK(scores, 10, skip) : popularTop, relevant));
    const target = split.firstTarget[u] as number;
    if (target >= 0) {
      for (const i of relevant) bought[i] = 1;
      const negatives = sampleNegatives(rng, nItems, (i) => excluded[i] === 1 || bought[i] === 1, NEGATIVES);
      for (const i of relevant) bought[i] = 0;
      if (negatives.length === NEGATIVES) {
        sampledModel.add(sampledScores(scores, target, negatives));
        sampledPopular.add(sampledScores(split.popularity, target, negatives));
      }
    }
    for (let t = history.indptr[u] as number; t < (history.indptr[u + 1] as number); t++) excluded[history.indices[t] as number] = 0;
  }
  return { model: model.mean(), popularity: popular.mean(), sampled99: { model: sampledModel.mean(), popularity: sampledPopular.mean() }, tested: model.count };
}

/** `count` distinct products the customer never bought, uniformly at random (fewer when there are not that many). */
export function sampleNegatives(rng: () => number, items: number, taken: (i: number) => boolean, count: number): number[] {
  const chosen = new Set<number>();
  let tries = 0;
  while (chosen.size < count && tries < count * 50) {
    tries++;
    const i = Math.floor(rng() * items);
    if (!taken(i)) chosen.add(i);
  }
  return [...chosen];
}

/** The target's place among itself and the negatives (ties go against it), as hit rate and NDCG at 10. */
export function sampledScores(scores: ArrayLike<number>, target: number, negatives: readonly number[]): RankingScores {
  const s = scores[target] as number;
  const above = negatives.filter((i) => !((scores[i] as number) < s)).length;
  const hit = above < 10 ? 1 : 0;
  return { hitRate10: hit, recall10: hit, ndcg10: hit ? 1 / Math.log2(above + 2) : 0 };
}
