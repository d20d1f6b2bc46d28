import type { Db } from '../../../src/engine/db/open-workspace';
import type { EventCondition, FieldCondition, SegmentField, SegmentRule } from '../../../src/shared/segment-schemas';
import { asciiLower, loadOracleRows, type OracleRow } from '../customers/oracle';

/**
 * A segment rule evaluated in memory over every customer, written independently of the compiler (no SQL beyond
 * plain reads of the tables): the reference that counts, member lists and `why` must agree with.
 */

type Order = { at: string; sale: boolean; lines: Array<{ productId: number | null; quantity: number }> };
type Product = { sku: string; name: string; category: string | null };
type Result = { campaignId: string; campaignName: string; sentAt: string; sent: number; opened: number; clicked: number; converted: number };
type Review = { rating: number | null; at: string };

export type SegmentOracleRow = OracleRow & {
  acceptsMarketing: boolean | null;
  orderList: Order[];
  results: Result[];
  reviewList: Review[];
};

export type SegmentOracle = { rows: SegmentOracleRow[]; products: Map<number, Product>; asOf: string | null };

export function loadSegmentOracle(db: Db): SegmentOracle {
  const base = loadOracleRows(db);
  const consent = new Map(
    (db.prepare('SELECT id, accepts_marketing AS a FROM customers').all() as Array<{ id: number; a: number | null }>).map((r) => [r.id, r.a]),
  );
  const orders = new Map<number, Order & { customerId: number | null }>();
  for (const o of db.prepare('SELECT id, customer_id, ordered_at, kind FROM orders').all() as Array<{ id: number; customer_id: number | null; ordered_at: string; kind: string }>) {
    orders.set(o.id, { customerId: o.customer_id, at: o.ordered_at, sale: o.kind === 'sale', lines: [] });
  }
  for (const l of db.prepare('SELECT order_id, product_id, quantity FROM order_lines').all() as Array<{ order_id: number; product_id: number | null; quantity: number }>) {
    orders.get(l.order_id)?.lines.push({ productId: l.product_id, quantity: l.quantity });
  }
  const products = new Map<number, Product>(
    (db.prepare('SELECT id, sku, name, category FROM products').all() as Array<Product & { id: number }>).map((p) => [p.id, p]),
  );
  const results = db
    .prepare(
      `SELECT r.customer_id AS customerId, k.external_id AS campaignId, k.name AS campaignName, k.sent_at AS sentAt, r.sent, r.opened, r.clicked, r.converted
       FROM campaign_results r JOIN campaigns k ON k.id = r.campaign_id`,
    )
    .all() as Array<Result & { customerId: number }>;
  const reviews = db.prepare('SELECT customer_id AS customerId, rating, reviewed_at AS at FROM reviews').all() as Array<Review & { customerId: number | null }>;

  const byCustomer = <T extends { customerId: number | null }>(items: Iterable<T>): Map<number, T[]> => {
    const map = new Map<number, T[]>();
    for (const item of items) {
      if (item.customerId === null) continue;
      const list = map.get(item.customerId) ?? [];
      list.push(item);
      map.set(item.customerId, list);
    }
    return map;
  };
  const ordersBy = byCustomer(orders.values());
  const resultsBy = byCustomer(results);
  const reviewsBy = byCustomer(reviews);
  let asOf: string | null = null;
  for (const o of orders.values()) if (o.sale && (asOf === null || o.at > asOf)) asOf = o.at;
  return {
    products,
    asOf: asOf === null ? null : asOf.slice(0, 10),
    rows: base.map((r) => {
      const a = consent.get(r.id);
      return {
        ...r,
        acceptsMarketing: a === null || a === undefined ? null : a !== 0,
        orderList: ordersBy.get(r.id) ?? [],
        results: resultsBy.get(r.id) ?? [],
        reviewList: reviewsBy.get(r.id) ?? [],
      };
    }),
  };
}

const TEXT_FIELDS: readonly SegmentField[] = ['customerId', 'country', 'city', 'topCategory', 'rfmSegment'];
const DATE_FIELDS: readonly SegmentField[] = ['signupDate', 'firstOrderDate', 'lastOrderDate'];

const valueOf = (row: SegmentOracleRow, field: SegmentField): string | number | boolean | null =>
  field === 'acceptsMarketing' ? row.acceptsMarketing : row[field];

/** Byte order of UTF-8, as SQLite compares text. */
const textCompare = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

function compare(field: SegmentField, a: string | number | boolean, b: unknown): number {
  if (typeof a === 'number') return a - (b as number);
  if (typeof a === 'boolean') return Number(a) - Number(b as boolean);
  if (TEXT_FIELDS.includes(field)) return textCompare(asciiLower(a), asciiLower(String(b)));
  return textCompare(a, String(b));
}

function matchesField(row: SegmentOracleRow, cond: FieldCondition): boolean {
  const v = valueOf(row, cond.field);
  const isText = TEXT_FIELDS.includes(cond.field);
  switch (cond.op) {
    case 'isNull':
      return v === null || (isText && v === '');
    case 'notNull':
      return !(v === null || (isText && v === ''));
    case '!=':
      return !matchesField(row, { ...cond, op: '=' });
    case 'notIn':
      return !matchesField(row, { ...cond, op: 'in' });
    default:
      break;
  }
  if (v === null) return false;
  const q = cond.value;
  switch (cond.op) {
    case '=':
      return compare(cond.field, v, q) === 0;
    case 'in':
      return (q as unknown[]).some((item) => compare(cond.field, v, item) === 0);
    case 'contains':
      return asciiLower(String(v)).includes(asciiLower(String(q)));
    case '<':
      return compare(cond.field, v, q) < 0;
    case '<=':
      return compare(cond.field, v, q) <= 0;
    case '>':
      return compare(cond.field, v, q) > 0;
    case '>=':
      return compare(cond.field, v, q) >= 0;
    case 'between': {
      const [a, b] = q as [unknown, unknown];
      const aFirst = typeof a === 'number' ? a <= (b as number) : textCompare(String(a), String(b)) <= 0;
      const [lo, hi] = aFirst ? [a, b] : [b, a];
      return compare(cond.field, v, lo) >= 0 && compare(cond.field, v, hi) <= 0;
    }
  }
}

/** The first day of the last `days` days, counting `asOf` itself as the last. */
function since(asOf: string | null, days: number | undefined): string | null | undefined {
  if (days === undefined) return undefined;
  if (asOf === null) return null;
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - (days - 1))).toISOString().slice(0, 10);
}
const inWindow = (at: string, from: string | null | undefined): boolean => from === undefined || (from !== null && at >= from);
const sameText = (a: string | null, b: string): boolean => a !== null && asciiLower(a) === asciiLower(b);

function matchesEvent(oracle: SegmentOracle, row: SegmentOracleRow, cond: EventCondition): boolean {
  // The rule generator makes no recommendation conditions (test/unit/recommend/segment.test.ts checks those).
  if (cond.event === 'recommended') throw new Error('the oracle holds no recommendations');
  const from = since(oracle.asOf, cond.withinDays);
  switch (cond.event) {
    case 'purchased': {
      const byProduct = cond.category !== undefined || cond.product !== undefined;
      const times = row.orderList.filter(
        (o) =>
          o.sale &&
          inWindow(o.at, from) &&
          (!byProduct ||
            o.lines.some((l) => {
              const p = l.productId === null ? undefined : oracle.products.get(l.productId);
              return (
                l.quantity > 0 &&
                p !== undefined &&
                (cond.category === undefined || sameText(p.category, cond.category)) &&
                (cond.product === undefined || sameText(p.sku, cond.product) || sameText(p.name, cond.product))
              );
            })),
      ).length;
      const min = cond.minTimes ?? (cond.maxTimes === undefined ? 1 : 0);
      return times >= min && (cond.maxTimes === undefined || times <= cond.maxTimes);
    }
    case 'received':
    case 'responded':
      return row.results.some((r) => {
        const campaign = cond.campaign === undefined || sameText(r.campaignId, cond.campaign) || sameText(r.campaignName, cond.campaign);
        const response =
          cond.event === 'received'
            ? r.sent > 0
            : cond.response === 'opened'
              ? r.opened > 0 || r.clicked > 0 || r.converted > 0
              : cond.response === 'converted'
                ? r.converted > 0
                : r.clicked > 0 || r.converted > 0;
        return campaign && response && inWindow(r.sentAt, from);
      });
    case 'reviewed': {
      const stars = { positive: [4, 5], neutral: [3, 3], negative: [1, 2] } as const;
      return row.reviewList.some((v) => {
        const needsRating = cond.sentiment !== undefined || cond.minRating !== undefined || cond.maxRating !== undefined;
        if (needsRating && v.rating === null) return false;
        const rating = v.rating ?? 0;
        if (cond.sentiment && (rating < stars[cond.sentiment][0] || rating > stars[cond.sentiment][1])) return false;
        if (cond.minRating !== undefined && rating < cond.minRating) return false;
        if (cond.maxRating !== undefined && rating > cond.maxRating) return false;
        return inWindow(v.at, from);
      });
    }
  }
}

/** Whether one customer meets the rule. */
export function matchesRule(oracle: SegmentOracle, row: SegmentOracleRow, rule: SegmentRule): boolean {
  if ('all' in rule) return rule.all.every((r) => matchesRule(oracle, row, r));
  if ('any' in rule) return rule.any.some((r) => matchesRule(oracle, row, r));
  if ('not' in rule) return !matchesRule(oracle, row, rule.not);
  if ('field' in rule) return matchesField(row, rule);
  return matchesEvent(oracle, row, rule);
}

/** The ids of every customer meeting the rule, ascending. */
export const oracleMembers = (oracle: SegmentOracle, rule: SegmentRule): number[] =>
  oracle.rows.filter((row) => matchesRule(oracle, row, rule)).map((row) => row.id).sort((a, b) => a - b);

export { DATE_FIELDS, TEXT_FIELDS };
