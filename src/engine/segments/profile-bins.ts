import type { Db } from '../db/open-workspace';
import { formatters } from './discover-describe';

/**
 * Histogram bins of a profile's distributions. They depend on the whole customer base only, never on the segment,
 * so a segment, the base and a second segment in a comparison are always drawn on the same bins. Days and orders
 * use fixed bins a marketer reads at a glance; money uses a 1–2–5 style series between the base's 5th and 95th
 * percentiles, so the bins fit the shop's prices in any currency.
 */

export type DistributionField = 'recencyDays' | 'orders' | 'revenue' | 'avgOrderValue';

export type Bins = {
  field: DistributionField;
  label: string;
  /** SQL of the value (customers with orders only; NULL otherwise). */
  sql: string;
  /** Bin i holds values in [edges[i − 1], edges[i]); the first is below edges[0], the last from the last edge up. */
  edges: number[];
  labels: string[];
};

const RECENCY_EDGES = [31, 91, 181, 366, 731];
const RECENCY_LABELS = ['0–30 days', '31–90 days', '91–180 days', '181–365 days', '1–2 years', 'over 2 years'];
const ORDER_EDGES = [2, 3, 4, 6, 11];
const ORDER_LABELS = ['1', '2', '3', '4–5', '6–10', '11 or more'];
const MAX_MONEY_EDGES = 7;
/** Mantissas of nice bin edges, from fine to coarse; the finest series with at most MAX_MONEY_EDGES edges wins. */
const SERIES = [
  [1, 1.5, 2, 3, 5, 7],
  [1, 2, 5],
  [1, 3],
  [1],
] as const;

/**
 * The p-th quantile (0..1) of a money figure over customers who spent something, read from the figure's index alone
 * (revenue > 0 stands for "has orders" there: close enough for choosing bin edges, and no table lookups).
 */
function quantile(db: Db, column: 'revenue' | 'avg_order_value', p: number): number | null {
  const n = db.prepare(`SELECT count(*) FROM customer_metrics WHERE ${column} > 0`).pluck().get() as number;
  if (n === 0) return null;
  const offset = Math.min(n - 1, Math.max(0, Math.floor(p * (n - 1))));
  return db.prepare(`SELECT ${column} FROM customer_metrics WHERE ${column} > 0 ORDER BY ${column} LIMIT 1 OFFSET ?`).pluck().get(offset) as number;
}

/** Nice edges strictly inside (low, high], at most MAX_MONEY_EDGES of them. */
export function niceEdges(low: number, high: number): number[] {
  if (!(high > 0)) return [];
  const floor = Math.max(low, high / 1000, 0.01);
  const series = (mantissas: readonly number[]): number[] => {
    const edges: number[] = [];
    for (let decade = 10 ** Math.floor(Math.log10(floor)); decade <= high * 10; decade *= 10) {
      for (const m of mantissas) {
        const edge = Number((m * decade).toPrecision(6));
        if (edge > low && edge <= high) edges.push(edge);
      }
    }
    return edges;
  };
  for (const mantissas of SERIES) {
    const edges = series(mantissas);
    if (edges.length <= MAX_MONEY_EDGES) return edges.length > 0 ? edges : [Number(high.toPrecision(2))];
  }
  return series([1]);
}

function moneyLabels(edges: number[], currency: string): string[] {
  const fmt = formatters(currency);
  const small = (edges[0] ?? 0) < 10;
  const money = (v: number): string => fmt.money(v, small ? 2 : 0);
  if (edges.length === 0) return ['all'];
  return [
    `under ${money(edges[0] as number)}`,
    ...edges.slice(1).map((edge, i) => `${money(edges[i] as number)}–${money(edge)}`),
    `${money(edges[edges.length - 1] as number)} or more`,
  ];
}

/** The bins of the four distributions for this workspace's customer base. */
export function readBins(db: Db, currency: string): Bins[] {
  const money = (field: 'revenue' | 'avgOrderValue', column: 'revenue' | 'avg_order_value', label: string): Bins => {
    const low = quantile(db, column, 0.05) ?? 0;
    const high = quantile(db, column, 0.95) ?? 0;
    const edges = niceEdges(low, high);
    return { field, label, sql: `CASE WHEN m.orders > 0 THEN m.${column} END`, edges, labels: moneyLabels(edges, currency) };
  };
  return [
    { field: 'recencyDays', label: 'Days since last order', sql: 'm.recency_days', edges: RECENCY_EDGES, labels: RECENCY_LABELS },
    { field: 'orders', label: 'Orders', sql: 'CASE WHEN m.orders > 0 THEN m.orders END', edges: ORDER_EDGES, labels: ORDER_LABELS },
    money('revenue', 'revenue', 'Revenue'),
    money('avgOrderValue', 'avg_order_value', 'Average order value'),
  ];
}

/** SQL columns counting, per edge, the values below it, and the values present: bin counts are their differences. */
export function binColumns(bins: Bins, prefix: string): string[] {
  for (const edge of bins.edges) if (!Number.isFinite(edge)) throw new Error(`bin edge ${edge} is not a number`);
  return [`count(${bins.sql}) AS ${prefix}_n`, ...bins.edges.map((edge, i) => `sum(${bins.sql} < ${edge}) AS ${prefix}_${i}`)];
}

/** Bin counts from the cumulative "below edge" counts and the total present. */
export function binCounts(below: number[], present: number): number[] {
  if (below.length === 0) return [present];
  return [below[0] as number, ...below.slice(1).map((b, i) => b - (below[i] as number)), present - (below[below.length - 1] as number)];
}
