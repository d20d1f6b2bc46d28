import {
  columnKinds,
  filterValueFor,
  type ColumnFilter,
  type CustomerColumn,
  type CustomerView,
} from '../../../src/shared/customer-schemas';
import type { Db } from '../../../src/engine/db/open-workspace';

/**
 * The explorer's semantics computed in memory over every row, independent of the SQL compiler: the reference the
 * page, count and export answers must agree with.
 */

export type OracleRow = Record<CustomerColumn, string | number | null> & {
  id: number;
  /** What ORDER BY uses for dates: the stored value, not the day. */
  sortRaw: Partial<Record<CustomerColumn, string | null>>;
};

/** Every customer with its figures, read with plain SQL (names joined as the explorer shows them). */
export function loadOracleRows(db: Db): OracleRow[] {
  const raw = db
    .prepare(
      `SELECT c.id, c.external_id, c.first_name, c.last_name, c.email, c.phone, c.country, c.city, c.signup_date,
              m.first_order_at, m.last_order_at, m.orders, m.revenue, m.avg_order_value, m.recency_days, m.tenure_days,
              m.returns, m.top_category, m.rfm_segment, m.churn_risk, m.p_alive, m.expected_purchases, m.clv
       FROM customers c JOIN customer_metrics m ON m.customer_id = c.id`,
    )
    .all() as Array<Record<string, string | number | null>>;
  const day = (v: string | number | null): string | null => (v === null ? null : String(v).slice(0, 10));
  return raw.map((r) => {
    const name = `${r.first_name ?? ''} ${r.last_name ?? ''}`.replace(/^ +| +$/g, '');
    return {
      id: r.id as number,
      customerId: r.external_id ?? null,
      name: name === '' ? null : name,
      email: r.email ?? null,
      phone: r.phone ?? null,
      country: r.country ?? null,
      city: r.city ?? null,
      signupDate: day(r.signup_date ?? null),
      firstOrderDate: day(r.first_order_at ?? null),
      lastOrderDate: day(r.last_order_at ?? null),
      orders: r.orders ?? null,
      revenue: r.revenue ?? null,
      avgOrderValue: r.avg_order_value ?? null,
      recencyDays: r.recency_days ?? null,
      tenureDays: r.tenure_days ?? null,
      returns: r.returns ?? null,
      topCategory: r.top_category ?? null,
      rfmSegment: r.rfm_segment ?? null,
      churnRisk: r.churn_risk ?? null,
      pAlive: r.p_alive ?? null,
      expectedPurchases: r.expected_purchases ?? null,
      clv: r.clv ?? null,
      sortRaw: {
        signupDate: (r.signup_date as string | null) ?? null,
        firstOrderDate: (r.first_order_at as string | null) ?? null,
        lastOrderDate: (r.last_order_at as string | null) ?? null,
      },
    };
  });
}

/** SQLite's LIKE and NOCASE fold ASCII letters only. */
export const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const utf8Compare = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

export function matchesFilter(row: OracleRow, filter: ColumnFilter): boolean {
  const kind = columnKinds[filter.field];
  const v = row[filter.field];
  const blank = v === null || (kind === 'text' && v === '');
  if (filter.op === 'blank') return blank;
  if (filter.op === 'notBlank') return !blank;
  const q = filterValueFor(kind, filter.value) as string | number;
  if (kind === 'text') {
    const text = v === null ? null : asciiLower(String(v));
    const needle = asciiLower(String(q));
    switch (filter.op) {
      case 'contains':
        return text !== null && text.includes(needle);
      case 'notContains':
        return text === null || !text.includes(needle);
      case 'startsWith':
        return text !== null && text.startsWith(needle);
      case 'endsWith':
        return text !== null && text.endsWith(needle);
      case 'equals':
        return text !== null && text === needle;
      case 'notEqual':
        return text === null || text !== needle;
      default:
        throw new Error(`no text op ${filter.op}`);
    }
  }
  const cmp = (a: string | number, b: string | number): number =>
    typeof a === 'number' && typeof b === 'number' ? a - b : utf8Compare(String(a), String(b));
  if (filter.op === 'notEqual') return v === null || cmp(v, q) !== 0;
  if (v === null) return false;
  switch (filter.op) {
    case 'equals':
      return cmp(v, q) === 0;
    case 'lessThan':
      return cmp(v, q) < 0;
    case 'lessThanOrEqual':
      return cmp(v, q) <= 0;
    case 'greaterThan':
      return cmp(v, q) > 0;
    case 'greaterThanOrEqual':
      return cmp(v, q) >= 0;
    case 'inRange': {
      const to = filterValueFor(kind, filter.valueTo) as string | number;
      const [lo, hi] = cmp(q, to) <= 0 ? [q, to] : [to, q];
      return cmp(v, lo) >= 0 && cmp(v, hi) <= 0;
    }
    default:
      throw new Error(`no ${kind} op ${filter.op}`);
  }
}

/**
 * The quick search: from three characters on the trigram index answers it and folds case in all of Unicode
 * ("émile" finds "Émile"); shorter terms are matched with LIKE, which folds ASCII letters only.
 */
export function matchesSearch(row: OracleRow, term: string): boolean {
  const trimmed = term.trim();
  const fold = [...trimmed].length >= 3 && !trimmed.includes('\u0000') ? (v: string) => v.toLowerCase() : asciiLower;
  const needle = fold(trimmed);
  if (needle === '') return true;
  return (['customerId', 'name', 'email', 'city', 'country'] as const).some((c) => {
    const v = row[c];
    return v !== null && fold(String(v)).includes(needle);
  });
}

function compareBy(column: CustomerColumn, a: OracleRow, b: OracleRow): number {
  const kind = columnKinds[column];
  const va = kind === 'date' ? (a.sortRaw[column] ?? null) : a[column];
  const vb = kind === 'date' ? (b.sortRaw[column] ?? null) : b[column];
  if (va === null || vb === null) return va === vb ? 0 : va === null ? -1 : 1; // NULL first when ascending
  if (kind === 'number') return (va as number) - (vb as number);
  if (kind === 'text') return utf8Compare(asciiLower(String(va)), asciiLower(String(vb)));
  return utf8Compare(String(va), String(vb));
}

/** The view applied in memory: filters, quick search, sort with the id tie-break in the last key's direction. */
export function applyView(rows: OracleRow[], view: CustomerView): OracleRow[] {
  const kept = rows.filter((r) => view.filters.every((f) => matchesFilter(r, f)) && matchesSearch(r, view.quickSearch));
  const lastDir = view.sort[view.sort.length - 1]?.dir ?? 'asc';
  return kept.sort((a, b) => {
    for (const s of view.sort) {
      const c = compareBy(s.field, a, b);
      if (c !== 0) return s.dir === 'desc' ? -c : c;
    }
    return lastDir === 'desc' ? b.id - a.id : a.id - b.id;
  });
}
