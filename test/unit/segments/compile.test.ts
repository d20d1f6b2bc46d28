import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAsOf } from '../../../src/engine/customers/customers-repo';
import { compileRule, memberIdsSql } from '../../../src/engine/segments/compile';
import { countRule } from '../../../src/engine/segments/count';
import { whyRule } from '../../../src/engine/segments/why';
import type { SegmentRule } from '../../../src/shared/segment-schemas';
import type { TestWorkspace } from '../customers/helpers';
import { loadSegmentOracle, oracleMembers, type SegmentOracle } from './oracle';
import { accepted, awkwardWorkspace, ruleArbFor } from './rule-arb';

let tw: TestWorkspace;
let oracle: SegmentOracle;
let asOf: string | null;
let ruleArb: () => fc.Arbitrary<SegmentRule>;

beforeAll(async () => {
  tw = await awkwardWorkspace();
  oracle = loadSegmentOracle(tw.db);
  asOf = readAsOf(tw.db);
  ruleArb = () => ruleArbFor(tw.db, oracle);
});
afterAll(() => tw.dispose());

const sqlMembers = (rule: SegmentRule): number[] => {
  const q = memberIdsSql(rule, { asOf });
  return tw.db.prepare(q.sql).pluck().all(...q.params) as number[];
};

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
