import type { SegmentCount, SegmentRule } from '../../shared/segment-schemas';
import type { Db } from '../db/open-workspace';
import { dataVersion, forgetAlso } from '../kernel/memo';
import { compileSegment } from './compile';

type Totals = { customers: number; revenue: number };

/** The whole base per connection, kept while the data stays the same (as the explorer's page memo decides it). */
const totalsMemo = new WeakMap<Db, { version: string; totals: Totals }>();

/**
 * Customers with figures and their revenue: the base that shares are of. Every figures row has its customer (foreign
 * key, cascade), so customer_metrics alone answers, from its revenue index (~45 ms at a million; the join took 1.2 s).
 */
export function baseTotals(db: Db): Totals {
  const version = dataVersion(db);
  const found = totalsMemo.get(db);
  if (found && found.version === version) return found.totals;
  const row = db.prepare('SELECT count(*) AS customers, coalesce(sum(m.revenue), 0) AS revenue FROM customer_metrics m').get() as Totals;
  totalsMemo.set(db, { version, totals: row });
  return row;
}

/** Drops the remembered base totals of this connection. */
export function forgetBaseTotals(db: Db): void {
  totalsMemo.delete(db);
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Members of the rule, their share of all customers and of all customers' revenue: one SELECT over both tables. */
export function countRule(db: Db, rule: SegmentRule, asOf: string | null): SegmentCount {
  const q = compileSegment(rule, { asOf });
  const row = db.prepare(`SELECT count(*) AS n, coalesce(sum(m.revenue), 0) AS revenue FROM ${q.from} WHERE ${q.where}`).get(...q.params) as {
    n: number;
    revenue: number;
  };
  const totals = baseTotals(db);
  return {
    count: row.n,
    shareCustomers: totals.customers > 0 ? row.n / totals.customers : 0,
    shareRevenue: totals.revenue > 0 ? Math.min(1, Math.max(0, row.revenue / totals.revenue)) : 0,
    revenue: round2(row.revenue),
    totalCustomers: totals.customers,
  };
}

forgetAlso(forgetBaseTotals);
