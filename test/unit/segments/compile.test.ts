import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAsOf } from '../../../src/engine/customers/customers-repo';
import { compileRule, memberIdsSql, validateRule } from '../../../src/engine/segments/compile';
import { countRule } from '../../../src/engine/segments/count';
import { whyRule } from '../../../src/engine/segments/why';
import { AppError } from '../../../src/shared/errors';
import {
  opsForKind,
  segmentFieldKinds,
  segmentFields,
  segmentRuleSchema,
  type SegmentField,
  type SegmentOp,
  type SegmentRule,
} from '../../../src/shared/segment-schemas';
import { addOddCustomers, testWorkspace, type TestWorkspace } from '../customers/helpers';
import { loadSegmentOracle, oracleMembers, type SegmentOracle } from './oracle';

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
  'émile',
  ')) UNION SELECT email FROM customers --',
  '',
  ' ',
];
const ODD_NUMBERS = [0, -1, 0.5, 1e15, -1e15, 2 ** 52, Number.MIN_VALUE, 123456789.123];

let tw: TestWorkspace;
let oracle: SegmentOracle;
let asOf: string | null;

beforeAll(async () => {
  tw = await testWorkspace({ customers: 2000, seed: 11 });
  addOddCustomers(tw.db);
  tw.db
    .prepare(
      `UPDATE customer_metrics SET churn_risk = (customer_id * 37 % 101) / 100.0, p_alive = (customer_id * 13 % 89) / 88.0,
              expected_purchases = (customer_id % 23) / 7.0, clv = round((customer_id * 7919 % 5003) / 3.0, 2) WHERE orders > 0`,
    )
    .run();
  // Consent unknown for some, and reviews without stars and orders without customer, which every condition must survive.
  tw.db.prepare('UPDATE customers SET accepts_marketing = NULL WHERE id % 7 = 0').run();
  tw.db.prepare('UPDATE reviews SET rating = NULL WHERE id % 11 = 0').run();
  tw.db.prepare('UPDATE orders SET customer_id = NULL WHERE id % 97 = 0').run();
  tw.db.prepare('UPDATE campaign_results SET sent = 0 WHERE customer_id % 13 = 0').run();
  // Lines returned inside a sale (negative quantity) are not purchases of their product.
  tw.db.prepare('UPDATE order_lines SET quantity = -quantity WHERE id % 53 = 0').run();
  // Text holding LIKE's wildcards and its escape character, so "contains" must match them literally.
  tw.db.prepare("UPDATE customers SET city = CASE id % 4 WHEN 0 THEN '100%_off' WHEN 1 THEN 'a_b' WHEN 2 THEN 'back\\slash' ELSE 'AxB' END WHERE id <= 40").run();
  oracle = loadSegmentOracle(tw.db);
  asOf = readAsOf(tw.db);
});
afterAll(() => tw.dispose());

const sqlMembers = (rule: SegmentRule): number[] => {
  const q = memberIdsSql(rule, { asOf });
  return tw.db.prepare(q.sql).pluck().all(...q.params) as number[];
};

function present(field: SegmentField): Array<string | number | boolean> {
  const values = oracle.rows.map((r) => (field === 'acceptsMarketing' ? r.acceptsMarketing : r[field]));
  return [...new Set(values.filter((v): v is string | number | boolean => v !== null))].slice(0, 300);
}

function scalarFor(field: SegmentField): fc.Arbitrary<string | number | boolean> {
  const kind = segmentFieldKinds[field];
  const seen = present(field);
  if (kind === 'boolean') return fc.boolean();
  if (kind === 'number') {
    return fc.oneof(
      fc.constantFrom(...(seen as number[])),
      fc.constantFrom(...ODD_NUMBERS),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e4, max: 1e4 }),
      fc.integer({ min: -5, max: 400 }),
    );
  }
  if (kind === 'date') {
    return fc.oneof(
      fc.constantFrom(...(seen as string[])),
      fc.date({ min: new Date('2015-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    );
  }
  const texts = seen.map(String);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...texts) },
    fc.constantFrom(...texts).map((t) => t.toUpperCase()),
    fc.tuple(fc.constantFrom(...texts), fc.nat(), fc.nat(4)).map(([t, at, len]) => t.slice(at % Math.max(1, t.length), (at % Math.max(1, t.length)) + len + 1)),
    fc.constantFrom(...HOSTILE_TEXT),
    fc.string({ unit: 'grapheme', maxLength: 6 }),
  );
}

function valueFor(field: SegmentField, op: SegmentOp): fc.Arbitrary<unknown> {
  if (op === 'isNull' || op === 'notNull') return fc.constant(undefined);
  if (op === 'in' || op === 'notIn') return fc.array(scalarFor(field), { minLength: 1, maxLength: 5 });
  if (op === 'between') return fc.tuple(scalarFor(field), scalarFor(field));
  return scalarFor(field);
}

const fieldCondition: fc.Arbitrary<SegmentRule> = fc
  .constantFrom(...segmentFields)
  .chain((field) => fc.constantFrom(...opsForKind[segmentFieldKinds[field]]).map((op) => [field, op] as const))
  .chain(([field, op]) => valueFor(field, op).map((value) => (value === undefined ? { field, op } : { field, op, value }) as SegmentRule));

const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq: 2 });
const compact = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const withinDays = optional(fc.constantFrom(1, 7, 30, 90, 365, 3650));

function eventCondition(): fc.Arbitrary<SegmentRule> {
  const categories = [...new Set([...oracle.products.values()].map((p) => p.category).filter((c): c is string => c !== null))];
  const products = [...oracle.products.values()].slice(0, 50).flatMap((p) => [p.sku, p.name]);
  const campaigns = tw.db.prepare('SELECT external_id AS id, name FROM campaigns').all() as Array<{ id: string; name: string }>;
  const campaign = fc.oneof(fc.constantFrom(...campaigns.flatMap((c) => [c.id, c.name, c.name.toLowerCase()])), fc.constantFrom("x' OR 1=1 --", 'Nope'));
  const times = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constantFrom(10, 1000));
  const purchased = fc
    .record({
      category: optional(fc.oneof(fc.constantFrom(...categories), fc.constantFrom(...categories).map((c) => c.toUpperCase()), fc.constantFrom('%', "'--"))),
      product: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...products) }),
      withinDays,
      minTimes: optional(times),
      maxTimes: optional(times),
    })
    .map((r) => ({ event: 'purchased', ...compact(r) }));
  const received = fc.record({ campaign: optional(campaign), withinDays }).map((r) => ({ event: 'received', ...compact(r) }));
  const responded = fc
    .record({ campaign: optional(campaign), response: fc.constantFrom('opened', 'clicked', 'converted'), withinDays })
    .map((r) => ({ event: 'responded', ...compact(r) }));
  const stars = fc.integer({ min: 1, max: 5 });
  const reviewed = fc
    .record({ sentiment: optional(fc.constantFrom('positive', 'neutral', 'negative')), minRating: optional(stars), maxRating: optional(stars), withinDays })
    .map((r) => ({ event: 'reviewed', ...compact(r) }));
  return fc.oneof(purchased, received, responded, reviewed) as fc.Arbitrary<SegmentRule>;
}

function ruleArb(): fc.Arbitrary<SegmentRule> {
  const leaf = fc.oneof({ weight: 3, arbitrary: fieldCondition }, { weight: 2, arbitrary: eventCondition() });
  const { rule } = fc.letrec<{ rule: SegmentRule; group: SegmentRule }>((tie) => ({
    rule: fc.oneof({ maxDepth: 4, depthIdentifier: 'rule' }, leaf, tie('group')),
    group: fc.oneof(
      fc.array(tie('rule'), { maxLength: 4 }).map((all) => ({ all })),
      fc.array(tie('rule'), { maxLength: 4 }).map((any) => ({ any })),
      tie('rule').map((not) => ({ not })),
    ),
  }));
  return rule;
}

/** Rules the contract and the validator accept (the rest must be refused as bad-input, never thrown otherwise). */
function accepted(raw: SegmentRule): SegmentRule | null {
  const parsed = segmentRuleSchema.safeParse(raw);
  if (!parsed.success) return null;
  try {
    validateRule(parsed.data);
    return parsed.data;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('bad-input');
    return null;
  }
}

describe('segment compiler against an in-memory evaluation', () => {
  it('selects exactly the customers the reference selects, for random rules on odd data', () => {
    let checked = 0;
    let nonEmpty = 0;
    let partial = 0;
    fc.assert(
      fc.property(ruleArb(), (raw) => {
        const rule = accepted(raw);
        fc.pre(rule !== null);
        if (rule === null) return;
        const want = oracleMembers(oracle, rule);
        expect(sqlMembers(rule), JSON.stringify(rule)).toEqual(want);
        checked++;
        if (want.length > 0) nonEmpty++;
        if (want.length > 0 && want.length < oracle.rows.length) partial++;
      }),
      { numRuns: 600, seed: 20261205 },
    );
    expect(checked).toBeGreaterThan(450);
    expect(nonEmpty).toBeGreaterThan(150);
    expect(partial).toBeGreaterThan(150);
  });

  it('counts members and their revenue share like the reference', () => {
    const total = oracle.rows.reduce((sum, r) => sum + (r.revenue as number), 0);
    fc.assert(
      fc.property(ruleArb(), (raw) => {
        const rule = accepted(raw);
        fc.pre(rule !== null);
        if (rule === null) return;
        const members = new Set(oracleMembers(oracle, rule));
        const revenue = oracle.rows.filter((r) => members.has(r.id)).reduce((sum, r) => sum + (r.revenue as number), 0);
        const got = countRule(tw.db, rule, asOf);
        expect(got.count).toBe(members.size);
        expect(got.totalCustomers).toBe(oracle.rows.length);
        expect(got.shareCustomers).toBeCloseTo(members.size / oracle.rows.length, 12);
        expect(got.revenue).toBeCloseTo(revenue, 1);
        expect(got.shareRevenue).toBeCloseTo(revenue / total, 6);
      }),
      { numRuns: 150, seed: 3 },
    );
  });

  it('explains membership: the why tree agrees with the reference for the customer and its conditions', () => {
    fc.assert(
      fc.property(ruleArb(), fc.nat(), (raw, pick) => {
        const rule = accepted(raw);
        fc.pre(rule !== null);
        if (rule === null) return;
        const row = oracle.rows[pick % oracle.rows.length];
        if (!row) return;
        const tree = whyRule(tw.db, rule, row.id, { asOf }, 'EUR');
        expect(tree.met).toBe(oracleMembers(oracle, rule).includes(row.id));
      }),
      { numRuns: 200, seed: 17 },
    );
  });

  it('binds every value: no text from a rule appears in the SQL', () => {
    fc.assert(
      fc.property(ruleArb(), (raw) => {
        const rule = accepted(raw);
        fc.pre(rule !== null);
        if (rule === null) return;
        const { where } = compileRule(rule, { asOf });
        // The SQL is built from a fixed vocabulary: identifiers, keywords, operators and placeholders only.
        expect(where.replace(/'sale'|''|'\\'/g, '')).not.toContain("'");
        expect(where).not.toMatch(/\d{3,}/);
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});

describe('segment rules on known data', () => {
  const ids = (rule: SegmentRule): number[] => sqlMembers(rule);
  const cities = (rule: SegmentRule): string[] => {
    const members = new Set(ids(rule));
    return [...new Set(oracle.rows.filter((r) => members.has(r.id)).map((r) => String(r.city)))].sort();
  };

  it('matches LIKE wildcards and the escape character literally in "contains"', () => {
    expect(cities({ field: 'city', op: 'contains', value: '%' })).toEqual(['100%_off']);
    expect(cities({ field: 'city', op: 'contains', value: '_' })).toEqual(['100%_off', 'a_b']);
    expect(cities({ field: 'city', op: 'contains', value: '\\' })).toEqual(['back\\slash']);
    expect(cities({ field: 'city', op: 'contains', value: 'axb' })).toEqual(['AxB']);
  });

  it('treats "!=", "notIn" and NOT alike, including customers without a value', () => {
    const nl: SegmentRule = { field: 'country', op: '=', value: 'nl' };
    const notNl = ids({ field: 'country', op: '!=', value: 'NL' });
    expect(ids({ not: nl })).toEqual(notNl);
    expect(ids({ field: 'country', op: 'notIn', value: ['NL'] })).toEqual(notNl);
    expect(ids(nl).length + notNl.length).toBe(oracle.rows.length);
    expect(notNl).toEqual(expect.arrayContaining(oracle.rows.filter((r) => r.country === null).map((r) => r.id)));
  });

  it('counts purchases in orders: "at most 0 times" is never, and at least/at most split the base', () => {
    const category = String([...oracle.products.values()][0]?.category);
    const bought = ids({ event: 'purchased', category });
    const never = ids({ event: 'purchased', category, maxTimes: 0 });
    expect(bought.length).toBeGreaterThan(0);
    expect(bought.length + never.length).toBe(oracle.rows.length);
    const twice = ids({ event: 'purchased', category, minTimes: 2 });
    const once = ids({ event: 'purchased', category, minTimes: 1, maxTimes: 1 });
    expect(twice.length + once.length).toBe(bought.length);
    expect(ids({ event: 'purchased', category: category.toUpperCase(), withinDays: 36_500 })).toEqual(bought);
  });

  it('explains each condition in words', () => {
    const rule: SegmentRule = {
      all: [
        { field: 'country', op: '=', value: 'NL' },
        { event: 'purchased', category: 'Candles', minTimes: 2, withinDays: 90 },
        { not: { field: 'churnRisk', op: '>', value: 0.7 } },
        { event: 'reviewed', sentiment: 'negative' },
      ],
    };
    const row = oracle.rows.find((r) => r.country === 'NL');
    const tree = whyRule(tw.db, rule, row?.id ?? 1, { asOf }, 'EUR');
    expect(tree.label).toBe('All of these');
    expect(tree.children?.map((c) => c.label)).toEqual([
      'Country is NL',
      'Bought Candles at least 2 times in the last 90 days',
      'Not',
      'Left a negative review',
    ]);
    expect(tree.children?.[2]?.children?.[0]?.label).toBe('Churn risk is above 70 %');
    expect(tree.children?.[0]?.met).toBe(true);
    expect(tree.met).toBe(tree.children?.every((c) => c.met));
  });
});
