import { AppError } from '../../shared/errors';
import type { ModelJobResult } from '../../shared/model-schemas';
import type { RankingMetrics, RecommendTrainInput, RecommendTrainResult } from '../../shared/recommend-schemas';
import type { Db } from '../db/open-workspace';
import type { JobControl } from '../kernel/jobs';
import { insertModel, markActive, readModelArtefact, readModelCard, type NewModel } from '../models/model-repo';
import { candidateName, candidates, fit, restore, RECENCY_HALF_LIFE_DAYS, type Candidate, type ModelState } from './algorithms';
import { evaluate, makeSplit } from './evaluate';
import { indexOf, type Purchases } from './interactions';
import { maxDay, prepare, publish } from './publish';
import { readPurchases, recordCard } from './train-repo';

/** What a recommendation version keeps: its products (in the order of the stored weights) and the fitted state. */
export type RecommendArtefact = { kind: 'recommend'; productIds: number[]; halfLifeDays: number; state: ModelState };

const BACKEND = 'JavaScript linear algebra (typed arrays; no TensorFlow)';
/** Share of sale orders after the default cutoff (test) and after the validation cutoff within the rest. */
const TEST_SHARE = 0.1;

const dayOf = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
const isoOf = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** The day from which the last `share` of sale orders (by date) lie, among orders before `before`. */
export function cutoffLeaving(p: Purchases, share: number, before = Number.POSITIVE_INFINITY): number | null {
  const dayOfOrder = new Map<number, number>();
  for (let i = 0; i < p.length; i++) if (p.isReturn[i] === 0 && (p.day[i] as number) < before) dayOfOrder.set(p.order[i] as number, p.day[i] as number);
  const days = Float64Array.from(dayOfOrder.values()).sort();
  if (days.length < 2) return null;
  const day = days[Math.floor(days.length * (1 - share))] as number;
  return day > (days[0] as number) ? day : null;
}

/** `recommend.train`: picks a model on a validation split, measures it on the test split against popularity, then fits it on everything and writes the recommendations. */
export async function trainRecommender(db: Db, input: RecommendTrainInput, control: JobControl): Promise<RecommendTrainResult> {
  const started = Date.now();
  const step = (fraction: number, stage: string, message: string): void => {
    control.checkCancelled();
    control.progress({ fraction, stage, message });
  };
  const check = (): void => control.checkCancelled();
  step(0.01, 'Reading', 'Reading order lines');
  const p = readPurchases(db);
  const lastDay = maxDay(p);
  if (!Number.isFinite(lastDay)) throw new AppError('bad-input', 'This workspace has no sale orders of known customers and products to learn from. Import orders (or create a demo shop) first.', { field: 'orders' });
  const firstDay = minDay(p);
  const cutoffDay = input.cutoff !== undefined ? dayOf(input.cutoff) : cutoffLeaving(p, TEST_SHARE);
  if (cutoffDay === null || cutoffDay <= firstDay || cutoffDay > lastDay) {
    throw new AppError('bad-input', `The cutoff must leave orders before and after it: between ${isoOf(firstDay + 1)} and ${isoOf(lastDay)} for these orders.`, { field: 'cutoff' });
  }
  const validationDay = cutoffLeaving(p, TEST_SHARE, cutoffDay);
  if (validationDay === null || validationDay <= firstDay) throw new AppError('bad-input', 'Too little history before the cutoff to choose a model: choose a later cutoff or import more orders.', { field: 'cutoff' });
  const users = indexOf(p.customer);
  const items = indexOf(saleProducts(p));

  step(0.05, 'Choosing', `Comparing models on ${isoOf(validationDay)} to ${isoOf(cutoffDay - 1)}`);
  const validation = makeSplit(p, users, items, validationDay, cutoffDay, RECENCY_HALF_LIFE_DAYS);
  const tried: Array<{ candidate: Candidate; metrics: RankingMetrics }> = [];
  const options = candidates(input.seed, users.ids.length, items.ids.length);
  for (const [n, candidate] of options.entries()) {
    step(0.05 + (0.45 * n) / options.length, 'Choosing', `Training ${candidateName(candidate)} on the validation split`);
    tried.push({ candidate, metrics: evaluate(validation, fit(candidate, validation.train, check), input.seed, check).model });
  }
  const best = tried.reduce((a, b) => (b.metrics.hitRate10 > a.metrics.hitRate10 || (b.metrics.hitRate10 === a.metrics.hitRate10 && b.metrics.ndcg10 > a.metrics.ndcg10) ? b : a));

  step(0.5, 'Evaluating', `Training ${candidateName(best.candidate)} on orders before ${isoOf(cutoffDay)} and ranking every product`);
  const test = makeSplit(p, users, items, cutoffDay, lastDay + 1, RECENCY_HALF_LIFE_DAYS);
  const measured = evaluate(test, fit(best.candidate, test.train, check), input.seed, check);

  step(0.7, 'Training', 'Training on all orders');
  const final = fit(best.candidate, makeSplit(p, users, items, lastDay + 1, lastDay + 1, RECENCY_HALF_LIFE_DAYS).train, check);
  step(0.8, 'Scoring', 'Recommendations, similar products and bought-together rules');
  const { publication, matrix } = prepare(db, p, users, items, final, RECENCY_HALF_LIFE_DAYS, check);
  const result: Omit<RecommendTrainResult, 'modelId' | 'version'> = {
    algorithm: best.candidate.algorithm,
    candidates: tried.map((t) => ({ algorithm: candidateName(t.candidate), metrics: t.metrics })),
    model: measured.model,
    popularity: measured.popularity,
    sampled99: measured.sampled99,
    cutoff: isoOf(cutoffDay),
    customers: countRows(matrix.indptr),
    products: items.ids.length,
    testedCustomers: measured.tested,
    seconds: 0,
    backend: BACKEND,
    scored: 0,
    rules: publication.rules.length,
  };
  const artefact: RecommendArtefact = { kind: 'recommend', productIds: items.ids, halfLifeDays: RECENCY_HALF_LIFE_DAYS, state: final.artefact() };
  step(0.85, 'Saving', 'Saving the version and its recommendations');
  const saved = db
    .transaction(() => {
      const card = recommendCard({ ...result, seconds: (Date.now() - started) / 1000 }, isoOf(firstDay), isoOf(lastDay), best.candidate);
      const stored = insertModel(db, card, artefact);
      const scored = publish(db, stored.id, publication);
      markActive(db, stored.id, scored);
      recordCard(db, stored.id, { ...card, recommend: { ...result, seconds: card.seconds, scored } });
      return { ...stored, scored };
    })
    .immediate();
  return { modelId: saved.id, version: saved.version, ...result, scored: saved.scored, seconds: (Date.now() - started) / 1000 };
}

function recommendCard(result: Omit<RecommendTrainResult, 'modelId' | 'version'>, from: string, to: string, chosen: Candidate): NewModel {
  const warnings: string[] = [];
  if (result.model.hitRate10 <= result.popularity.hitRate10) warnings.push('The model does not beat the popular products on the test period: its "discover" lists are no better than a bestseller list.');
  if (result.testedCustomers < 100) warnings.push(`Only ${result.testedCustomers} customers bought new products after the cutoff: the figures are uncertain.`);
  return {
    kind: 'recommend',
    category: null,
    backend: result.backend,
    rows: result.customers,
    positives: null,
    seconds: result.seconds,
    headline: { name: 'Hit rate @10', value: result.model.hitRate10 },
    warnings,
    dataWindow: { from, cutoff: result.cutoff, labelEnd: to, horizonDays: null, category: null },
    features: [
      { name: 'purchases', label: 'Purchases', description: `Products each customer bought and kept (returns and cancellations removed), weighted by recency (half-life ${RECENCY_HALF_LIFE_DAYS} days).` },
      { name: 'model', label: 'Model', description: candidateName(chosen) },
    ],
    propensity: null,
    clv: null,
    recommend: result,
    history: [],
  };
}

/** `model.score` for a recommendation version: rewrites the tables from its stored state and today's purchases, and makes it active (activate or roll back). */
export async function activateRecommender(db: Db, modelId: number, control: JobControl): Promise<ModelJobResult> {
  const card = readModelCard(db, modelId);
  const artefact = readModelArtefact<RecommendArtefact>(db, modelId);
  control.progress({ fraction: 0.05, stage: 'Reading', message: 'Reading order lines' });
  const p = readPurchases(db);
  const users = indexOf(p.customer);
  const items = { ids: artefact.productIds, of: new Map(artefact.productIds.map((id, i) => [id, i])) };
  control.checkCancelled();
  control.progress({ fraction: 0.2, stage: 'Scoring', message: `Recommendations with version ${card.version}` });
  const emptyMatrix = { users: 0, items: items.ids.length, indptr: new Int32Array(1), indices: new Int32Array(0), weight: new Float32Array(0), last: new Float32Array(0) };
  const fitted = restore(artefact.state, emptyMatrix);
  const { publication } = prepare(db, p, users, items, fitted, artefact.halfLifeDays, () => control.checkCancelled());
  control.progress({ fraction: 0.6, stage: 'Saving', message: 'Writing recommendations' });
  const scored = db
    .transaction(() => {
      const count = publish(db, modelId, publication);
      markActive(db, modelId, count);
      return count;
    })
    .immediate();
  return { modelId, version: card.version, scored, card: readModelCard(db, modelId) };
}

function minDay(p: Purchases): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < p.length; i++) if (p.isReturn[i] === 0 && (p.day[i] as number) < min) min = p.day[i] as number;
  return min;
}

function saleProducts(p: Purchases): Int32Array {
  return p.product.filter((_, i) => p.isReturn[i] === 0);
}

const countRows = (indptr: Int32Array): number => {
  let n = 0;
  for (let u = 0; u + 1 < indptr.length; u++) if ((indptr[u + 1] as number) > (indptr[u] as number)) n++;
  return n;
};
