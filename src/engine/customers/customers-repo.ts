import {
  customerColumns,
  type CustomerColumn,
  type CustomerPage,
  type CustomerRow,
  type CustomerView,
} from '../../shared/customer-schemas';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open-workspace';
import { isPseudonym } from '../ingest/pseudonyms';
import { memoised } from '../kernel/memo';
import { readSettings } from '../workspace/settings';
import { COLUMN_SQL } from './columns';
import { maskEmail, maskName, maskPhone } from './masking';
import { pageMemo, rememberCursor, type PageMemo } from './page-memo';
import { choosePlan, countCap, countSql, keysetColumn, pageIdsSql } from './view-sql';

/** A customer as stored (names, e-mail and phone unmasked); only masking turns it into an answer. */
export type RawCustomer = {
  id: number;
  firstName: string | null;
  lastName: string | null;
  pseudonymizedFlag: number;
  customerId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  country: string | null;
  city: string | null;
  signupDate: string | null;
  firstOrderDate: string | null;
  lastOrderDate: string | null;
  orders: number;
  revenue: number;
  avgOrderValue: number | null;
  recencyDays: number | null;
  tenureDays: number | null;
  returns: number;
  topCategory: string | null;
  rfmSegment: string | null;
  churnRisk: number | null;
  pAlive: number | null;
  expectedPurchases: number | null;
  clv: number | null;
};
// Fails type-check when the contract gains a column RawCustomer lacks.
const coversEveryColumn: [Exclude<CustomerColumn, keyof RawCustomer>] extends [never] ? true : false = true;
void coversEveryColumn;

/** Every explorer column under its camelCase name, plus what masking needs; FROM customers c JOIN customer_metrics m. */
export const RAW_SELECT = [
  'c.id AS id',
  'c.first_name AS firstName',
  'c.last_name AS lastName',
  'c.pseudonymized AS pseudonymizedFlag',
  ...customerColumns.map((column) => `${COLUMN_SQL[column].value} AS ${column}`),
].join(', ');

const JOINED = 'customers c JOIN customer_metrics m ON m.customer_id = c.id';

/** The answer's row: personal fields masked unless `reveal` (pseudonyms are never masked). */
export function toCustomerRow(raw: RawCustomer, reveal = false): CustomerRow {
  const pseudonymized =
    raw.pseudonymizedFlag === 1 || [raw.email, raw.phone, raw.firstName, raw.lastName].some((v) => isPseudonym(v));
  return {
    id: raw.id,
    customerId: raw.customerId,
    name: reveal ? raw.name : maskName(raw.firstName, raw.lastName),
    email: reveal ? raw.email : maskEmail(raw.email),
    phone: reveal ? raw.phone : maskPhone(raw.phone),
    country: raw.country,
    city: raw.city,
    signupDate: raw.signupDate,
    firstOrderDate: raw.firstOrderDate,
    lastOrderDate: raw.lastOrderDate,
    orders: raw.orders,
    revenue: raw.revenue,
    avgOrderValue: raw.avgOrderValue,
    recencyDays: raw.recencyDays,
    tenureDays: raw.tenureDays,
    returns: raw.returns,
    topCategory: raw.topCategory,
    rfmSegment: raw.rfmSegment,
    churnRisk: raw.churnRisk,
    pAlive: raw.pAlive,
    expectedPurchases: raw.expectedPurchases,
    clv: raw.clv,
    pseudonymized,
  };
}

/**
 * Whether every customer has its figures row; when not (a workspace whose figures were never computed) counts join
 * both tables so totals still equal the rows. Two b-tree counts: no row is read, but at a million customers they
 * still walk thousands of pages, so the answer is remembered while the data stays the same (each keystroke of a
 * quick search asks again).
 */
export function figuresComplete(db: Db): { complete: boolean; customers: number } {
  return memoised(db, 'customers.figuresComplete', () => {
    const row = db
      .prepare('SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM customer_metrics) AS metrics')
      .get() as { customers: number; metrics: number };
    return { complete: row.customers === row.metrics, customers: row.customers };
  });
}

/** The date recency is measured from: the workspace's last sale (see refreshCustomerMetrics). */
export function readAsOf(db: Db): string | null {
  const at = db.prepare("SELECT max(ordered_at) AS at FROM orders WHERE kind = 'sale'").pluck().get() as string | null;
  return at === null ? null : at.slice(0, 10);
}

/** The number of customers the view's filters and quick search let through (with `cap`, at most cap + 1). */
export function countView(db: Db, view: CustomerView, joinAlways: boolean, cap: number | null = null): number {
  const q = countSql(view, joinAlways, cap);
  return db.prepare(q.sql).pluck().get(...q.params) as number;
}

/** The exact number of customers in the view, however long counting takes (the explorer's "Count all"). */
export function countCustomers(db: Db, view: CustomerView): number {
  return countView(db, view, !figuresComplete(db).complete);
}

/** Full rows for these ids, in the order given. */
export function readRawByIds(db: Db, ids: readonly number[]): RawCustomer[] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare(`SELECT ${RAW_SELECT} FROM ${JOINED} WHERE c.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as RawCustomer[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is RawCustomer => r !== undefined);
}

/**
 * One page of the explorer: filters, quick search, sort and paging all run in SQL. A quick search is counted up to a
 * cap (`totalCapped`: there are more than `total`). The count and where earlier pages ended are remembered while the
 * data stays the same (page-memo.ts); `memo: false` turns that off (benchmarks).
 */
export function readCustomerPage(
  db: Db,
  input: CustomerView & { offset: number; limit: number },
  options: { memo?: boolean } = {},
): CustomerPage {
  const { complete, customers } = figuresComplete(db);
  const view: CustomerView = { sort: input.sort, filters: input.filters, quickSearch: input.quickSearch };
  const memo: PageMemo = options.memo === false ? { total: null, cursors: new Map() } : pageMemo(db, JSON.stringify([view, complete]));
  const cap = countCap(view);
  const counted = (memo.total ??= countView(db, view, !complete, cap));
  const totalCapped = cap !== null && counted > cap;
  const total = totalCapped ? cap : counted;
  let rows: CustomerRow[] = [];
  if (totalCapped || total > input.offset) {
    const after = input.offset > 0 && keysetColumn(view) !== null ? memo.cursors.get(input.offset) : undefined;
    const plan = choosePlan(view, total, customers, (after ? 0 : input.offset) + input.limit, totalCapped);
    const q = pageIdsSql(view, plan, !complete, input.offset, input.limit, after);
    const page = db.prepare(q.sql).all(...q.params) as Array<{ id: number; k: number | string | null }>;
    const last = page[page.length - 1];
    const keyset = keysetColumn(view);
    // A NULL sort value (ascending: NULLs come first) cannot be continued from; the next page counts instead.
    if (last && (keyset === 'id' || (keyset !== null && last.k !== null))) {
      rememberCursor(memo, input.offset + page.length, { value: last.k, id: last.id });
    }
    rows = readRawByIds(db, page.map((p) => p.id)).map((raw) => toCustomerRow(raw));
  }
  return { rows, total, totalCapped, asOf: readAsOf(db), currency: readSettings(db).currency };
}

/** One customer as stored, or a not-found error a user can act on. */
export function readRawCustomer(db: Db, id: number): RawCustomer {
  const raw = db.prepare(`SELECT ${RAW_SELECT} FROM ${JOINED} WHERE c.id = ?`).get(id) as RawCustomer | undefined;
  if (raw) return raw;
  const exists = db.prepare('SELECT 1 FROM customers WHERE id = ?').get(id);
  if (exists) {
    throw new AppError('conflict', `The figures of customer ${id} are not computed yet. Import or refresh the data, then try again.`, {
      field: 'id',
    });
  }
  throw new AppError('not-found', `There is no customer with id ${id}. It may have been erased or undone with an import.`, { field: 'id' });
}
