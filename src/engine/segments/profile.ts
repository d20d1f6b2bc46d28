import type { SegmentProfile, SegmentRule } from '../../shared/segment-schemas';
import { memoised } from '../kernel/memo';
import { readAsOf } from '../customers/customers-repo';
import type { Db } from '../db/open-workspace';
import { REVENUE_LINE_FILTER } from '../db/stats-repo';
import { readSettings } from '../workspace/settings';
import { SEGMENT_FROM, compileRule } from './compile';
import { sampleIndices } from './discover-kmeans';
import { binColumns, binCounts, readBins, type Bins } from './profile-bins';
import { profileHighlights } from './profile-highlights';

/**
 * A segment's profile against the whole customer base: size and revenue, means of the customer figures, the four
 * distributions on shared bins, category, product, country, RFM and review-sentiment mixes, each with its index
 * (segment ÷ base × 100), plus highlights in words.
 *
 * The rule is evaluated once, into its members' ids; then one pass over the members' figures (everything but
 * purchases and reviews, grouped by country and RFM segment at once), one over their sale lines and one over their
 * reviews. Sizes, revenue, means and distributions are exact. The category, product and review-sentiment mixes are
 * shares, and reading every sale line of a large group is what makes a profile slow (about a microsecond a line,
 * millions of lines at a million customers), so for a group larger than MIX_SAMPLE they are measured on a seeded
 * random sample of MIX_SAMPLE of its customers (a share's margin of error is then about ±1 point). The base side
 * is remembered while the data stays the same, so a profile costs the segment's own reads only.
 */

/** Mixes of larger groups are measured on a seeded random sample of this many customers. */
export const MIX_SAMPLE = 10_000;
const MIX_SEED = 1;

/** The members' ids and, where it is cheap to evaluate again (no subqueries), the rule's WHERE. */
export type Members = { ids: number[]; where: { sql: string; params: unknown[] } | null };
/** Members of a segment, or null for the whole base. */
export type Filter = Members | null;

type MetricSpec = { field: string; label: string; sql: string; notNull?: true };

/** Means over the customers with the figure. */
export const PROFILE_METRICS: MetricSpec[] = [
  { field: 'revenue', label: 'Revenue per customer', sql: 'm.revenue', notNull: true },
  { field: 'orders', label: 'Orders', sql: 'm.orders', notNull: true },
  { field: 'avgOrderValue', label: 'Average order value', sql: 'm.avg_order_value' },
  { field: 'recencyDays', label: 'Days since last order', sql: 'm.recency_days' },
  { field: 'tenureDays', label: 'Days since first order', sql: 'm.tenure_days' },
  { field: 'returns', label: 'Returns', sql: 'm.returns', notNull: true },
  { field: 'clv', label: 'Lifetime value', sql: 'm.clv' },
  { field: 'churnRisk', label: 'Churn risk', sql: 'm.churn_risk' },
  { field: 'pAlive', label: 'P(alive)', sql: 'm.p_alive' },
];

/** What one side (a segment or the base) adds up to; shares and indexes are made from two of these. */
export type Tally = {
  count: number;
  revenue: number;
  metrics: Array<{ sum: number; n: number }>;
  bins: number[][];
  countries: Map<string, number>;
  rfm: Map<string, number>;
  /** Customers the category, product and sentiment mixes were measured on (fewer than `count` when sampled). */
  mixCustomers: number;
  categories: Map<string, number>;
  products: Map<string, number>;
  sentiment: { positive: number; neutral: number; negative: number };
};

const UNKNOWN_COUNTRY = 'Unknown';
const OTHER_COUNTRIES = 'Other countries';
const NO_RFM = 'No orders yet';
const NO_CATEGORY = 'Uncategorised';
const TOP_ROWS = { categories: 10, products: 10, countries: 10 } as const;
/** Countries counted one by one (the base's most common); the rest are "Other countries". */
const COUNTRY_LIST = 30;

const add = (map: Map<string, number>, key: string, value: number): void => void map.set(key, (map.get(key) ?? 0) + value);

/**
 * What both sides are counted on: the histogram bins, the base's most common country values as stored (counted by
 * exact comparison, which costs a third of comparing normalised text on every row; "nl " and "NL" are merged after
 * counting) and its RFM segment names.
 */
export type Layout = { bins: Bins[]; countries: string[]; rfm: string[] };

/** A country as shown: trimmed and upper-case, or "Unknown". */
const countryName = (stored: string): string => stored.trim().toUpperCase() || UNKNOWN_COUNTRY;

/** The base's country values (most common first) and RFM segment names, each read by walking its index. */
export function readLayout(db: Db, bins: Bins[]): Layout {
  const rows = db.prepare('SELECT country FROM customers WHERE country IS NOT NULL GROUP BY country ORDER BY count(*) DESC, country LIMIT ?').pluck().all(COUNTRY_LIST) as string[];
  const rfm = db.prepare('SELECT rfm_segment FROM customer_metrics WHERE rfm_segment IS NOT NULL GROUP BY rfm_segment').pluck().all() as string[];
  return { bins, countries: rows, rfm };
}

/**
 * One pass over the members' figures without GROUP BY (SQLite sorts every row to group, carrying all the summed
 * columns): counts per country and RFM segment are conditional sums over the base's lists.
 */
function tallyFigures(db: Db, filter: Filter, layout: Layout): Pick<Tally, 'count' | 'revenue' | 'metrics' | 'bins' | 'countries' | 'rfm'> {
  const columns = [
    'count(*) AS n',
    'coalesce(sum(m.revenue), 0) AS revenue',
    ...PROFILE_METRICS.flatMap((metric, i) => [`sum(${metric.sql}) AS s${i}`, metric.notNull ? `count(*) AS c${i}` : `count(${metric.sql}) AS c${i}`]),
    ...layout.bins.flatMap((b, i) => binColumns(b, `h${i}`)),
    ...layout.countries.map((_, i) => `sum(c.country = ?) AS k${i}`),
    'sum(c.country IS NULL) AS k_unknown',
    ...layout.rfm.map((_, i) => `sum(m.rfm_segment = ?) AS r${i}`),
    'sum(m.rfm_segment IS NULL) AS r_none',
  ];
  // A simple rule filters its indexed columns directly; a rule with event subqueries joins the members' ids instead.
  let from = SEGMENT_FROM;
  let params: unknown[] = [...layout.countries, ...layout.rfm];
  if (filter?.where) {
    from = `${SEGMENT_FROM} WHERE ${filter.where.sql}`;
    params = [...params, ...filter.where.params];
  } else if (filter) {
    from = 'json_each(?) j JOIN customers c ON c.id = j.value JOIN customer_metrics m ON m.customer_id = c.id';
    params = [...params, JSON.stringify(filter.ids)];
  }
  const row = db.prepare(`SELECT ${columns.join(', ')} FROM ${from}`).get(...params) as Record<string, number | null>;
  const num = (key: string): number => row[key] ?? 0;
  const count = num('n');
  const countries = new Map<string, number>();
  layout.countries.forEach((stored, i) => add(countries, countryName(stored), num(`k${i}`)));
  const listed = [...countries.values()].reduce((a, b) => a + b, 0);
  add(countries, UNKNOWN_COUNTRY, num('k_unknown'));
  countries.set(OTHER_COUNTRIES, count - listed - num('k_unknown'));
  const rfm = new Map<string, number>(layout.rfm.map((name, i) => [name, num(`r${i}`)]));
  rfm.set(NO_RFM, num('r_none'));
  for (const map of [countries, rfm]) for (const [k, v] of map) if (v === 0) map.delete(k);
  return {
    count,
    revenue: num('revenue'),
    metrics: PROFILE_METRICS.map((_, i) => ({ sum: num(`s${i}`), n: num(`c${i}`) })),
    bins: layout.bins.map((b, i) => binCounts(b.edges.map((_, j) => num(`h${i}_${j}`)), num(`h${i}_n`))),
    countries,
    rfm,
  };
}

/** The customers the mixes are measured on: all of them (null: the whole base), or a seeded sample of the large groups. */
function mixScope(db: Db, filter: Filter, limit: number): { ids: string | null; customers: number } {
  const count = filter ? filter.ids.length : (db.prepare(`SELECT count(*) FROM ${SEGMENT_FROM}`).pluck().get() as number);
  if (count <= limit) return { ids: filter ? JSON.stringify(filter.ids) : null, customers: count };
  const ids = filter ? filter.ids : (db.prepare(`SELECT c.id FROM ${SEGMENT_FROM}`).pluck().all() as number[]);
  return { ids: JSON.stringify(Array.from(sampleIndices(ids.length, limit, MIX_SEED), (i) => ids[i] as number)), customers: limit };
}

/** Sale revenue by category and product over the customers' order lines (one pass). */
function tallyPurchases(db: Db, scope: string | null): Pick<Tally, 'categories' | 'products'> {
  const members = scope !== null ? 'AND o.customer_id IN (SELECT value FROM json_each(?))' : 'AND o.customer_id IS NOT NULL';
  const lines = db.prepare(
    `SELECT l.product_id, l.quantity * l.unit_price FROM orders o JOIN order_lines l ON l.order_id = o.id
      WHERE ${REVENUE_LINE_FILTER} AND l.product_id IS NOT NULL ${members}`,
  );
  const byProduct = new Map<number, number>();
  for (const [id, value] of lines.raw().iterate(...(scope !== null ? [scope] : [])) as Iterable<[number, number]>) byProduct.set(id, (byProduct.get(id) ?? 0) + value);
  const categories = new Map<string, number>();
  const products = new Map<string, number>();
  const product = db.prepare('SELECT name, category FROM products WHERE id = ?');
  for (const [id, revenue] of byProduct) {
    const p = product.get(id) as { name: string; category: string | null } | undefined;
    if (!p) continue;
    add(categories, p.category ?? NO_CATEGORY, revenue);
    add(products, p.name, revenue);
  }
  return { categories, products };
}

/** Reviews by sentiment from their stars: 4–5 positive, 3 neutral, 1–2 negative. */
function tallySentiment(db: Db, scope: string | null): Tally['sentiment'] {
  const members = scope !== null ? 'AND v.customer_id IN (SELECT value FROM json_each(?))' : 'AND v.customer_id IS NOT NULL';
  const row = db
    .prepare(
      `SELECT coalesce(sum(v.rating >= 4), 0) AS positive, coalesce(sum(v.rating = 3), 0) AS neutral, coalesce(sum(v.rating <= 2), 0) AS negative
         FROM reviews v WHERE v.rating IS NOT NULL ${members}`,
    )
    .get(...(scope !== null ? [scope] : [])) as Tally['sentiment'];
  return row;
}

/** Everything one side of a profile adds up to. */
export function tally(db: Db, filter: Filter, layout: Layout, mixLimit: number = MIX_SAMPLE): Tally {
  const scope = mixScope(db, filter, mixLimit);
  return { ...tallyFigures(db, filter, layout), mixCustomers: scope.customers, ...tallyPurchases(db, scope.ids), sentiment: tallySentiment(db, scope.ids) };
}

type Base = { layout: Layout; tally: Tally; currency: string };

/** The whole customer base and what profiles are counted on, remembered while the data stays the same. */
export function readBase(db: Db): Base {
  return memoised(db, 'segments.profile.base', () => {
    const currency = readSettings(db).currency;
    const layout = readLayout(db, readBins(db, currency));
    return { layout, tally: tally(db, null, layout), currency };
  });
}

/** Index = segment ÷ base × 100, rounded; null when either is missing or the base is zero. */
export function indexOf(segment: number | null, base: number | null): number | null {
  if (segment === null || base === null || !Number.isFinite(segment) || !Number.isFinite(base) || base === 0) return null;
  return Math.round((segment / base) * 100);
}

const share = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);
const sumOf = (map: Map<string, number>): number => [...map.values()].reduce((a, b) => a + b, 0);

/** Rows of a mix: the segment's largest values first (ties by name), each with the base share and the index. */
export function shareRows(segment: Map<string, number>, base: Map<string, number>, limit: number, order?: readonly string[]): SegmentProfile['categories'] {
  const segTotal = sumOf(segment);
  const baseTotal = sumOf(base);
  const names = order ? order.filter((name) => segment.has(name) || base.has(name)) : [...new Set([...segment.keys(), ...base.keys()])];
  const rows = names.map((name) => {
    const s = share(segment.get(name) ?? 0, segTotal);
    const b = share(base.get(name) ?? 0, baseTotal);
    return { name, segment: s, base: b, index: segTotal > 0 ? indexOf(s, b) : null };
  });
  if (!order) rows.sort((x, y) => y.segment - x.segment || y.base - x.base || x.name.localeCompare(y.name));
  return rows.slice(0, limit);
}

const mean = (m: { sum: number; n: number }): number | null => (m.n > 0 ? m.sum / m.n : null);

/** The profile of a segment tally against the base. */
export function buildProfile(seg: Tally, base: Base): SegmentProfile {
  const b = base.tally;
  const rfmOrder = [...b.rfm.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).map(([name]) => name);
  const sentimentMap = (t: Tally): Map<string, number> =>
    new Map([
      ['Positive (4–5 stars)', t.sentiment.positive],
      ['Neutral (3 stars)', t.sentiment.neutral],
      ['Negative (1–2 stars)', t.sentiment.negative],
    ]);
  const profile: SegmentProfile = {
    count: seg.count,
    shareCustomers: share(seg.count, b.count),
    shareRevenue: Math.min(1, share(seg.revenue, b.revenue)),
    revenue: Math.round(seg.revenue * 100) / 100,
    currency: base.currency,
    metrics: PROFILE_METRICS.map((metric, i) => {
      const s = mean(seg.metrics[i] as { sum: number; n: number });
      const m = mean(b.metrics[i] as { sum: number; n: number });
      return { field: metric.field, label: metric.label, segment: s, base: m, index: indexOf(s, m) };
    }),
    distributions: base.layout.bins.map((bins, i) => {
      const segCounts = seg.bins[i] as number[];
      const baseCounts = b.bins[i] as number[];
      const segTotal = segCounts.reduce((x, y) => x + y, 0);
      const baseTotal = baseCounts.reduce((x, y) => x + y, 0);
      return {
        field: bins.field,
        label: bins.label,
        bins: bins.labels.map((label, j) => ({ label, segment: share(segCounts[j] ?? 0, segTotal), base: share(baseCounts[j] ?? 0, baseTotal) })),
      };
    }),
    categories: shareRows(seg.categories, b.categories, TOP_ROWS.categories),
    products: shareRows(seg.products, b.products, TOP_ROWS.products),
    countries: shareRows(seg.countries, b.countries, TOP_ROWS.countries),
    rfm: shareRows(seg.rfm, b.rfm, rfmOrder.length, rfmOrder),
    sentiment: shareRows(sentimentMap(seg), sentimentMap(b), 3, ['Positive (4–5 stars)', 'Neutral (3 stars)', 'Negative (1–2 stars)']),
    highlights: [],
  };
  return { ...profile, highlights: profileHighlights(profile, { reviews: seg.sentiment.positive + seg.sentiment.neutral + seg.sentiment.negative }) };
}

/** The members of a rule, evaluated once. */
export function members(db: Db, rule: SegmentRule): Members {
  const { where, params } = compileRule(rule, { asOf: readAsOf(db) });
  const ids = db.prepare(`SELECT c.id FROM ${SEGMENT_FROM} WHERE ${where}`).pluck().all(...params) as number[];
  return { ids, where: /\bSELECT\b/i.test(where) ? null : { sql: where, params } };
}

/** The profile of the customers a rule selects. */
export function profileRule(db: Db, rule: SegmentRule): SegmentProfile {
  const base = readBase(db);
  return buildProfile(tally(db, members(db, rule), base.layout), base);
}
