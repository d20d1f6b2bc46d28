import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAsOf } from '../../../src/engine/customers/customers-repo';
import { memberIdsSql } from '../../../src/engine/segments/compile';
import { countRule } from '../../../src/engine/segments/count';
import { buildLiveIndex, liveCount, liveIndexBuilding, liveIndexIfReady, liveIndexNow, liveMembers, type LiveIndex } from '../../../src/engine/segments/live-index';
import type { SegmentRule } from '../../../src/shared/segment-schemas';
import type { TestWorkspace } from '../customers/helpers';
import { loadSegmentOracle } from './oracle';
import { accepted, awkwardWorkspace, ruleArbFor } from './rule-arb';

let tw: TestWorkspace;
let asOf: string | null;
let index: LiveIndex;
let ruleArb: () => fc.Arbitrary<SegmentRule>;

beforeAll(async () => {
  tw = await awkwardWorkspace();
  asOf = readAsOf(tw.db);
  ruleArb = () => ruleArbFor(tw.db, loadSegmentOracle(tw.db));
  index = buildLiveIndex(tw.db);
});
afterAll(() => tw.dispose());

const sqlMembers = (rule: SegmentRule): number[] => {
  const q = memberIdsSql(rule, { asOf });
  return tw.db.prepare(q.sql).pluck().all(...q.params) as number[];
};

describe('in-memory segment counts against the compiled SQL', () => {
  it('selects exactly the members the SQL selects, for the random rules of compile.test.ts', () => {
    let checked = 0;
    let partial = 0;
    fc.assert(
      fc.property(ruleArb(), (raw) => {
        const rule = accepted(raw);
        fc.pre(rule !== null);
        if (rule === null) return;
        const want = sqlMembers(rule);
        expect(liveMembers(index, rule, asOf), JSON.stringify(rule)).toEqual(want);
        checked++;
        if (want.length > 0 && want.length < index.n) partial++;
      }),
      { numRuns: 600, seed: 20261205 },
    );
    expect(checked).toBeGreaterThan(450);
    expect(partial).toBeGreaterThan(150);
  });

  it('counts, shares and revenue equal countRule', () => {
    fc.assert(
      fc.property(ruleArb(), (raw) => {
        const rule = accepted(raw);
        fc.pre(rule !== null);
        if (rule === null) return;
        const want = countRule(tw.db, rule, asOf);
        const got = liveCount(index, rule, asOf);
        expect(got.count, JSON.stringify(rule)).toBe(want.count);
        expect(got.totalCustomers).toBe(want.totalCustomers);
        expect(got.shareCustomers).toBeCloseTo(want.shareCustomers, 12);
        expect(got.revenue).toBeCloseTo(want.revenue, 1);
        expect(got.shareRevenue).toBeCloseTo(want.shareRevenue, 9);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('is built in the background after the first request, and rebuilt after a change to the data', async () => {
    expect(liveIndexIfReady(tw.db)).toBeNull();
    while (liveIndexBuilding(tw.db)) await new Promise((resolve) => setImmediate(resolve));
    const built = liveIndexIfReady(tw.db);
    expect(built).not.toBeNull();
    expect(liveIndexNow(tw.db)).toBe(built);
    tw.db.prepare("UPDATE customers SET country = 'ZZ' WHERE id = (SELECT min(customer_id) FROM customer_metrics)").run();
    expect(liveIndexIfReady(tw.db)).toBeNull();
    const fresh = liveIndexNow(tw.db);
    expect(fresh).not.toBe(built);
    const rule: SegmentRule = { field: 'country', op: '=', value: 'zz' };
    expect(fresh && liveCount(fresh, rule, asOf).count).toBe(countRule(tw.db, rule, asOf).count);
  });
});
