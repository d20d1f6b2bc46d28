import { createHash } from 'node:crypto';
import type { ImportKind } from '../../shared/import-schemas';
import type { Db } from '../db/open-workspace';
import type { TypedRow, Value } from './convert';
import { createUpserter, type Counts, type SqlValue } from './upsert';

export type RowWriter = {
  write(row: TypedRow): void;
  /** Work that needs the whole file (lines of an order that disappeared). */
  finish(): void;
  counts: Counts;
};

type Context = {
  db: Db;
  importId: () => number | null;
  now: string;
  pseudonymised: boolean;
  /** The fields the file's mapping fills: only these may change stored records (no column, no change). */
  mapped: ReadonlySet<string>;
  /** Campaign results attached to one campaign: every row belongs to it, whatever a campaign column says. */
  campaignId?: number | undefined;
  /** Called before the writer first adds, changes or deletes an order line (a big import sets indexes aside then). */
  beforeWrite?: (() => void) | undefined;
};

/** A stored column, the fields that feed it, and how its value is read from a typed row. */
type ColumnSpec = [column: string, fields: string[], read: (row: TypedRow) => SqlValue];

/** The columns an import may write: those fed by a mapped field, plus the ones it always sets. */
function columnsFor(specs: ColumnSpec[], mapped: ReadonlySet<string>): { columns: string[]; values: (row: TypedRow) => SqlValue[] } {
  const kept = specs.filter(([, fields]) => fields.length === 0 || fields.some((f) => mapped.has(f)));
  return { columns: kept.map(([c]) => c), values: (row) => kept.map(([, , read]) => read(row)) };
}

const s = (v: Value | undefined): string | null => (v === null || v === undefined ? null : String(v));
const n = (v: Value | undefined): number | null => (typeof v === 'number' ? v : null);
const b = (v: Value | undefined): number | null => (typeof v === 'boolean' ? (v ? 1 : 0) : null);

/** An order id that marks a cancellation: a capital C before the number (the UCI and many ERP exports). */
export const isCancellationId = (orderId: string): boolean => /^C\d/.test(orderId);

/** Finds or creates the customers and products that other kinds of rows refer to, remembering ids. */
function createResolvers(ctx: Context) {
  const { db, importId, now } = ctx;
  const customerIds = new Map<string, number>();
  const productIds = new Map<string, number>();
  const findCustomer = db.prepare('SELECT id FROM customers WHERE external_id = ?');
  const addCustomer = db.prepare(
    'INSERT INTO customers (external_id, email, country, created_at, import_id, pseudonymized) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const findProduct = db.prepare('SELECT id FROM products WHERE sku = ?');
  const addProduct = db.prepare('INSERT INTO products (sku, name, category, price, import_id) VALUES (?, ?, ?, ?, ?)');
  return {
    customer(externalId: string | null, email: string | null, country: string | null): number | null {
      if (externalId === null) return null;
      let id = customerIds.get(externalId);
      if (id === undefined) {
        id = (findCustomer.get(externalId) as { id: number } | undefined)?.id;
        if (id === undefined) {
          id = Number(addCustomer.run(externalId, email, country, now, importId(), ctx.pseudonymised ? 1 : 0).lastInsertRowid);
        }
        customerIds.set(externalId, id);
      }
      return id;
    },
    product(sku: string | null, name: string | null, category: string | null, price: number | null): number | null {
      if (sku === null) return null;
      let id = productIds.get(sku);
      if (id === undefined) {
        id = (findProduct.get(sku) as { id: number } | undefined)?.id;
        if (id === undefined) id = Number(addProduct.run(sku, name ?? sku, category, price !== null && price > 0 ? price : null, importId()).lastInsertRowid);
        productIds.set(sku, id);
      }
      return id;
    },
  };
}

/** The writer for one kind of file; every value is a bound parameter. */
export function createWriter(kind: ImportKind, ctx: Context): RowWriter {
  switch (kind) {
    case 'customers':
      return customersWriter(ctx);
    case 'products':
      return productsWriter(ctx);
    case 'orders':
      return ordersWriter(ctx);
    case 'reviews':
      return reviewsWriter(ctx);
    case 'campaign_results':
      return campaignResultsWriter(ctx);
  }
}

function customersWriter(ctx: Context): RowWriter {
  const counts: Counts = { inserted: 0, updated: 0, unchanged: 0 };
  const { columns, values } = columnsFor(
    [
      ['email', ['email'], (r) => s(r.email)],
      ['first_name', ['firstName', 'fullName'], (r) => splitName(r).first],
      ['last_name', ['lastName', 'fullName'], (r) => splitName(r).last],
      ['phone', ['phone'], (r) => s(r.phone)],
      ['country', ['country'], (r) => s(r.country)],
      ['city', ['city'], (r) => s(r.city)],
      ['signup_date', ['signupDate'], (r) => dateOnly(r.signupDate)],
      ['accepts_marketing', ['acceptsMarketing'], (r) => b(r.acceptsMarketing)],
      ['pseudonymized', [], () => (ctx.pseudonymised ? 1 : 0)],
    ],
    ctx.mapped,
  );
  const upsert = createUpserter(ctx.db, ctx.importId, 'customers', ['external_id'], columns, ['created_at']);
  return {
    counts,
    write(row) {
      upsert([s(row.customerId) ?? s(row.email)], values(row), counts, [ctx.now]);
    },
    finish() {},
  };
}

/** First and last name, from their own columns or split from a full name (the last word is the family name). */
function splitName(row: TypedRow): { first: string | null; last: string | null } {
  const first = s(row.firstName);
  const last = s(row.lastName);
  if (first !== null || last !== null || row.fullName == null) return { first, last };
  const parts = String(row.fullName).split(/\s+/);
  return parts.length > 1 ? { first: parts.slice(0, -1).join(' '), last: parts[parts.length - 1] ?? null } : { first: parts[0] ?? null, last: null };
}

function productsWriter(ctx: Context): RowWriter {
  const counts: Counts = { inserted: 0, updated: 0, unchanged: 0 };
  const { columns, values } = columnsFor(
    [
      ['name', ['name'], (r) => s(r.name) ?? s(r.sku)],
      ['category', ['category'], (r) => s(r.category)],
      ['price', ['price'], (r) => n(r.price)],
    ],
    ctx.mapped,
  );
  // A product always has a name: the SKU stands in when the file has no name column.
  const nameOnInsert = columns.includes('name') ? [] : ['name'];
  const upsert = createUpserter(ctx.db, ctx.importId, 'products', ['sku'], columns, nameOnInsert);
  return {
    counts,
    write(row) {
      upsert([s(row.sku)], values(row), counts, nameOnInsert.length ? [s(row.sku)] : []);
    },
    finish() {},
  };
}

type OrderState = { id: number; lines: number; existed: boolean };

const LINE_BATCH = 100;

function ordersWriter(ctx: Context): RowWriter {
  const { db, importId } = ctx;
  const counts: Counts = { inserted: 0, updated: 0, unchanged: 0 };
  const resolve = createResolvers(ctx);
  const orders = new Map<string, OrderState>();
  const orderColumns = columnsFor(
    [
      ['customer_id', ['customerId', 'email'], () => null],
      ['ordered_at', [], (r) => String(r.orderDate)],
      ['kind', [], (r) => (isCancellationId(String(r.orderId)) ? 'return' : 'sale')],
      ['country', ['country'], (r) => s(r.country)],
      ['currency', ['currency'], (r) => s(r.currency)],
    ],
    ctx.mapped,
  );
  const upsertOrder = createUpserter(db, importId, 'orders', ['external_id'], orderColumns.columns);
  // Into a workspace without orders, an order not seen earlier in the file is new: no need to look it up.
  const noOrdersBefore = db.prepare('SELECT 1 FROM orders LIMIT 1').get() === undefined;
  const customerSlot = orderColumns.columns.indexOf('customer_id');
  const lineSql = (rows: number): string =>
    `INSERT INTO order_lines (order_id, line_no, product_id, description, quantity, unit_price, import_id)
     VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ')} ON CONFLICT(order_id, line_no) DO NOTHING`;
  const insertLine = db.prepare(lineSql(1));
  // Lines of new orders go in LINE_BATCH at a time: one statement per line made the call the largest cost of a big import.
  const insertLines = db.prepare(lineSql(LINE_BATCH));
  const pending: SqlValue[] = [];
  const beforeWrite = ctx.beforeWrite ?? ((): void => undefined);
  const flushLines = (): void => {
    if (pending.length > 0) beforeWrite();
    if (pending.length === LINE_BATCH * 7) insertLines.run(pending);
    else for (let i = 0; i < pending.length; i += 7) insertLine.run(pending.slice(i, i + 7));
    pending.length = 0;
  };
  const selectLine = db.prepare('SELECT product_id, description, quantity, unit_price FROM order_lines WHERE order_id = ? AND line_no = ?');
  const updateLine = db.prepare('UPDATE order_lines SET product_id = ?, description = ?, quantity = ?, unit_price = ? WHERE order_id = ? AND line_no = ?');
  const remember = db.prepare('INSERT OR IGNORE INTO import_changes (import_id, table_name, row_key, before_json) VALUES (?, ?, ?, ?)');
  const staleLines = db.prepare('SELECT line_no, product_id, description, quantity, unit_price FROM order_lines WHERE order_id = ? AND line_no > ?');
  const deleteStale = db.prepare('DELETE FROM order_lines WHERE order_id = ? AND line_no > ?');

  return {
    counts,
    write(row) {
      const orderId = String(row.orderId);
      const email = s(row.email);
      const customerKey = s(row.customerId) ?? email;
      const country = s(row.country);
      let order = orders.get(orderId);
      if (!order) {
        const values = orderColumns.values(row);
        if (customerSlot >= 0) values[customerSlot] = resolve.customer(customerKey, email, country);
        const result = upsertOrder([orderId], values, null, [], noOrdersBefore);
        order = { id: result.rowid, lines: 0, existed: result.change !== 'inserted' };
        orders.set(orderId, order);
      }
      order.lines += 1;
      const quantity = n(row.quantity) ?? 1;
      const unitPrice = n(row.unitPrice) ?? n(row.orderTotal) ?? 0;
      const description = s(row.description);
      const productId = resolve.product(s(row.sku), description, s(row.category), unitPrice);
      if (!order.existed) {
        pending.push(order.id, order.lines, productId, description, quantity, unitPrice, importId());
        if (pending.length === LINE_BATCH * 7) flushLines();
        counts.inserted += 1;
        return;
      }
      const before = selectLine.get(order.id, order.lines) as Record<string, SqlValue> | undefined;
      if (!before) {
        beforeWrite();
        insertLine.run(order.id, order.lines, productId, description, quantity, unitPrice, importId());
        counts.inserted += 1;
      } else if (before.product_id === productId && before.description === description && before.quantity === quantity && before.unit_price === unitPrice) {
        counts.unchanged += 1;
      } else {
        const id = importId();
        if (id !== null) remember.run(id, 'order_lines', JSON.stringify([order.id, order.lines]), JSON.stringify(before));
        beforeWrite();
        updateLine.run(productId, description, quantity, unitPrice, order.id, order.lines);
        counts.updated += 1;
      }
    },
    finish() {
      flushLines();
      // An existing order that now has fewer lines: the extra ones are gone from the export.
      for (const order of orders.values()) {
        if (!order.existed) continue;
        const stale = staleLines.all(order.id, order.lines) as Array<Record<string, SqlValue>>;
        if (stale.length === 0) continue;
        const id = importId();
        for (const line of stale) {
          if (id !== null) remember.run(id, 'order_lines', JSON.stringify([order.id, line.line_no]), JSON.stringify({ ...line, order_id: order.id, deleted: true }));
        }
        beforeWrite();
        deleteStale.run(order.id, order.lines);
        counts.updated += stale.length;
      }
    },
  };
}

function reviewsWriter(ctx: Context): RowWriter {
  const counts: Counts = { inserted: 0, updated: 0, unchanged: 0 };
  const resolve = createResolvers(ctx);
  const { columns, values } = columnsFor(
    [
      ['customer_id', ['customerId'], (r) => resolve.customer(s(r.customerId), null, null)],
      ['product_id', ['sku'], (r) => resolve.product(s(r.sku), null, null, null)],
      ['rating', ['rating'], (r) => n(r.rating)],
      ['title', ['title'], (r) => s(r.title)],
      ['body', ['body'], (r) => s(r.body)],
      ['reviewed_at', [], (r) => String(r.reviewDate)],
    ],
    ctx.mapped,
  );
  const upsert = createUpserter(ctx.db, ctx.importId, 'reviews', ['external_id'], columns);
  return {
    counts,
    write(row) {
      const id = s(row.reviewId) ?? `rv_${createHash('sha256').update(JSON.stringify([row.customerId, row.sku, row.reviewDate, row.title, row.body])).digest('hex').slice(0, 24)}`;
      upsert([id], values(row), counts);
    },
    finish() {},
  };
}

function campaignResultsWriter(ctx: Context): RowWriter {
  const counts: Counts = { inserted: 0, updated: 0, unchanged: 0 };
  const resolve = createResolvers(ctx);
  const campaign = columnsFor(
    [
      ['name', ['campaignName'], (r) => s(r.campaignName) ?? String(r.campaignId)],
      ['channel', ['channel'], (r) => s(r.channel) ?? 'email'],
      ['sent_at', ['sentDate'], (r) => s(r.sentDate) ?? ctx.now.slice(0, 19)],
      ['subject', ['subject'], (r) => s(r.subject)],
    ],
    ctx.mapped,
  );
  // Required columns the file does not fill get a default when the campaign is first seen, never later.
  const defaults: ColumnSpec[] = [
    ['name', [], (r: TypedRow) => String(r.campaignId)],
    ['channel', [], () => 'email'],
    ['sent_at', [], () => ctx.now.slice(0, 19)],
  ];
  const campaignDefaults = defaults.filter(([c]) => !campaign.columns.includes(c));
  const result = columnsFor(
    [
      ['sent', [], (r) => b(r.sent) ?? 1],
      ['delivered', ['delivered'], (r) => b(r.delivered)],
      ['opened', ['opened'], (r) => b(r.opened) ?? 0],
      ['clicked', ['clicked'], (r) => b(r.clicked) ?? 0],
      ['converted', ['converted'], (r) => b(r.converted) ?? 0],
      ['revenue', ['revenue'], (r) => n(r.revenue) ?? 0],
    ],
    ctx.mapped,
  );
  // Results attached to a campaign never write campaign rows (and may map no campaign column at all).
  const upsertCampaign = ctx.campaignId === undefined ? createUpserter(ctx.db, ctx.importId, 'campaigns', ['external_id'], campaign.columns, campaignDefaults.map(([c]) => c)) : null;
  const upsertResult = createUpserter(ctx.db, ctx.importId, 'campaign_results', ['campaign_id', 'customer_id'], result.columns);
  const campaigns = new Map<string, number>();
  return {
    counts,
    write(row) {
      const key = ctx.campaignId === undefined ? String(row.campaignId) : '';
      let campaignId = ctx.campaignId ?? campaigns.get(key);
      if (campaignId === undefined && upsertCampaign) {
        campaignId = upsertCampaign([key], campaign.values(row), null, campaignDefaults.map(([, , read]) => read(row))).rowid;
        campaigns.set(key, campaignId);
      }
      const customerId = resolve.customer(s(row.customerId), null, null);
      upsertResult([campaignId ?? null, customerId], result.values(row), counts);
    },
    finish() {},
  };
}

const dateOnly = (v: Value | undefined): string | null => (typeof v === 'string' ? v.slice(0, 10) : null);
