import type { EventCondition, FieldCondition, SegmentCount, SegmentField, SegmentRule } from '../../shared/segment-schemas';
import type { Db } from '../db/open-workspace';
import { dataVersion, forgetAlso } from '../kernel/memo';
import { purchaseBounds, SENTIMENT_STARS, shiftDay, windowStart } from './compile';
import { FIELD_SQL } from './fields';
import { ruleNode } from './rule-nodes';
import { validateRule } from './validate';

/** Review sentiment labels as stored in the index. */
const SENTIMENT_CODE = { positive: 1, neutral: 2, negative: 3 } as const;

/**
 * An in-memory, columnar copy of what segment rules read, so `segments.count` answers in milliseconds while the user
 * edits a rule (SQL took 0.1–2.6 s at a million customers). compile.ts stays the reference: every test here mirrors
 * its SQL, and test/unit/segments/live-index.test.ts checks the members of random rules against it.
 *
 * - The customers are the rows of customer_metrics (as compileSegment counts them), in id order.
 * - Numbers as Float64Array (NaN = NULL); dates as YYYYMMDD integers of their first ten characters (NO_DAY = NULL);
 *   text as codes into a dictionary of ASCII-lowercased values (0 = NULL), since every text test is NOCASE.
 * - Purchases: sale orders with a customer (order → customer, day) and per product the orders with a line of it
 *   (quantity > 0); campaign results (customer, campaign, response level, sent day); reviews (customer, rating, day).
 *
 * A value of a shape the copy cannot mirror exactly (a date not written YYYY-MM-DD…, text in a number column) makes
 * the build throw, and the caller keeps answering with SQL.
 */

const NO_DAY = -1;

type TextColumn = { kind: 'text'; codes: Int32Array; dict: string[] };
type NumberColumn = { kind: 'number'; values: Float64Array };
type DateColumn = { kind: 'date'; days: Int32Array };
type Column = TextColumn | NumberColumn | DateColumn;

export type LiveIndex = {
  n: number;
  ids: Int32Array;
  revenue: Float64Array;
  totalRevenue: number;
  columns: Record<SegmentField, Column>;
  asOf: string | null;
  /** Sale orders with a customer among `ids`: the customer's index and the order's day. */
  orderCust: Int32Array;
  orderDay: Int32Array;
  /** Per product (by position in `products`), the sale orders holding a line of it with a positive quantity (CSR). */
  productStart: Int32Array;
  productOrders: Int32Array;
  products: Array<{ sku: string | null; name: string | null; category: string | null }>;
  /** Campaign results: customer index, campaign position, bits (1 sent, 2 opened+, 4 clicked+, 8 converted), sent day. */
  resultCust: Int32Array;
  resultCampaign: Int32Array;
  resultBits: Uint8Array;
  campaignDay: Int32Array;
  campaigns: Array<{ externalId: string | null; name: string | null }>;
  /** Reviews with a customer among `ids`. */
  reviewCust: Int32Array;
  reviewRating: Float64Array;
  /** The text analysis's label of each review (SENTIMENT_CODE), 0 where the review was not analysed. */
  reviewSentiment: Uint8Array;
  reviewDay: Int32Array;
  /** Scratch space for evaluation: purchase counters per customer and "order seen" stamps. */
  counter: Uint32Array;
  seen: Uint32Array;
  stamp: number;
  buildMs: number;
  /** Milliseconds per step of the build (customers, orders, lines, campaigns, reviews). */
  buildSteps: Record<string, number>;
};

/** ASCII-only lowercase, as SQLite's NOCASE, LIKE and lower() fold. */
export const asciiLower = (s: string): string => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})/;

/** YYYYMMDD of a stored timestamp's first ten characters: orders like the text (for YYYY-MM-DD…). */
function dayKey(raw: unknown, what: string): number {
  if (raw === null || raw === undefined) return NO_DAY;
  if (typeof raw !== 'string') throw new Error(`live index: ${what} holds a ${typeof raw}, not a date`);
  const m = DAY_RE.exec(raw);
  if (!m) throw new Error(`live index: ${what} holds ${JSON.stringify(raw.slice(0, 20))}, not YYYY-MM-DD`);
  return Number(m[1]) * 10_000 + Number(m[2]) * 100 + Number(m[3]);
}
const queryDay = (day: string): number => dayKey(day, 'a rule');

function dayCache(what: string): (raw: unknown) => number {
  const cache = new Map<string, number>();
  return (raw) => {
    if (typeof raw !== 'string') return dayKey(raw, what);
    const head = raw.slice(0, 10);
    let day = cache.get(head);
    if (day === undefined) {
      day = dayKey(raw, what);
      cache.set(head, day);
    }
    return day;
  };
}

const FIELDS = Object.keys(FIELD_SQL) as SegmentField[];

/** Rows read between two chances to pause a background build (~15 ms of reading). */
const SLICE = 0x3fff;
/** A background build reads for this long per turn of the event loop, then lets waiting requests through. */
const TURN_MS = 30;

/** Builds the index now, with a few scans of the tables. Throws when the data holds something it cannot mirror. */
export function buildLiveIndex(db: Db): LiveIndex {
  const steps = buildSteps(db);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** The build, pausing (yield) every SLICE rows so a background build can let requests through between slices. */
function* buildSteps(db: Db): Generator<void, LiveIndex, void> {
  const started = performance.now();
  let tick = 0;
  const steps: Record<string, number> = {};
  let mark = started;
  const step = (name: string): void => {
    const now = performance.now();
    steps[name] = Math.round(now - mark);
    mark = now;
  };
  const n = db.prepare('SELECT count(*) FROM customer_metrics').pluck().get() as number;
  const maxId = (db.prepare('SELECT coalesce(max(customer_id), 0) FROM customer_metrics').pluck().get() as number) ?? 0;
  if (maxId > 200_000_000) throw new Error('live index: customer ids too large for a lookup table');
  const ids = new Int32Array(n);
  const revenue = new Float64Array(n);
  const indexOf = new Int32Array(maxId + 1).fill(-1);
  const columns = {} as Record<SegmentField, Column>;
  const dictMaps = new Map<SegmentField, Map<string, number>>();
  for (const field of FIELDS) {
    const spec = FIELD_SQL[field];
    if (spec.kind === 'text') {
      columns[field] = { kind: 'text', codes: new Int32Array(n), dict: [''] };
      dictMaps.set(field, new Map());
    } else if (spec.kind === 'date') columns[field] = { kind: 'date', days: new Int32Array(n) };
    else columns[field] = { kind: 'number', values: new Float64Array(n) };
  }
  const put = (field: SegmentField, dayOf: (raw: unknown) => number, i: number, v: unknown): void => {
    const col = columns[field];
    if (col.kind === 'number') {
      if (v === null) col.values[i] = NaN;
      else if (typeof v === 'number') col.values[i] = v;
      else throw new Error(`live index: ${field} holds a ${typeof v}`);
    } else if (col.kind === 'date') {
      col.days[i] = dayOf(v);
    } else if (v === null) {
      col.codes[i] = 0;
    } else if (typeof v !== 'string') {
      throw new Error(`live index: ${field} holds a ${typeof v}`);
    } else {
      const map = dictMaps.get(field) as Map<string, number>;
      const key = asciiLower(v);
      let code = map.get(key);
      if (code === undefined) {
        code = col.dict.length;
        col.dict.push(key);
        map.set(key, code);
      }
      col.codes[i] = code;
    }
  };
  // Each table in one sequential scan (joining them cost a lookup in the wide customers table per row: 7.6 s against
  // ~4 s). Dates are read raw (the stored timestamp), as the compiled ranges compare them; the rest as compared.
  const metricFields = FIELDS.filter((f) => FIELD_SQL[f].table === 'm');
  const customerFields = FIELDS.filter((f) => FIELD_SQL[f].table === 'c');
  const selectOf = (fields: SegmentField[]): string => fields.map((f) => FIELD_SQL[f].raw ?? FIELD_SQL[f].value).join(', ');
  const metricDays = metricFields.map((f) => dayCache(f));
  let i = 0;
  for (const row of db.prepare(`SELECT m.customer_id, m.revenue, ${selectOf(metricFields)} FROM customer_metrics m ORDER BY m.customer_id`).raw(true).iterate() as Iterable<unknown[]>) {
    if ((++tick & SLICE) === 0) yield;
    if (i >= n) throw new Error('live index: customers changed while reading');
    const id = row[0] as number;
    ids[i] = id;
    indexOf[id] = i;
    revenue[i] = row[1] as number;
    for (let f = 0; f < metricFields.length; f++) put(metricFields[f] as SegmentField, metricDays[f] as (raw: unknown) => number, i, row[f + 2]);
    i++;
  }
  const customerDays = customerFields.map((f) => dayCache(f));
  let joined = 0;
  for (const row of db.prepare(`SELECT c.id, ${selectOf(customerFields)} FROM customers c`).raw(true).iterate() as Iterable<unknown[]>) {
    if ((++tick & SLICE) === 0) yield;
    const id = row[0] as number;
    const at = id >= 0 && id <= maxId ? (indexOf[id] as number) : -1;
    if (at < 0) continue;
    joined++;
    for (let f = 0; f < customerFields.length; f++) put(customerFields[f] as SegmentField, customerDays[f] as (raw: unknown) => number, at, row[f + 1]);
  }
  if (joined !== n) throw new Error('live index: figures without their customer');
  if (i !== n) throw new Error('live index: customers changed while reading');
  step('customers');
  let totalRevenue = 0;
  for (let k = 0; k < n; k++) totalRevenue += revenue[k] as number;

  // Sale orders with a customer in the base, compacted; orderSlot maps an order id to its position.
  const orderCount = db.prepare("SELECT count(*) FROM orders WHERE kind = 'sale' AND customer_id IS NOT NULL").pluck().get() as number;
  const maxOrder = db.prepare('SELECT coalesce(max(id), 0) FROM orders').pluck().get() as number;
  if (maxOrder > 400_000_000) throw new Error('live index: order ids too large for a lookup table');
  const orderSlot = new Int32Array(maxOrder + 1).fill(-1);
  let orderCust = new Int32Array(orderCount);
  let orderDay = new Int32Array(orderCount);
  const orderDayOf = dayCache('orders.ordered_at');
  let o = 0;
  for (const [id, cust, at] of db.prepare("SELECT id, customer_id, ordered_at FROM orders WHERE kind = 'sale' AND customer_id IS NOT NULL").raw(true).iterate() as Iterable<
    [number, number, unknown]
  >) {
    if ((++tick & SLICE) === 0) yield;
    const c = cust <= maxId ? (indexOf[cust] as number) : -1;
    if (c < 0 || o >= orderCount) continue;
    orderSlot[id] = o;
    orderCust[o] = c;
    orderDay[o] = orderDayOf(at);
    o++;
  }
  orderCust = orderCust.slice(0, o);
  orderDay = orderDay.slice(0, o);
  step('orders');
  const lastSale = db.prepare("SELECT max(ordered_at) FROM orders WHERE kind = 'sale'").pluck().get() as string | null;
  const asOf = lastSale === null ? null : lastSale.slice(0, 10);

  // Products and their orders (CSR): count per product, then fill.
  const productRows = db.prepare('SELECT id, sku, name, category FROM products ORDER BY id').all() as Array<{ id: number; sku: string | null; name: string | null; category: string | null }>;
  const maxProduct = productRows.reduce((m, p) => Math.max(m, p.id), 0);
  const productPos = new Int32Array(maxProduct + 1).fill(-1);
  productRows.forEach((p, k) => (productPos[p.id] = k));
  for (const p of productRows) {
    for (const v of [p.sku, p.name, p.category]) if (v !== null && typeof v !== 'string') throw new Error('live index: a product text is not text');
  }
  const lineProduct: number[] = [];
  const lineOrder: number[] = [];
  const counts = new Int32Array(productRows.length + 1);
  for (const [pid, oid] of db.prepare('SELECT product_id, order_id FROM order_lines WHERE quantity > 0 AND product_id IS NOT NULL').raw(true).iterate() as Iterable<[number, number]>) {
    if ((++tick & SLICE) === 0) yield;
    const slot = oid <= maxOrder ? (orderSlot[oid] as number) : -1;
    const p = pid <= maxProduct ? (productPos[pid] as number) : -1;
    if (slot < 0 || p < 0) continue;
    lineProduct.push(p);
    lineOrder.push(slot);
    counts[p + 1] = (counts[p + 1] as number) + 1;
  }
  const productStart = new Int32Array(productRows.length + 1);
  for (let p = 0; p < productRows.length; p++) productStart[p + 1] = (productStart[p] as number) + (counts[p + 1] as number);
  const fill = productStart.slice(0, productRows.length);
  const productOrders = new Int32Array(lineOrder.length);
  for (let k = 0; k < lineOrder.length; k++) {
    const p = lineProduct[k] as number;
    productOrders[fill[p] as number] = lineOrder[k] as number;
    fill[p] = (fill[p] as number) + 1;
  }

  step('lines');
  // Campaigns and their results.
  const campaignRows = db.prepare('SELECT id, external_id, name, sent_at FROM campaigns ORDER BY id').all() as Array<{ id: number; external_id: string | null; name: string | null; sent_at: unknown }>;
  const maxCampaign = campaignRows.reduce((m, k) => Math.max(m, k.id), 0);
  const campaignPos = new Int32Array(maxCampaign + 1).fill(-1);
  const campaignDay = new Int32Array(campaignRows.length);
  campaignRows.forEach((k, pos) => {
    campaignPos[k.id] = pos;
    campaignDay[pos] = dayKey(k.sent_at, 'campaigns.sent_at');
    for (const v of [k.external_id, k.name]) if (v !== null && typeof v !== 'string') throw new Error('live index: a campaign text is not text');
  });
  const resultRows = db.prepare('SELECT count(*) FROM campaign_results').pluck().get() as number;
  let resultCust = new Int32Array(resultRows);
  let resultCampaign = new Int32Array(resultRows);
  let resultBits = new Uint8Array(resultRows);
  let r = 0;
  for (const [cust, cid, bits] of db
    .prepare(
      `SELECT customer_id, campaign_id, coalesce(sent > 0, 0) | (coalesce(opened > 0 OR clicked > 0 OR converted > 0, 0) << 1)
              | (coalesce(clicked > 0 OR converted > 0, 0) << 2) | (coalesce(converted > 0, 0) << 3)
       FROM campaign_results WHERE customer_id IS NOT NULL`,
    )
    .raw(true)
    .iterate() as Iterable<[number, number, number | null]>) {
    if ((++tick & SLICE) === 0) yield;
    const c = cust <= maxId && cust >= 0 ? (indexOf[cust] as number) : -1;
    const k = cid <= maxCampaign && cid >= 0 ? (campaignPos[cid] as number) : -1;
    if (c < 0 || k < 0 || r >= resultRows) continue;
    resultCust[r] = c;
    resultCampaign[r] = k;
    resultBits[r] = bits ?? 0;
    r++;
  }
  resultCust = resultCust.slice(0, r);
  resultCampaign = resultCampaign.slice(0, r);
  resultBits = resultBits.slice(0, r);

  step('campaigns');
  // Reviews.
  const reviewTotal = db.prepare('SELECT count(*) FROM reviews WHERE customer_id IS NOT NULL').pluck().get() as number;
  let reviewCust = new Int32Array(reviewTotal);
  let reviewRating = new Float64Array(reviewTotal);
  let reviewSentiment = new Uint8Array(reviewTotal);
  let reviewDay = new Int32Array(reviewTotal);
  const reviewDayOf = dayCache('reviews.reviewed_at');
  let v = 0;
  const reviews = db.prepare('SELECT v.customer_id, v.rating, v.reviewed_at, s.label FROM reviews v LEFT JOIN review_sentiment s ON s.review_id = v.id WHERE v.customer_id IS NOT NULL');
  for (const [cust, rating, at, label] of reviews.raw(true).iterate() as Iterable<[number, unknown, unknown, string | null]>) {
    if ((++tick & SLICE) === 0) yield;
    const c = cust <= maxId && cust >= 0 ? (indexOf[cust] as number) : -1;
    if (c < 0 || v >= reviewTotal) continue;
    if (rating !== null && typeof rating !== 'number') throw new Error('live index: a review rating is not a number');
    reviewCust[v] = c;
    reviewRating[v] = rating === null ? NaN : rating;
    reviewSentiment[v] = label === null ? 0 : (SENTIMENT_CODE[label as keyof typeof SENTIMENT_CODE] ?? 0);
    reviewDay[v] = reviewDayOf(at);
    v++;
  }
  reviewCust = reviewCust.slice(0, v);
  reviewRating = reviewRating.slice(0, v);
  reviewSentiment = reviewSentiment.slice(0, v);
  reviewDay = reviewDay.slice(0, v);

  step('reviews');
  return {
    n,
    ids,
    revenue,
    totalRevenue,
    columns,
    asOf,
    orderCust,
    orderDay,
    productStart,
    productOrders,
    products: productRows.map((p) => ({ sku: p.sku, name: p.name, category: p.category })),
    resultCust,
    resultCampaign,
    resultBits,
    campaignDay,
    campaigns: campaignRows.map((k) => ({ externalId: k.external_id, name: k.name })),
    reviewCust,
    reviewRating,
    reviewSentiment,
    reviewDay,
    counter: new Uint32Array(n),
    seen: new Uint32Array(o),
    stamp: 0,
    buildMs: performance.now() - started,
    buildSteps: steps,
  };
}

/** Thrown for a rule node the index does not hold (membership of a static segment's snapshot): answer with SQL. */
export class LiveIndexUnsupported extends Error {}

type Mask = Uint8Array;

/** SQLite's LIKE stops at a NUL in the value; instr (used for patterns holding one) does not. */
function containsTest(needle: string): (value: string) => boolean {
  const q = asciiLower(needle);
  if (q.includes('\u0000')) return (value) => value.includes(q);
  return (value) => {
    const cut = value.indexOf('\u0000');
    return (cut < 0 ? value : value.slice(0, cut)).includes(q);
  };
}

function textMask(idx: LiveIndex, col: TextColumn, cond: FieldCondition): Mask {
  const table = new Uint8Array(col.dict.length);
  switch (cond.op) {
    case 'isNull':
    case 'notNull':
      table[0] = 1;
      for (let k = 1; k < col.dict.length; k++) if (col.dict[k] === '') table[k] = 1;
      break;
    case '=':
    case '!=':
    case 'in':
    case 'notIn': {
      const wanted = new Set((Array.isArray(cond.value) ? cond.value : [cond.value]).map((x) => asciiLower(String(x))));
      for (let k = 1; k < col.dict.length; k++) if (wanted.has(col.dict[k] as string)) table[k] = 1;
      break;
    }
    case 'contains': {
      const test = containsTest(String(cond.value));
      for (let k = 1; k < col.dict.length; k++) if (test(col.dict[k] as string)) table[k] = 1;
      break;
    }
    default:
      throw new LiveIndexUnsupported(`text ${cond.op}`);
  }
  const mask = new Uint8Array(idx.n);
  const codes = col.codes;
  for (let i = 0; i < idx.n; i++) mask[i] = table[codes[i] as number] as number;
  return mask;
}

function numberMask(idx: LiveIndex, col: NumberColumn, cond: FieldCondition): Mask {
  const mask = new Uint8Array(idx.n);
  const a = col.values;
  const n = idx.n;
  const raw = cond.value;
  const q = typeof raw === 'boolean' ? (raw ? 1 : 0) : (raw as number);
  switch (cond.op) {
    case 'isNull':
    case 'notNull':
      for (let i = 0; i < n; i++) mask[i] = Number.isNaN(a[i] as number) ? 1 : 0;
      break;
    case '=':
    case '!=':
      for (let i = 0; i < n; i++) mask[i] = a[i] === q ? 1 : 0;
      break;
    case 'in':
    case 'notIn': {
      const set = new Set((raw as Array<number | boolean>).map((x) => (typeof x === 'boolean' ? (x ? 1 : 0) : x)));
      // -0 and 0 are one value in SQL and in a Set alike.
      for (let i = 0; i < n; i++) mask[i] = set.has(a[i] as number) ? 1 : 0;
      break;
    }
    case '<':
      for (let i = 0; i < n; i++) mask[i] = (a[i] as number) < q ? 1 : 0;
      break;
    case '<=':
      for (let i = 0; i < n; i++) mask[i] = (a[i] as number) <= q ? 1 : 0;
      break;
    case '>':
      for (let i = 0; i < n; i++) mask[i] = (a[i] as number) > q ? 1 : 0;
      break;
    case '>=':
      for (let i = 0; i < n; i++) mask[i] = (a[i] as number) >= q ? 1 : 0;
      break;
    case 'between': {
      const [x, y] = raw as [number, number];
      const [lo, hi] = x <= y ? [x, y] : [y, x];
      for (let i = 0; i < n; i++) {
        const v = a[i] as number;
        mask[i] = v >= lo && v <= hi ? 1 : 0;
      }
      break;
    }
    default:
      throw new LiveIndexUnsupported(`number ${cond.op}`);
  }
  return mask;
}

/** Dates: `=` on the day; ranges as compile.ts runs them on the stored timestamp (`<= d` is `< d + 1`). */
function dateMask(idx: LiveIndex, col: DateColumn, cond: FieldCondition): Mask {
  const mask = new Uint8Array(idx.n);
  const a = col.days;
  const n = idx.n;
  // Half-open [lo, hi) on day keys; null days never match.
  let lo = -Infinity;
  let hi = Infinity;
  const v = cond.value;
  switch (cond.op) {
    case 'isNull':
    case 'notNull':
      for (let i = 0; i < n; i++) mask[i] = a[i] === NO_DAY ? 1 : 0;
      return mask;
    case '=':
    case '!=':
      lo = queryDay(String(v));
      hi = lo + 1;
      break;
    case '<':
      hi = queryDay(String(v));
      break;
    case '<=':
      hi = queryDay(shiftDay(String(v), 1));
      break;
    case '>':
      lo = queryDay(shiftDay(String(v), 1));
      break;
    case '>=':
      lo = queryDay(String(v));
      break;
    case 'between': {
      const [x, y] = v as [string, string];
      const [from, to] = x <= y ? [x, y] : [y, x];
      lo = queryDay(from);
      hi = queryDay(shiftDay(to, 1));
      break;
    }
    default:
      throw new LiveIndexUnsupported(`date ${cond.op}`);
  }
  for (let i = 0; i < n; i++) {
    const d = a[i] as number;
    mask[i] = d !== NO_DAY && d >= lo && d < hi ? 1 : 0;
  }
  return mask;
}

const NEGATED = new Set(['!=', 'notIn', 'notNull']);

function fieldMask(idx: LiveIndex, cond: FieldCondition): Mask {
  const col = idx.columns[cond.field];
  const mask = col.kind === 'text' ? textMask(idx, col, cond) : col.kind === 'number' ? numberMask(idx, col, cond) : dateMask(idx, col, cond);
  if (NEGATED.has(cond.op)) for (let i = 0; i < idx.n; i++) mask[i] = (mask[i] as number) ^ 1;
  return mask;
}

const sameText = (stored: string | null, wanted: string): boolean => stored !== null && asciiLower(stored) === wanted;

/** The first day key inside the window; Infinity when there are no sales (nothing is within); -Infinity: no window. */
function windowKey(asOf: string | null, withinDays: number | undefined): number {
  const since = windowStart(asOf, withinDays);
  if (since === undefined) return -Infinity;
  if (since === null) return Infinity;
  return queryDay(since);
}

function purchasedMask(idx: LiveIndex, cond: Extract<EventCondition, { event: 'purchased' }>, asOf: string | null): Mask {
  const { min, max } = purchaseBounds(cond);
  const n = idx.n;
  const mask = new Uint8Array(n);
  if (min === 0 && max === undefined) return mask.fill(1);
  const since = windowKey(asOf, cond.withinDays);
  const counter = idx.counter;
  counter.fill(0);
  const { orderCust, orderDay } = idx;
  if (cond.category === undefined && cond.product === undefined) {
    for (let o = 0; o < orderCust.length; o++) {
      if ((orderDay[o] as number) < since) continue;
      const c = orderCust[o] as number;
      counter[c] = (counter[c] as number) + 1;
    }
  } else {
    const category = cond.category === undefined ? undefined : asciiLower(cond.category);
    const product = cond.product === undefined ? undefined : asciiLower(cond.product);
    idx.stamp = (idx.stamp + 1) >>> 0;
    if (idx.stamp === 0) {
      idx.seen.fill(0);
      idx.stamp = 1;
    }
    const stamp = idx.stamp;
    const seen = idx.seen;
    const { productStart, productOrders } = idx;
    idx.products.forEach((p, k) => {
      if (category !== undefined && !sameText(p.category, category)) return;
      if (product !== undefined && !sameText(p.sku, product) && !sameText(p.name, product)) return;
      const end = productStart[k + 1] as number;
      for (let j = productStart[k] as number; j < end; j++) {
        const o = productOrders[j] as number;
        if (seen[o] === stamp || (orderDay[o] as number) < since) continue;
        seen[o] = stamp;
        const c = orderCust[o] as number;
        counter[c] = (counter[c] as number) + 1;
      }
    });
  }
  const hi = max ?? Infinity;
  for (let i = 0; i < n; i++) {
    const t = counter[i] as number;
    mask[i] = t >= min && t <= hi ? 1 : 0;
  }
  return mask;
}

function campaignMask(idx: LiveIndex, cond: Extract<EventCondition, { event: 'received' | 'responded' }>, asOf: string | null): Mask {
  const mask = new Uint8Array(idx.n);
  const since = windowKey(asOf, cond.withinDays);
  const bit = cond.event === 'received' ? 1 : cond.response === 'opened' ? 2 : cond.response === 'converted' ? 8 : 4;
  const wanted = cond.campaign === undefined ? undefined : asciiLower(cond.campaign);
  const ok = new Uint8Array(idx.campaigns.length);
  idx.campaigns.forEach((k, pos) => {
    const day = idx.campaignDay[pos] as number;
    const inWindow = since === -Infinity || (day !== NO_DAY && day >= since);
    ok[pos] = inWindow && (wanted === undefined || sameText(k.externalId, wanted) || sameText(k.name, wanted)) ? 1 : 0;
  });
  const { resultCust, resultCampaign, resultBits } = idx;
  for (let r = 0; r < resultCust.length; r++) {
    if (ok[resultCampaign[r] as number] === 1 && ((resultBits[r] as number) & bit) !== 0) mask[resultCust[r] as number] = 1;
  }
  return mask;
}

function reviewedMask(idx: LiveIndex, cond: Extract<EventCondition, { event: 'reviewed' }>, asOf: string | null): Mask {
  // Themes and average scores come from the text analysis's tables, which the index does not hold: SQL answers.
  if (cond.theme !== undefined || cond.minAvgSentiment !== undefined || cond.maxAvgSentiment !== undefined) throw new LiveIndexUnsupported('review themes');
  const mask = new Uint8Array(idx.n);
  const since = windowKey(asOf, cond.withinDays);
  let lo = -Infinity;
  let hi = Infinity;
  if (cond.minRating !== undefined) lo = Math.max(lo, cond.minRating);
  if (cond.maxRating !== undefined) hi = Math.min(hi, cond.maxRating);
  const rated = cond.minRating !== undefined || cond.maxRating !== undefined;
  const wanted = cond.sentiment === undefined ? 0 : SENTIMENT_CODE[cond.sentiment];
  const [starsLo, starsHi] = cond.sentiment === undefined ? [0, 0] : SENTIMENT_STARS[cond.sentiment];
  const { reviewCust, reviewRating, reviewDay, reviewSentiment } = idx;
  for (let v = 0; v < reviewCust.length; v++) {
    const day = reviewDay[v] as number;
    if (since !== -Infinity && (day === NO_DAY || day < since)) continue;
    const rating = reviewRating[v] as number;
    if (rated && !(rating >= lo && rating <= hi)) continue;
    if (wanted !== 0) {
      // The analysis's label where the review was analysed, else the one its stars give (as compile.ts).
      const label = reviewSentiment[v] as number;
      if (label !== 0 ? label !== wanted : !(rating >= starsLo && rating <= starsHi)) continue;
    }
    mask[reviewCust[v] as number] = 1;
  }
  return mask;
}

function evaluate(idx: LiveIndex, rule: SegmentRule, asOf: string | null): Mask {
  const node = ruleNode(rule);
  if (node === null) throw new LiveIndexUnsupported('a rule node of no known shape');
  switch (node.type) {
    case 'not': {
      const mask = evaluate(idx, node.child, asOf);
      for (let i = 0; i < idx.n; i++) mask[i] = (mask[i] as number) ^ 1;
      return mask;
    }
    case 'all':
    case 'any': {
      const all = node.type === 'all';
      if (node.children.length === 0) return new Uint8Array(idx.n).fill(all ? 1 : 0);
      const [first, ...rest] = node.children;
      const mask = evaluate(idx, first as SegmentRule, asOf);
      for (const child of rest) {
        const other = evaluate(idx, child, asOf);
        if (all) for (let i = 0; i < idx.n; i++) mask[i] = (mask[i] as number) & (other[i] as number);
        else for (let i = 0; i < idx.n; i++) mask[i] = (mask[i] as number) | (other[i] as number);
      }
      return mask;
    }
    case 'field':
      return fieldMask(idx, node.cond);
    case 'event': {
      const cond = node.cond;
      if (cond.event === 'purchased') return purchasedMask(idx, cond, asOf);
      if (cond.event === 'reviewed') return reviewedMask(idx, cond, asOf);
      // The index holds no recommendations: the SQL compiler answers this one.
      if (cond.event === 'recommended') throw new LiveIndexUnsupported('recommended');
      return campaignMask(idx, cond, asOf);
    }
    case 'memberOf':
      throw new LiveIndexUnsupported('memberOf');
  }
}

/** The members of a validated rule as a mask over `idx.ids`. */
export function liveMask(idx: LiveIndex, rule: SegmentRule, asOf: string | null): Mask {
  validateRule(rule);
  return evaluate(idx, rule, asOf);
}

/** Member ids, ascending (ids are stored in id order). */
export function liveMembers(idx: LiveIndex, rule: SegmentRule, asOf: string | null): number[] {
  const mask = liveMask(idx, rule, asOf);
  const out: number[] = [];
  for (let i = 0; i < idx.n; i++) if (mask[i] === 1) out.push(idx.ids[i] as number);
  return out;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The count, shares and revenue of a rule, as countRule (count.ts) answers them. */
export function liveCount(idx: LiveIndex, rule: SegmentRule, asOf: string | null): SegmentCount {
  const mask = liveMask(idx, rule, asOf);
  let count = 0;
  let revenue = 0;
  const rev = idx.revenue;
  for (let i = 0; i < idx.n; i++) {
    if (mask[i] === 1) {
      count++;
      revenue += rev[i] as number;
    }
  }
  const total = idx.totalRevenue;
  return {
    count,
    shareCustomers: idx.n > 0 ? count / idx.n : 0,
    shareRevenue: total > 0 ? Math.min(1, Math.max(0, revenue / total)) : 0,
    revenue: round2(revenue),
    totalCustomers: idx.n,
  };
}

// --- One index per connection, for as long as the data stays the same (as the kernel's dataVersion decides it) ---

type Slot = { version: string; index: LiveIndex | null; failed: boolean; building: boolean; stop?: () => void };
const slots = new WeakMap<Db, Slot>();

/** Builds the index now on this connection for the current data (or returns the one built); null when it cannot. */
export function liveIndexNow(db: Db): LiveIndex | null {
  const version = dataVersion(db);
  const slot = slots.get(db);
  if (slot && slot.version === version && (slot.index !== null || slot.failed)) return slot.index;
  let index: LiveIndex | null = null;
  let failed = false;
  try {
    index = db.transaction(() => buildLiveIndex(db))();
  } catch {
    failed = true;
  }
  slots.set(db, { version, index, failed, building: false });
  return index;
}

/**
 * Builds in the background on a second, read-only connection inside one read transaction (one snapshot), a slice of
 * rows per turn of the event loop, so requests keep being answered (by SQL) meanwhile. The index is kept only if the
 * data did not change during the build.
 */
function buildInBackground(db: Db, version: string, slot: Slot): void {
  let reader: Db | null = null;
  const finish = (index: LiveIndex | null, failed: boolean): void => {
    try {
      reader?.exec('COMMIT');
    } catch {
      // already ended
    }
    reader?.close();
    reader = null;
    slot.building = false;
    if (slots.get(db) !== slot) return;
    if (!db.open || dataVersion(db) !== version) {
      slots.delete(db);
      return;
    }
    slot.index = index;
    slot.failed = failed;
  };
  slot.stop = () => finish(null, false);
  try {
    const Ctor = db.constructor as new (file: string, options: { readonly: boolean; fileMustExist: boolean }) => Db;
    reader = new Ctor(db.name, { readonly: true, fileMustExist: true });
    reader.exec('BEGIN');
  } catch {
    finish(null, true);
    return;
  }
  const steps = buildSteps(reader);
  const turn = (): void => {
    if (slots.get(db) !== slot || !db.open) return finish(null, false);
    try {
      const until = performance.now() + TURN_MS;
      do {
        const next = steps.next();
        if (next.done) return finish(next.value, false);
      } while (performance.now() < until);
    } catch {
      return finish(null, true);
    }
    setImmediate(turn);
  };
  setImmediate(turn);
}

/**
 * The index when it is built for the current data; otherwise null, after starting a background build (so the counts
 * right after a change are answered by SQL and the later ones from memory).
 */
export function liveIndexIfReady(db: Db): LiveIndex | null {
  const version = dataVersion(db);
  const slot = slots.get(db);
  if (slot && slot.version === version) return slot.index;
  const fresh: Slot = { version, index: null, failed: false, building: true };
  slots.set(db, fresh);
  if (db.memory) {
    // An in-memory database has no file a second connection could read: build on this one.
    liveIndexNow(db);
    return null;
  }
  buildInBackground(db, version, fresh);
  return null;
}

/**
 * Drops the index of this connection at once and stops a build under way (its reader would hold old pages in the
 * write-ahead log): after an erase, nothing of the person stays in memory.
 */
export function forgetLiveIndex(db: Db): void {
  const slot = slots.get(db);
  slots.delete(db);
  slot?.stop?.();
}

/** Whether a background build is under way (for benchmarks and tests). */
export const liveIndexBuilding = (db: Db): boolean => slots.get(db)?.building ?? false;

/**
 * `segments.count`: from the in-memory index when it is built for the current data, else by SQL (countRule) while
 * it builds in the background. Rules the index does not hold (a static segment's snapshot) go to SQL too.
 */
export function countRuleLive(db: Db, rule: SegmentRule, sqlCount: (asOf: string | null) => SegmentCount, readAsOfDay: () => string | null): SegmentCount {
  const index = liveIndexIfReady(db);
  if (index !== null) {
    try {
      return liveCount(index, rule, index.asOf);
    } catch (error) {
      if (!(error instanceof LiveIndexUnsupported)) throw error;
    }
  }
  return sqlCount(readAsOfDay());
}

forgetAlso(forgetLiveIndex);
