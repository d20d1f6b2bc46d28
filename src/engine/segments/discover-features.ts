import type { SegmentField } from '../../shared/segment-schemas';
import type { Db } from '../db/open-workspace';
import { REVENUE_LINE_FILTER } from '../db/stats-repo';

/**
 * The behaviour features segments are discovered on, one row per customer with at least one sale order (customers
 * without orders have no behaviour to group by). Money and counts are right-skewed (a few customers spend or order
 * many times the median), so they are log-transformed before standardising; otherwise k-means spends its clusters
 * on the tail. Category shares cover the top categories by revenue; campaign engagement and review stars are
 * missing for customers never sent a campaign or who never reviewed, and are filled with the mean (a z-score of 0:
 * "nothing known" does not pull a customer anywhere).
 */

export type DiscoverFeature = {
  name: string;
  label: string;
  /** How the feature reads in a description and the unit of its raw value. */
  unit: 'days' | 'count' | 'currency' | 'share' | 'stars';
  log: boolean;
  /** The rule-language field with the same meaning, when the feature is one (category shares are not). */
  field?: SegmentField;
  /** For category shares: the category. */
  category?: string;
};

export type FeatureMatrix = {
  features: DiscoverFeature[];
  customerIds: Int32Array;
  /** Raw values, feature-major: raw[f][i] (NaN where missing). */
  raw: Float64Array[];
  /** Standardised values, row-major (n × d), missing filled with 0. */
  z: Float32Array;
  means: number[];
  sds: number[];
  /** Each customer's top category (customer_metrics.top_category), for rules. */
  topCategory: Array<string | null>;
  /** For rules on events: opened, clicked or converted on any campaign; wrote a 1–2 star review; a 4–5 star review. */
  events: { responded: Uint8Array; lowReview: Uint8Array; highReview: Uint8Array };
};

export const TOP_CATEGORIES = 4;

const BASE: DiscoverFeature[] = [
  { name: 'recency_days', label: 'Days since last order', unit: 'days', log: false, field: 'recencyDays' },
  { name: 'orders', label: 'Orders', unit: 'count', log: true, field: 'orders' },
  { name: 'revenue', label: 'Revenue', unit: 'currency', log: true, field: 'revenue' },
  { name: 'avg_order_value', label: 'Average order value', unit: 'currency', log: true, field: 'avgOrderValue' },
  { name: 'tenure_days', label: 'Days since first order', unit: 'days', log: false, field: 'tenureDays' },
  { name: 'returns', label: 'Returns', unit: 'count', log: true, field: 'returns' },
];
const ENGAGEMENT: DiscoverFeature = { name: 'campaign_engagement', label: 'Campaign engagement (opens and clicks)', unit: 'share', log: false };
const STARS: DiscoverFeature = { name: 'review_stars', label: 'Average review stars', unit: 'stars', log: false };

/** The top categories by sale revenue. */
function topCategories(db: Db): string[] {
  return db
    .prepare(
      `SELECT p.category FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
        WHERE ${REVENUE_LINE_FILTER} AND p.category IS NOT NULL
        GROUP BY p.category ORDER BY sum(l.quantity * l.unit_price) DESC, p.category LIMIT ${TOP_CATEGORIES}`,
    )
    .pluck()
    .all() as string[];
}

type Columns = { ids: Int32Array; raw: Float64Array[]; topCategory: Array<string | null>; events: FeatureMatrix['events'] };

function readColumns(db: Db, features: DiscoverFeature[], categories: string[], checkCancelled: () => void): Columns {
  const rows = db
    .prepare(
      `SELECT customer_id, recency_days, orders, revenue, avg_order_value, tenure_days, returns, top_category
         FROM customer_metrics WHERE orders > 0 ORDER BY customer_id`,
    )
    .raw()
    .all() as Array<[number, number, number, number, number, number, number, string | null]>;
  checkCancelled();
  const n = rows.length;
  const ids = new Int32Array(n);
  const raw = features.map(() => new Float64Array(n).fill(Number.NaN));
  const topCategory: Array<string | null> = new Array<string | null>(n);
  const at = new Map<number, number>();
  rows.forEach((row, i) => {
    ids[i] = row[0];
    at.set(row[0], i);
    for (let f = 0; f < BASE.length; f++) (raw[f] as Float64Array)[i] = (row[f + 1] as number | null) ?? Number.NaN;
    topCategory[i] = row[7];
  });

  // Category shares of each customer's sale revenue, in one pass over the order lines.
  const shareAt = BASE.length;
  for (let c = 0; c < categories.length; c++) (raw[shareAt + c] as Float64Array).fill(0);
  const sums = categories.map((_, c) => `sum(CASE WHEN p.category = @c${c} THEN l.quantity * l.unit_price ELSE 0 END)`).join(', ');
  const params = Object.fromEntries(categories.map((name, c) => [`c${c}`, name]));
  if (categories.length > 0) {
    const query = db.prepare(
      `SELECT o.customer_id, sum(l.quantity * l.unit_price), ${sums}
         FROM orders o JOIN order_lines l ON l.order_id = o.id LEFT JOIN products p ON p.id = l.product_id
        WHERE ${REVENUE_LINE_FILTER} AND o.customer_id IS NOT NULL GROUP BY o.customer_id`,
    );
    let seen = 0;
    for (const row of query.raw().iterate(params) as Iterable<number[]>) {
      if (++seen % 20_000 === 0) checkCancelled();
      const i = at.get(row[0] as number);
      const total = row[1] as number;
      if (i === undefined || !(total > 0)) continue;
      for (let c = 0; c < categories.length; c++) (raw[shareAt + c] as Float64Array)[i] = (row[c + 2] as number) / total;
    }
  }
  const engagement = raw[shareAt + categories.length] as Float64Array;
  const stars = raw[shareAt + categories.length + 1] as Float64Array;
  const events = { responded: new Uint8Array(n), lowReview: new Uint8Array(n), highReview: new Uint8Array(n) };
  const campaigns = db.prepare(
    `SELECT customer_id, avg((opened > 0) + (clicked > 0)) / 2.0, max(opened > 0 OR clicked > 0 OR converted > 0)
       FROM campaign_results WHERE sent > 0 GROUP BY customer_id`,
  );
  for (const [id, share, responded] of campaigns.raw().iterate() as Iterable<[number, number, number]>) {
    const i = at.get(id);
    if (i === undefined) continue;
    engagement[i] = share;
    events.responded[i] = responded;
  }
  const reviews = db.prepare(
    'SELECT customer_id, avg(rating), min(rating), max(rating) FROM reviews WHERE rating IS NOT NULL AND customer_id IS NOT NULL GROUP BY customer_id',
  );
  for (const [id, mean, low, high] of reviews.raw().iterate() as Iterable<[number, number, number, number]>) {
    const i = at.get(id);
    if (i === undefined) continue;
    stars[i] = mean;
    events.lowReview[i] = low <= 2 ? 1 : 0;
    events.highReview[i] = high >= 4 ? 1 : 0;
  }
  checkCancelled();
  return { ids, raw, topCategory, events };
}

const transform = (feature: DiscoverFeature, value: number): number => (feature.log ? Math.log1p(Math.max(0, value)) : value);

/** Reads the features of every buyer and standardises them; features without any spread are left out. */
export function readFeatureMatrix(db: Db, checkCancelled: () => void = () => undefined): FeatureMatrix {
  const categories = topCategories(db);
  const all: DiscoverFeature[] = [
    ...BASE,
    ...categories.map((category, c): DiscoverFeature => ({ name: `category_share_${c}`, label: `Share of spend on ${category}`, unit: 'share', log: false, category })),
    ENGAGEMENT,
    STARS,
  ];
  const columns = readColumns(db, all, categories, checkCancelled);
  const n = columns.ids.length;
  const kept: number[] = [];
  const means: number[] = [];
  const sds: number[] = [];
  all.forEach((feature, f) => {
    const values = columns.raw[f] as Float64Array;
    let count = 0;
    let sum = 0;
    let sumSq = 0;
    for (const v of values) {
      if (Number.isNaN(v)) continue;
      const t = transform(feature, v);
      count++;
      sum += t;
      sumSq += t * t;
    }
    // Standardised over all buyers, with the missing ones at the mean: a sparse feature keeps its small overall spread.
    const mean = count > 0 ? sum / count : 0;
    const sd = n > 0 ? Math.sqrt(Math.max(0, sumSq - count * mean * mean) / n) : 0;
    if (sd > 1e-9) {
      kept.push(f);
      means.push(mean);
      sds.push(sd);
    }
  });
  const d = kept.length;
  const z = new Float32Array(n * d);
  kept.forEach((f, j) => {
    const feature = all[f] as DiscoverFeature;
    const values = columns.raw[f] as Float64Array;
    const mean = means[j] as number;
    const sd = sds[j] as number;
    for (let i = 0; i < n; i++) {
      const v = values[i] as number;
      z[i * d + j] = Number.isNaN(v) ? 0 : (transform(feature, v) - mean) / sd;
    }
  });
  return {
    features: kept.map((f) => all[f] as DiscoverFeature),
    customerIds: columns.ids,
    raw: kept.map((f) => columns.raw[f] as Float64Array),
    z,
    means,
    sds,
    topCategory: columns.topCategory,
    events: columns.events,
  };
}
