import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  columnKinds,
  customerColumns,
  customerPageInputSchema,
  opsByKind,
  type ColumnFilter,
  type CustomerColumn,
  type CustomerView,
} from '../../../src/shared/customer-schemas';
import { readCustomerPage, readRawByIds } from '../../../src/engine/customers/customers-repo';
import { countCap, keysetColumn, pageIdsSql, searchLeads, type Plan } from '../../../src/engine/customers/view-sql';
import { addOddCustomers, one, testWorkspace, type TestWorkspace } from './helpers';
import { applyView, loadOracleRows, type OracleRow } from './oracle';

const HOSTILE_TEXT = [
  "'; DROP TABLE customers; --",
  "' OR '1'='1",
  '" OR 1=1 --',
  '%',
  '_',
  '\\',
  '%_\\',
  '\u0000',
  'a\u0000b',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'Émile',
  'émile',
  'zoë 😀',
  ')) UNION SELECT email FROM customers --',
  '',
  ' ',
  'x'.repeat(500),
];
const HUGE_NUMBERS = [0, -1, 0.5, 1e308, -1e308, 2 ** 53, Number.MIN_VALUE, 123456789.123];

let tw: TestWorkspace;
let rows: OracleRow[];

beforeAll(async () => {
  tw = await testWorkspace({ customers: 3000, seed: 5 });
  addOddCustomers(tw.db);
  // Model scores as a trained churn model and a lifetime-value fit leave them: buyers only, the rest NULL.
  tw.db
    .prepare(
      `UPDATE customer_metrics SET churn_risk = (customer_id * 37 % 101) / 100.0, p_alive = (customer_id * 13 % 89) / 88.0,
              expected_purchases = (customer_id % 23) / 7.0, clv = round((customer_id * 7919 % 5003) / 3.0, 2) WHERE orders > 0`,
    )
    .run();
  rows = loadOracleRows(tw.db);
});
afterAll(() => tw.dispose());

type PageInput = CustomerView & { offset: number; limit: number };
const page = (input: Partial<PageInput>) => readCustomerPage(tw.db, customerPageInputSchema.parse({ offset: 0, limit: 100, ...input }));
const expectedIds = (view: Partial<CustomerView>, offset = 0, limit = 100): { ids: number[]; total: number } => {
  const all = applyView(rows, { sort: [], filters: [], quickSearch: '', ...view });
  return { ids: all.slice(offset, offset + limit).map((r) => r.id), total: all.length };
};

/** Values that exist in the data (so filters match something), pieces of them, and hostile ones. */
function valueFor(column: CustomerColumn): fc.Arbitrary<string | number> {
  const kind = columnKinds[column];
  const present = [...new Set(rows.map((r) => r[column]).filter((v): v is string | number => v !== null))].slice(0, 400);
  if (kind === 'number') return fc.oneof(fc.constantFrom(...present), fc.constantFrom(...HUGE_NUMBERS), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }));
  if (kind === 'date') {
    return fc.oneof(
      fc.constantFrom(...present.map(String)),
      fc.date({ min: new Date('2020-01-01'), max: new Date('2028-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      fc.constantFrom('0000-00-00', '9999-99-99 23:59:59'),
    );
  }
  const texts = present.map(String);
  return fc.oneof(
    fc.constantFrom(...texts),
    fc.tuple(fc.constantFrom(...texts), fc.nat(), fc.nat(6)).map(([t, at, len]) => t.slice(at % Math.max(1, t.length), (at % Math.max(1, t.length)) + len + 1)),
    fc.constantFrom(...texts).map((t) => t.toUpperCase()),
    fc.constantFrom(...HOSTILE_TEXT),
    fc.string({ unit: 'grapheme', maxLength: 8 }),
  );
}

const filterArb: fc.Arbitrary<ColumnFilter> = fc.constantFrom(...customerColumns).chain((field) =>
  fc.record({
    field: fc.constant(field),
    op: fc.constantFrom(...opsByKind[columnKinds[field]]),
    value: valueFor(field),
    valueTo: valueFor(field),
  }),
);

const viewArb: fc.Arbitrary<PageInput> = fc.record({
  sort: fc.array(fc.record({ field: fc.constantFrom(...customerColumns), dir: fc.constantFrom('asc' as const, 'desc' as const) }), { maxLength: 3 }),
  filters: fc.array(filterArb, { maxLength: 3 }),
  quickSearch: fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('jan', 'DE', 'example.org', 'X-', 'c0001', ...HOSTILE_TEXT) }),
  offset: fc.oneof(fc.constant(0), fc.nat(3200)),
  limit: fc.integer({ min: 1, max: 300 }),
});

describe('customers.page against an in-memory computation', () => {
  it('filters, searches, sorts and pages exactly like the reference, with exact totals up to the search cap', () => {
    let checked = 0;
    let nonEmpty = 0;
    let capped = 0;
    fc.assert(
      fc.property(viewArb, (raw) => {
        const input = customerPageInputSchema.safeParse(raw);
        // Only inputs the contract accepts reach the engine (a text value on a number column is refused there).
        fc.pre(input.success);
        if (!input.success) return;
        const got = readCustomerPage(tw.db, input.data);
        const want = expectedIds(input.data, input.data.offset, input.data.limit);
        // A quick search is counted up to its cap; beyond it the page says so, and the rows are still exact.
        const cap = countCap(input.data);
        const over = cap !== null && want.total > cap;
        expect(got.total).toBe(over ? cap : want.total);
        expect(got.totalCapped).toBe(over);
        expect(got.rows.map((r) => r.id)).toEqual(want.ids);
        checked++;
        if (over) capped++;
        if (got.rows.length > 0) nonEmpty++;
      }),
      { numRuns: 400, seed: 20261128 },
    );
    // The property is only worth something if most views were valid and many returned rows.
    expect(checked).toBeGreaterThan(300);
    expect(nonEmpty).toBeGreaterThan(100);
    expect(capped).toBeGreaterThan(2);
  });

  it('gives the same page whether it walks the sort index, filters first or reads the search index first', () => {
    fc.assert(
      fc.property(viewArb, (raw) => {
        const input = customerPageInputSchema.safeParse(raw);
        fc.pre(input.success);
        if (!input.success) return;
        const ids = (plan: Plan, joinAlways: boolean): number[] => {
          const q = pageIdsSql(input.data, plan, joinAlways, input.data.offset, input.data.limit);
          return tw.db.prepare(q.sql).pluck().all(...q.params) as number[];
        };
        const filtered = ids('filter', false);
        expect(ids('filter', true)).toEqual(filtered);
        expect(ids('walk', false)).toEqual(filtered);
        expect(ids('walk', true)).toEqual(filtered);
        if (searchLeads(input.data)) {
          expect(ids('search', false)).toEqual(filtered);
          expect(ids('search', true)).toEqual(filtered);
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('continues after the last row of the previous page (keyset) exactly where OFFSET would', () => {
    let continued = 0;
    const keysetViews = fc.record({
      sort: fc.array(fc.record({ field: fc.constantFrom(...customerColumns), dir: fc.constantFrom('asc' as const, 'desc' as const) }), { maxLength: 1 }),
      filters: fc.array(filterArb, { maxLength: 1 }),
      quickSearch: fc.constantFrom('', 'a', 'example.com'),
      offset: fc.integer({ min: 1, max: 1500 }),
      limit: fc.integer({ min: 1, max: 300 }),
    });
    fc.assert(
      fc.property(keysetViews, (raw) => {
        const input = customerPageInputSchema.safeParse(raw);
        fc.pre(input.success);
        if (!input.success) return;
        const column = keysetColumn(input.data);
        const all = applyView(rows, input.data);
        const before = all[input.data.offset - 1];
        if (column === null || !before) return;
        const value = column === 'id' ? null : columnKinds[column] === 'date' ? (before.sortRaw[column] ?? null) : before[column];
        if (column !== 'id' && value === null) return;
        const want = all.slice(input.data.offset, input.data.offset + input.data.limit).map((r) => r.id);
        for (const plan of searchLeads(input.data) ? (['walk', 'filter', 'search'] as const) : (['walk', 'filter'] as const)) {
          const q = pageIdsSql(input.data, plan, false, input.data.offset, input.data.limit, { value, id: before.id });
          expect(tw.db.prepare(q.sql).all(...q.params).map((r) => (r as { id: number }).id)).toEqual(want);
        }
        continued++;
      }),
      { numRuns: 300, seed: 99 },
    );
    expect(continued).toBeGreaterThan(50);
  });

  it('scrolls block after block, and after a data change, exactly like the reference', () => {
    const views: Array<Partial<CustomerView>> = [
      { sort: [{ field: 'revenue', dir: 'desc' }], filters: [{ field: 'country', op: 'equals', value: 'NL' }] },
      { sort: [{ field: 'lastOrderDate', dir: 'asc' }] },
      { sort: [{ field: 'recencyDays', dir: 'asc' }], quickSearch: 'a' },
      { quickSearch: 'example' },
      { sort: [{ field: 'revenue', dir: 'desc' }], quickSearch: 'exam' },
      { filters: [{ field: 'orders', op: 'greaterThan', value: 1 }] },
      { sort: [{ field: 'orders', dir: 'desc' }], filters: [{ field: 'city', op: 'notBlank' }] },
      { sort: [{ field: 'recencyDays', dir: 'desc' }] },
    ];
    for (const view of views) {
      for (const limit of [100, 333]) {
        const seen: number[] = [];
        for (let offset = 0; offset < 4000; offset += limit) {
          if (offset === 1000) {
            // Another change of the data between two blocks: the remembered positions must not be used any more.
            tw.db.prepare("UPDATE customers SET city = city || '' WHERE id = 1").run();
          }
          const got = page({ ...view, offset, limit });
          if (got.rows.length === 0) break;
          seen.push(...got.rows.map((r) => r.id));
        }
        expect(seen, JSON.stringify(view)).toEqual(expectedIds(view, 0, 100_000).ids);
      }
    }
  });

  it('answers hostile filter values on every text column without error, matching the reference', () => {
    for (const field of customerColumns.filter((c) => columnKinds[c] === 'text')) {
      for (const value of HOSTILE_TEXT) {
        for (const op of opsByKind.text.filter((o) => o !== 'blank' && o !== 'notBlank')) {
          const filters = [{ field, op, value }];
          const got = page({ filters, limit: 1000 });
          const want = expectedIds({ filters }, 0, 1000);
          expect(got.total, `${field} ${op} ${JSON.stringify(value)}`).toBe(want.total);
          expect(got.rows.map((r) => r.id)).toEqual(want.ids);
        }
      }
    }
    // The tables are all still there.
    expect(one<{ n: number }>(tw.db, 'SELECT count(*) AS n FROM customers').n).toBe(rows.length);
  });

  it('handles huge numbers on number columns', () => {
    for (const value of HUGE_NUMBERS) {
      for (const op of ['equals', 'notEqual', 'lessThan', 'greaterThanOrEqual'] as const) {
        const filters = [{ field: 'revenue' as const, op, value }];
        expect(page({ filters }).total, `${op} ${value}`).toBe(expectedIds({ filters }).total);
      }
    }
    expect(page({ filters: [{ field: 'revenue', op: 'greaterThan', value: 1e308 }] }).total).toBe(0);
    expect(page({ filters: [{ field: 'revenue', op: 'lessThan', value: 1e308 }] }).total).toBe(rows.length);
  });

  it('finds a customer by quick search on id, name, e-mail, city or country, case-insensitively', () => {
    const someone = rows.find((r) => String(r.email).endsWith('@example.org') && r.name !== null) as OracleRow;
    for (const term of [String(someone.customerId).toLowerCase(), String(someone.email).toUpperCase(), String(someone.name)]) {
      const got = page({ quickSearch: term });
      expect(got.rows.map((r) => r.id)).toContain(someone.id);
      expect(got.total).toBe(expectedIds({ quickSearch: term }).total);
    }
    expect(page({ quickSearch: 'dún laoghaire' }).rows.map((r) => r.customerId)).toEqual(['x-2']);
  });

  it('orders deterministically: ties broken by id in the direction of the last sort key', () => {
    const asc = page({ sort: [{ field: 'country', dir: 'asc' }], limit: 1000 }).rows;
    const nl = asc.filter((r) => r.country?.toUpperCase() === 'NL');
    for (let i = 1; i < nl.length; i++) expect((nl[i] as { id: number }).id).toBeGreaterThan((nl[i - 1] as { id: number }).id);
    const desc = page({ sort: [{ field: 'orders', dir: 'desc' }], offset: 2000, limit: 500 }).rows;
    for (let i = 1; i < desc.length; i++) {
      const [a, b] = [desc[i - 1], desc[i]] as [(typeof desc)[number], (typeof desc)[number]];
      if (a.orders === b.orders) expect(b.id).toBeLessThan(a.id);
    }
  });

  it('pages cover every row exactly once', () => {
    const view = { sort: [{ field: 'revenue' as const, dir: 'desc' as const }], filters: [{ field: 'country' as const, op: 'equals' as const, value: 'nl' }] };
    const seen: number[] = [];
    let total = 0;
    for (let offset = 0; ; offset += 250) {
      const p = page({ ...view, offset, limit: 250 });
      total = p.total;
      if (p.rows.length === 0) break;
      seen.push(...p.rows.map((r) => r.id));
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toEqual(expectedIds(view, 0, 100_000).ids);
  });

  it('reports the workspace currency and the date recency is measured from', () => {
    const p = page({});
    expect(p.currency).toBe('EUR');
    expect(p.asOf).toBe(one<{ d: string }>(tw.db, "SELECT substr(max(ordered_at), 1, 10) AS d FROM orders WHERE kind = 'sale'").d);
  });

  it('keeps the total right after data changes (no stale count)', () => {
    const view = { filters: [{ field: 'country' as const, op: 'equals' as const, value: 'IE' }] };
    const before = page(view).total;
    tw.db.prepare("UPDATE customers SET country = 'IE' WHERE external_id = 'X-3'").run();
    expect(page(view).total).toBe(before + 1);
    tw.db.prepare("UPDATE customers SET country = 'FR' WHERE external_id = 'X-3'").run();
    expect(page(view).total).toBe(before);
  });

  it('refuses filters that do not fit the column, with bad-input at the contract', () => {
    for (const filter of [
      { field: 'revenue', op: 'contains', value: '1' },
      { field: 'revenue', op: 'equals', value: "1'; --" },
      { field: 'lastOrderDate', op: 'lessThan', value: 'yesterday' },
      { field: 'email', op: 'greaterThan', value: 'a' },
      { field: 'orders', op: 'inRange', value: 1 },
      { field: 'orders', op: 'equals' },
    ]) {
      expect(customerPageInputSchema.safeParse({ offset: 0, limit: 10, filters: [filter] }).success, JSON.stringify(filter)).toBe(false);
    }
  });
});

describe('masking in customers.page', () => {
  it('never shows a real name, e-mail or phone, except pseudonyms, which it flags', () => {
    const got = page({ limit: 1000, sort: [{ field: 'customerId', dir: 'desc' }] });
    const real = new Map(readRawByIds(tw.db, got.rows.map((r) => r.id)).map((r) => [r.id, r]));
    let pseudonyms = 0;
    for (const row of got.rows) {
      const raw = real.get(row.id);
      if (!raw) throw new Error('missing row');
      if (row.pseudonymized) {
        pseudonyms++;
        expect(row.email).toBe(raw.email);
        continue;
      }
      if (raw.email) expect(row.email).not.toBe(raw.email);
      if (raw.email) expect(row.email).toMatch(/^.•••(@.•••(\.[^.]+)?)?$/u);
      if (raw.phone) expect(row.phone).toMatch(/^••••( \d{4})?$/);
      if (raw.name) expect(row.name).not.toBe(raw.name);
      if (raw.lastName) expect(row.name ?? '').not.toContain(raw.lastName);
    }
    expect(pseudonyms).toBe(2);
    const anna = got.rows.find((r) => r.customerId === 'P-1');
    expect(anna?.name).toMatch(/^nm_\S{22} nm_\S{22}$/);
    expect(anna?.phone).toMatch(/^ph_/);
    const piet = got.rows.find((r) => r.customerId === 'P-2');
    expect(piet).toMatchObject({ name: 'P.', pseudonymized: true });
  });
});
