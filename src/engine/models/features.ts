import { AppError } from '../../shared/errors';
import type { Db } from '../db/open-workspace';
import { REVENUE_LINE_FILTER } from '../db/stats-repo';
import type { RawTable, RawValue } from '../ml/table';

/**
 * Customer features for the propensity models, computed in SQL from what was known at the end of a cutoff day,
 * and labels from the window after it, so nothing leaks from the future: every order, return, review and campaign
 * counted in a feature happened on or before the cutoff; only the label looks past it.
 *
 * The population is every customer with at least one sale order on or before the cutoff (a model of churn needs a
 * purchase to churn from). Category and channel shares use the workspace's most common categories and channels.
 */

export type FeatureInfo = {
  name: string;
  label: string;
  description: string;
  /** How a reason reads: `phrase(value)` → "last order 212 days ago". */
  phrase: (value: RawValue) => string;
  categorical?: true;
};

const num = (v: RawValue, digits = 0): string => (typeof v === 'number' ? v.toLocaleString('en-GB', { maximumFractionDigits: digits }) : 'unknown');
const pct = (v: RawValue): string => (typeof v === 'number' ? `${Math.round(v * 100)} %` : 'unknown');
const plural = (v: RawValue, one: string, many: string): string => `${num(v)} ${v === 1 ? one : many}`;

/** The features every workspace computes alike (the share columns below depend on its own top categories). */
export const BASE_FEATURES: FeatureInfo[] = [
  { name: 'recency_days', label: 'Days since last order', description: 'Days from the last sale order to the cutoff.', phrase: (v) => `last order ${plural(v, 'day', 'days')} ago` },
  { name: 'orders', label: 'Orders', description: 'Sale orders up to the cutoff.', phrase: (v) => plural(v, 'order', 'orders') + ' so far' },
  { name: 'revenue', label: 'Revenue', description: 'Revenue of sale orders up to the cutoff.', phrase: (v) => `spent ${num(v, 2)} in total` },
  { name: 'avg_order_value', label: 'Average order value', description: 'Revenue per sale order.', phrase: (v) => `average order of ${num(v, 2)}` },
  { name: 'tenure_days', label: 'Customer for (days)', description: 'Days from the first sale order to the cutoff.', phrase: (v) => `customer for ${plural(v, 'day', 'days')}` },
  { name: 'orders_90d', label: 'Orders in last 90 days', description: 'Sale orders in the 90 days up to the cutoff.', phrase: (v) => `${plural(v, 'order', 'orders')} in the last 90 days` },
  { name: 'orders_365d', label: 'Orders in last year', description: 'Sale orders in the 365 days up to the cutoff.', phrase: (v) => `${plural(v, 'order', 'orders')} in the last year` },
  { name: 'gap_mean_days', label: 'Typical days between orders', description: 'Mean days between consecutive sale orders (two orders or more).', phrase: (v) => (v === null ? 'no repeat order yet' : `usually orders every ${plural(v, 'day', 'days')}`) },
  { name: 'gap_sd_days', label: 'Variation of days between orders', description: 'Standard deviation of the days between orders (three orders or more).', phrase: (v) => (v === null ? 'too few orders to know their rhythm' : `order rhythm varies by ${plural(v, 'day', 'days')}`) },
  { name: 'overdue_ratio', label: 'Overdue (recency ÷ usual gap)', description: 'Days since the last order divided by the typical gap; above 1 means later than usual.', phrase: (v) =>
      v === null
        ? 'no regular buying rhythm yet'
        : typeof v === 'number' && v >= MAX_OVERDUE
          ? 'far longer since the last order than their usual gap'
          : typeof v === 'number' && v >= 1.5
            ? `${num(v, 1)}× their usual gap since the last order`
            : 'ordered within their usual rhythm' },
  { name: 'returns', label: 'Returns', description: 'Return orders up to the cutoff.', phrase: (v) => plural(v, 'return', 'returns') },
  { name: 'return_rate', label: 'Return rate', description: 'Returns per sale order.', phrase: (v) => `returns ${pct(v)} of orders` },
  { name: 'reviews', label: 'Reviews written', description: 'Reviews up to the cutoff.', phrase: (v) => plural(v, 'review', 'reviews') + ' written' },
  { name: 'avg_rating', label: 'Average review stars', description: 'Mean star rating of their reviews.', phrase: (v) => (v === null ? 'no reviews' : `reviews average ${num(v, 1)} stars`) },
  { name: 'low_reviews', label: '1–2 star reviews', description: 'Reviews with one or two stars (unhappy customers).', phrase: (v) => plural(v, 'unhappy review', 'unhappy reviews') },
  { name: 'emails_received', label: 'Campaigns received', description: 'Campaign messages sent to them up to the cutoff.', phrase: (v) => plural(v, 'campaign received', 'campaigns received') },
  { name: 'open_rate', label: 'Campaign open rate', description: 'Share of received campaigns they opened.', phrase: (v) => (v === null ? 'no campaigns received' : `opens ${pct(v)} of campaigns`) },
  { name: 'click_rate', label: 'Campaign click rate', description: 'Share of received campaigns they clicked.', phrase: (v) => (v === null ? 'no campaigns received' : `clicks ${pct(v)} of campaigns`) },
  { name: 'accepts_marketing', label: 'Accepts marketing', description: 'Opted in to marketing (1) or not (0).', phrase: (v) => (v === 1 ? 'opted in to marketing' : v === 0 ? 'not opted in to marketing' : 'marketing consent unknown') },
  { name: 'first_order_in_holidays', label: 'First order in Nov–Dec', description: 'Acquired in the gift season (November or December).', phrase: (v) => (v === 1 ? 'first bought in the gift season' : 'first bought outside the gift season') },
  { name: 'country', label: 'Country', description: 'Country of the customer.', phrase: (v) => `lives in ${v ?? 'an unknown country'}`, categorical: true },
];

const MAX_CATEGORIES = 6;
/** Orders a few hours apart say nothing about a customer's rhythm: the overdue ratio needs a usual gap of a week. */
const MIN_GAP_DAYS = 7;
/** Beyond 20× their usual gap a customer is simply long overdue; capping keeps the scale meaningful. */
const MAX_OVERDUE = 20;
const MAX_CHANNELS = 3;

export type FeatureSet = { table: RawTable; features: FeatureInfo[]; customerIds: number[] };

export type LabelSpec = { kind: 'churn' } | { kind: 'purchase'; category: string };

const dayAfter = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
export const addDays = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The most common categories (by revenue) and order channels: the columns of the share features. */
function shareColumns(db: Db, cutEnd: string): { categories: string[]; channels: string[] } {
  const categories = db
    .prepare(
      `SELECT p.category FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
        WHERE ${REVENUE_LINE_FILTER} AND p.category IS NOT NULL AND o.ordered_at < @cutEnd
        GROUP BY p.category ORDER BY sum(l.quantity * l.unit_price) DESC, p.category LIMIT ${MAX_CATEGORIES}`,
    )
    .pluck()
    .all({ cutEnd }) as string[];
  const channels = db
    .prepare(
      `SELECT channel FROM orders WHERE kind = 'sale' AND channel IS NOT NULL AND ordered_at < @cutEnd
        GROUP BY channel ORDER BY count(*) DESC, channel LIMIT ${MAX_CHANNELS}`,
    )
    .pluck()
    .all({ cutEnd }) as string[];
  // One channel only carries no information; with several, the last is implied by the others.
  return { categories, channels: channels.length > 1 ? channels.slice(0, -1) : [] };
}

/**
 * The features of every customer with a sale order on or before `cutoff`, and (when `label` is given) whether the
 * event happened in the `horizonDays` after it. Share columns are fixed by `columns` when scoring with a model
 * trained earlier, so the same columns come back.
 */
export function computeFeatures(
  db: Db,
  cutoff: string,
  options: { label?: LabelSpec; horizonDays?: number; columns?: { categories: string[]; channels: string[] } } = {},
): FeatureSet & { columns: { categories: string[]; channels: string[] }; labels: number[] | null } {
  const cutEnd = dayAfter(cutoff);
  const columns = options.columns ?? shareColumns(db, cutEnd);
  const params: Record<string, string | number> = { cutEnd };
  const categoryShares = columns.categories.map((_, i) => `coalesce(cs.c${i} / nullif(cs.total, 0), 0) AS cat_${i}`);
  const categorySums = columns.categories.map((name, i) => {
    params[`cat${i}`] = name;
    return `sum(CASE WHEN p.category = @cat${i} THEN l.quantity * l.unit_price ELSE 0 END) AS c${i}`;
  });
  const channelShares = columns.channels.map((name, i) => {
    params[`ch${i}`] = name;
    return `CAST(b.ch${i} AS REAL) / b.orders AS chan_${i}`;
  });
  const channelSums = columns.channels.map((_, i) => `sum(channel = @ch${i}) AS ch${i}`);

  let labelSql = 'NULL';
  if (options.label) {
    const horizon = options.horizonDays ?? 90;
    params.labelEnd = dayAfter(addDays(cutoff, horizon));
    if (options.label.kind === 'churn') {
      labelSql = `CASE WHEN EXISTS (SELECT 1 FROM orders f WHERE f.customer_id = b.customer_id AND f.kind = 'sale'
                     AND f.ordered_at >= @cutEnd AND f.ordered_at < @labelEnd) THEN 0 ELSE 1 END`;
    } else {
      params.labelCategory = options.label.category;
      labelSql = `CASE WHEN EXISTS (SELECT 1 FROM orders f JOIN order_lines fl ON fl.order_id = f.id JOIN products fp ON fp.id = fl.product_id
                     WHERE f.customer_id = b.customer_id AND f.kind = 'sale' AND fl.quantity > 0 AND fp.category = @labelCategory
                       AND f.ordered_at >= @cutEnd AND f.ordered_at < @labelEnd) THEN 1 ELSE 0 END`;
    }
  }

  const sql = `
    WITH sale AS (
      SELECT o.id, o.customer_id, o.ordered_at, o.channel,
             sum(CASE WHEN ${REVENUE_LINE_FILTER} THEN l.quantity * l.unit_price ELSE 0 END) AS value
        FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id
       WHERE o.kind = 'sale' AND o.customer_id IS NOT NULL AND o.ordered_at < @cutEnd
       GROUP BY o.id
    ),
    gaps AS (
      SELECT customer_id,
             julianday(ordered_at) - julianday(lag(ordered_at) OVER (PARTITION BY customer_id ORDER BY ordered_at, id)) AS gap
        FROM sale
    ),
    gap_stats AS (
      SELECT customer_id, avg(gap) AS gap_mean, count(gap) AS n_gaps,
             CASE WHEN count(gap) >= 2 THEN sqrt(max(0, (sum(gap * gap) - sum(gap) * sum(gap) / count(gap)) / (count(gap) - 1))) END AS gap_sd
        FROM gaps WHERE gap IS NOT NULL GROUP BY customer_id
    ),
    b AS (
      SELECT customer_id, count(*) AS orders, sum(value) AS revenue, min(ordered_at) AS first_at, max(ordered_at) AS last_at,
             sum(julianday(@cutEnd) - julianday(ordered_at) <= 90) AS orders_90d,
             sum(julianday(@cutEnd) - julianday(ordered_at) <= 365) AS orders_365d
             ${channelSums.length ? ', ' + channelSums.join(', ') : ''}
        FROM sale GROUP BY customer_id
    ),
    ret AS (
      SELECT customer_id, count(*) AS returns FROM orders
       WHERE kind = 'return' AND customer_id IS NOT NULL AND ordered_at < @cutEnd GROUP BY customer_id
    ),
    rev AS (
      SELECT customer_id, count(*) AS reviews, avg(rating) AS avg_rating, sum(rating <= 2) AS low_reviews
        FROM reviews WHERE customer_id IS NOT NULL AND reviewed_at < @cutEnd GROUP BY customer_id
    ),
    camp AS (
      SELECT cr.customer_id, count(*) AS received, avg(cr.opened != 0) AS open_rate, avg(cr.clicked != 0) AS click_rate
        FROM campaign_results cr JOIN campaigns k ON k.id = cr.campaign_id
       WHERE k.sent_at < @cutEnd AND cr.sent != 0 GROUP BY cr.customer_id
    )
    ${
      categorySums.length
        ? `, cs AS (
      SELECT o.customer_id, sum(l.quantity * l.unit_price) AS total, ${categorySums.join(', ')}
        FROM orders o JOIN order_lines l ON l.order_id = o.id LEFT JOIN products p ON p.id = l.product_id
       WHERE ${REVENUE_LINE_FILTER} AND o.customer_id IS NOT NULL AND o.ordered_at < @cutEnd GROUP BY o.customer_id
    )`
        : ''
    }
    SELECT b.customer_id AS id,
           CAST(julianday(@cutEnd) - julianday(b.last_at) AS INTEGER) AS recency_days,
           b.orders, round(b.revenue, 2) AS revenue, round(b.revenue / b.orders, 2) AS avg_order_value,
           CAST(julianday(@cutEnd) - julianday(b.first_at) AS INTEGER) AS tenure_days,
           b.orders_90d, b.orders_365d,
           g.gap_mean AS gap_mean_days, g.gap_sd AS gap_sd_days,
           CASE WHEN g.gap_mean >= ${MIN_GAP_DAYS} THEN min(${MAX_OVERDUE}, (julianday(@cutEnd) - julianday(b.last_at)) / g.gap_mean) END AS overdue_ratio,
           coalesce(ret.returns, 0) AS returns, CAST(coalesce(ret.returns, 0) AS REAL) / b.orders AS return_rate,
           coalesce(rev.reviews, 0) AS reviews, rev.avg_rating, coalesce(rev.low_reviews, 0) AS low_reviews,
           coalesce(camp.received, 0) AS emails_received, camp.open_rate, camp.click_rate,
           c.accepts_marketing,
           CAST(substr(b.first_at, 6, 2) IN ('11', '12') AS INTEGER) AS first_order_in_holidays,
           c.country
           ${categoryShares.length ? ', ' + categoryShares.join(', ') : ''}
           ${channelShares.length ? ', ' + channelShares.join(', ') : ''},
           ${labelSql} AS label
      FROM b JOIN customers c ON c.id = b.customer_id
      LEFT JOIN gap_stats g ON g.customer_id = b.customer_id
      LEFT JOIN ret ON ret.customer_id = b.customer_id
      LEFT JOIN rev ON rev.customer_id = b.customer_id
      LEFT JOIN camp ON camp.customer_id = b.customer_id
      ${categorySums.length ? 'LEFT JOIN cs ON cs.customer_id = b.customer_id' : ''}
     ORDER BY b.customer_id`;

  const features: FeatureInfo[] = [
    ...BASE_FEATURES,
    ...columns.categories.map((name, i) => ({
      name: `cat_${i}`,
      label: `Share spent on ${name}`,
      description: `Share of their revenue spent on ${name} (one of the shop's top categories).`,
      phrase: (v: RawValue) => `spends ${pct(v)} on ${name}`,
    })),
    ...columns.channels.map((name, i) => ({
      name: `chan_${i}`,
      label: `Share of orders via ${name}`,
      description: `Share of their orders placed through the ${name} channel.`,
      phrase: (v: RawValue) => `places ${pct(v)} of orders via ${name}`,
    })),
  ];
  const names = features.map((f) => f.name);
  const stmt = db.prepare(sql).raw(true);
  const rows: RawValue[][] = [];
  const customerIds: number[] = [];
  const labels: number[] | null = options.label ? [] : null;
  for (const raw of stmt.iterate(params) as Iterable<RawValue[]>) {
    customerIds.push(raw[0] as number);
    rows.push(raw.slice(1, 1 + names.length).map((v) => (typeof v === 'bigint' ? Number(v) : v)));
    labels?.push(raw[1 + names.length] as number);
  }
  return { table: { columns: names, rows }, features, customerIds, columns, labels };
}

/** The day after which a label window of `horizonDays` still fits before the latest sale day. */
export function defaultCutoff(db: Db, horizonDays: number): { cutoff: string; latest: string; first: string } {
  const range = db.prepare("SELECT substr(min(ordered_at), 1, 10) AS first, substr(max(ordered_at), 1, 10) AS latest FROM orders WHERE kind = 'sale'").get() as {
    first: string | null;
    latest: string | null;
  };
  if (range.latest === null || range.first === null) {
    throw new AppError('bad-input', 'This workspace has no sale orders yet. Import orders (or create a demo shop) first.', { field: 'orders' });
  }
  const cutoff = addDays(range.latest, -horizonDays);
  if (cutoff <= range.first) {
    throw new AppError(
      'bad-input',
      `The orders span ${range.first} to ${range.latest}: too short for a ${horizonDays}-day horizon. A model needs history before the cutoff and ${horizonDays} days after it; import a longer history or choose a shorter horizon.`,
      { field: 'horizonDays' },
    );
  }
  return { cutoff, latest: range.latest, first: range.first };
}
