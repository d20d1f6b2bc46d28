import type { ForecastResult } from '../../shared/campaign-schemas';
import type { Db } from '../db/open-workspace';
import { activeModelId, activePurchaseModels } from '../models/model-repo';
import { readSettings } from '../workspace/settings';
import { countGroups } from './assign';
import type { CampaignAudience } from './build';
import { baselineFor } from './experiment';
import { historicalBaseline, organicOrderRate } from './history';
import { wilsonInterval } from './stats';

/**
 * What the campaign will likely bring: the response rate of similar past campaigns (scaled by how this audience's
 * predicted propensity compares with the shop's where a model is active), times the contacted customers; revenue at
 * the past revenue per conversion; incremental = above what these customers order anyway in a window of the same
 * length (their own recent rhythm). Intervals carry the spread between past campaigns, not just sampling noise.
 */

type Range = { mean: number; low: number; high: number };
const Z95 = 1.96;
const scale = (r: Range, k: number): Range => ({ mean: r.mean * k, low: Math.min(r.low * k, r.high * k), high: Math.max(r.low * k, r.high * k) });

/** The predictive interval of a new campaign's rate from past ones: mean ± 1.96 sd of their rates. */
function rateRange(rates: number[], pooled: number, recipients: number, conversions: number): Range {
  if (rates.length >= 2) {
    const mean = rates.reduce((s, r) => s + r, 0) / rates.length;
    const sd = Math.sqrt(rates.reduce((s, r) => s + (r - mean) ** 2, 0) / (rates.length - 1));
    return { mean: pooled, low: Math.max(0, pooled - Z95 * sd), high: Math.min(1, pooled + Z95 * sd) };
  }
  const w = wilsonInterval(conversions, recipients);
  return { mean: pooled, low: w.low, high: w.high };
}

/** This audience's average score over the shop's, from the purchase model or else the lifetime-value model. */
function modelMultiplier(db: Db, ids: Int32Array): { factor: number; text: string } | null {
  const purchase = activePurchaseModels(db)[0];
  const source = purchase
    ? { sql: 'SELECT customer_id, probability FROM customer_propensity WHERE model_id = ?', params: [purchase.id], what: `purchase model #${purchase.id} (${purchase.category || 'any category'})`, score: 'purchase propensity' }
    : activeModelId(db, 'clv') !== null
      ? { sql: 'SELECT customer_id, expected_purchases FROM customer_metrics WHERE expected_purchases IS NOT NULL', params: [], what: 'lifetime-value model', score: 'expected purchases' }
      : null;
  if (!source) return null;
  const scores = new Map(db.prepare(source.sql).raw().all(...source.params) as Array<[number, number]>);
  if (scores.size === 0) return null;
  let shop = 0;
  for (const v of scores.values()) shop += v;
  shop /= scores.size;
  let sum = 0;
  let k = 0;
  for (const id of ids) {
    const v = scores.get(id);
    if (v !== undefined) {
      sum += v;
      k++;
    }
  }
  if (k === 0 || shop <= 0) return null;
  const factor = sum / k / shop;
  return { factor, text: `the ${source.what}: this audience's average ${source.score} is ${factor.toFixed(2)}× the shop's` };
}

export function forecastCampaign(db: Db, audience: CampaignAudience): ForecastResult {
  const { plan } = audience;
  const currency = readSettings(db).currency;
  const sizes = countGroups(audience.assigned, audience.groups.length);
  const holdout = audience.groups.reduce((s, g, i) => s + (g.holdout ? (sizes[i] as number) : 0), 0);
  const contacted = audience.ids.length - holdout;
  const contactedIds = audience.ids.filter((_, i) => !audience.groups[audience.assigned[i] as number]?.holdout);
  const history = historicalBaseline(db, plan.channel, plan.goal);
  const baseline = baselineFor(db, plan);
  let rate: Range;
  let source: ForecastResult['source'];
  let sourceText: string;
  if (history && baseline.source !== 'plan') {
    const rates = history.campaigns.map((c) => c.conversions / c.recipients);
    const recipients = history.campaigns.reduce((s, c) => s + c.recipients, 0);
    const conversions = history.campaigns.reduce((s, c) => s + c.conversions, 0);
    rate = rateRange(rates, history.rate, recipients, conversions);
    source = 'history';
    sourceText = `From ${history.text}`;
  } else {
    rate = { mean: baseline.rate, low: baseline.rate * 0.5, high: Math.min(1, baseline.rate * 1.5) };
    source = history ? 'history' : 'none';
    sourceText = `From the baseline ${baseline.text} The interval is ±50 % because there is no spread of past campaigns to go by.`;
  }
  const model = modelMultiplier(db, contactedIds);
  if (model) {
    rate = { mean: Math.min(1, rate.mean * model.factor), low: Math.min(1, rate.low * model.factor), high: Math.min(1, rate.high * model.factor) };
    source = 'model';
    sourceText = `Scaled by ${model.text}. ${sourceText}`;
  }
  const perConversion = history?.revenuePerConversion ?? averageOrderValue(db);
  const organic = organicOrderRate(db, contactedIds, plan.experiment.windowDays) ?? 0;
  const responders = scale(rate, contacted);
  const revenue = scale(responders, perConversion);
  const extra: Range = { mean: rate.mean - organic, low: rate.low - organic, high: rate.high - organic };
  const incrementalRevenue = scale(extra, contacted * perConversion);
  const cost = contacted * plan.forecast.costPerContact;
  const roi =
    cost > 0 ? { mean: (incrementalRevenue.mean - cost) / cost, low: (incrementalRevenue.low - cost) / cost, high: (incrementalRevenue.high - cost) / cost } : null;
  const budget =
    plan.forecast.budget === undefined
      ? null
      : {
          budget: plan.forecast.budget,
          affordableContacts: plan.forecast.costPerContact > 0 ? Math.floor(plan.forecast.budget / plan.forecast.costPerContact) : contacted,
          withinBudget: cost <= plan.forecast.budget,
        };
  sourceText += ` Incremental counts only what is above the ${(organic * 100).toFixed(2)} % of these customers who ordered in a ${plan.experiment.windowDays}-day window anyway.`;
  return { source, sourceText, contacted, holdout, responseRate: rate, responders, revenue, incrementalRevenue, cost, roi, budget, currency };
}

function averageOrderValue(db: Db): number {
  const row = db.prepare('SELECT TOTAL(revenue) AS revenue, TOTAL(orders) AS orders FROM customer_metrics').get() as { revenue: number; orders: number };
  return row.orders > 0 ? row.revenue / row.orders : 0;
}
