import { AppError } from '../../shared/errors';
import type { ModelOptions } from '../../shared/model-schemas';
import type { Db } from '../db/open-workspace';
import type { HandlerMap } from '../kernel/handler-types';
import type { AfterJobs } from '../kernel/jobs';
import { readSettings } from '../workspace/settings';
import { fitSource, loadSource, predictClv } from './clv-fit';
import { readLatestSaleDay } from './clv-repo';
import { defaultCutoff } from './features';
import { listModels, readModelCard } from './model-repo';
import { retrainAfterImport } from './retrain';
import { startClvTraining, startPropensityTraining } from './start-jobs';

export const modelsHandlers = {
  'clv.fit': (input, ctx) => fitSource(loadSource(input, ctx), input.model).fit,
  'clv.predict': (input, ctx) => predictClv(input, ctx),
  'models.options': (_input, ctx) => readModelOptions(ctx.workspace().db),
  'models.list': (_input, ctx) => ({ models: listModels(ctx.workspace().db) }),
  'models.get': (input, ctx) => readModelCard(ctx.workspace().db, input.id),
  'models.activate': (input, ctx) => {
    const card = readModelCard(ctx.workspace().db, input.id);
    const what =
      card.kind === 'purchase' ? `purchase model for ${card.category ?? ''}` : card.kind === 'clv' ? 'lifetime value' : card.kind === 'recommend' ? 'recommendations' : card.kind === 'sentiment' ? 'review sentiment' : 'churn model';
    const scoring = card.kind === 'sentiment' ? 'reviews' : 'customers';
    return { jobId: ctx.jobs.start('model.score', `Scoring ${scoring} with ${what} v${card.version}`, { modelId: card.id }).id };
  },
  'models.train': (input, ctx) => {
    const db = ctx.workspace().db;
    // Checked here too, so the form shows the reason at once instead of a failed job.
    const { cutoff, first } = defaultCutoff(db, input.horizonDays);
    if (input.cutoff !== undefined && (input.cutoff > cutoff || input.cutoff <= first)) {
      throw new AppError('bad-input', `The cutoff must fall after ${first} and on or before ${cutoff}, so ${input.horizonDays} days of orders follow it.`, { field: 'cutoff' });
    }
    if (input.category !== undefined && !db.prepare('SELECT 1 FROM products WHERE category = ? LIMIT 1').get(input.category)) {
      throw new AppError('bad-input', `There is no product category "${input.category}" in this workspace.`, { field: 'category' });
    }
    return startPropensityTraining(ctx.jobs, input);
  },
  'models.trainClv': (input, ctx) => {
    if (readLatestSaleDay(ctx.workspace().db) === null) throw new AppError('bad-input', 'This workspace has no sale orders yet. Import orders (or create a demo shop) first.', { field: 'orders' });
    return startClvTraining(ctx.jobs, input);
  },
} satisfies Partial<HandlerMap>;

/** With "retrain after each import" on, an import that changed data retrains the active models. */
export const modelsAfterJobs: AfterJobs = { 'import.run': retrainAfterImport };

const DEFAULT_HORIZON_DAYS = 90;

/** What the model lab needs before training: the order history, categories to predict, and whether it is enough. */
function readModelOptions(db: Db): ModelOptions {
  const range = db
    .prepare(
      `SELECT substr(min(ordered_at), 1, 10) AS first, substr(max(ordered_at), 1, 10) AS last, count(DISTINCT customer_id) AS customers
         FROM orders WHERE kind = 'sale' AND customer_id IS NOT NULL`,
    )
    .get() as { first: string | null; last: string | null; customers: number };
  const historyDays = range.first && range.last ? Math.round((Date.parse(range.last) - Date.parse(range.first)) / 86_400_000) : 0;
  const categories = db
    .prepare(
      `SELECT p.category AS name, count(DISTINCT o.customer_id) AS customers
         FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
        WHERE o.kind = 'sale' AND o.customer_id IS NOT NULL AND p.category IS NOT NULL
        GROUP BY p.category ORDER BY customers DESC, p.category LIMIT 200`,
    )
    .all() as Array<{ name: string; customers: number }>;
  let notEnough: string | null = null;
  if (range.first === null) notEnough = 'There are no sale orders with a customer yet. Import orders (or create a demo shop) first.';
  else if (historyDays < 2 * 30) notEnough = `The orders span only ${historyDays} days. Models need history before a cutoff and a window after it: import at least a few months of orders.`;
  else if (range.customers < 100) notEnough = `Only ${range.customers} customers have orders. Training needs at least a few hundred.`;
  return {
    firstOrderDate: range.first,
    lastOrderDate: range.last,
    historyDays,
    customersWithOrders: range.customers,
    categories,
    defaultHorizonDays: Math.max(7, Math.min(DEFAULT_HORIZON_DAYS, Math.floor(historyDays / 3))),
    notEnough,
    retrainAfterImport: readSettings(db).retrainAfterImport,
  };
}
