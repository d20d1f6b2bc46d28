import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAsOf } from '../../../src/engine/customers/customers-repo';
import { memberIdsSql } from '../../../src/engine/segments/compile';
import { validateRule } from '../../../src/engine/segments/validate';
import { eventLabel } from '../../../src/engine/segments/why';
import { segmentRuleSchema, type SegmentRule } from '../../../src/shared/segment-schemas';
import { all, testWorkspace, type TestWorkspace } from '../customers/helpers';
import { seedRecommendations } from './seed-recommendations';

describe('segment condition "recommended product in category X"', () => {
  let tw: TestWorkspace;
  let category: string;
  beforeAll(async () => {
    tw = await testWorkspace({ customers: 300, seed: 21 });
    seedRecommendations(tw.db);
    category = all<{ c: string }>(
      tw.db,
      "SELECT p.category AS c FROM customer_recommendations r JOIN products p ON p.id = r.product_id WHERE r.kind = 'discover' GROUP BY p.category ORDER BY count(*) DESC LIMIT 1",
    )[0]?.c as string;
  });
  afterAll(() => tw.dispose());

  const members = (rule: SegmentRule): number[] => {
    const q = memberIdsSql(segmentRuleSchema.parse(rule), { asOf: readAsOf(tw.db) });
    return tw.db.prepare(q.sql).pluck().all(...q.params) as number[];
  };
  const expected = (where: string, ...params: unknown[]): number[] =>
    all<{ id: number }>(
      tw.db,
      `SELECT DISTINCT r.customer_id AS id FROM customer_recommendations r JOIN products p ON p.id = r.product_id JOIN customer_metrics m ON m.customer_id = r.customer_id
        WHERE lower(p.category) = lower(?) ${where} ORDER BY id`,
      category,
      ...params,
    ).map((r) => r.id);

  it('selects the customers with a product of the category in their lists, by list and by top N, case-insensitively', () => {
    const any = members({ event: 'recommended', category: category.toUpperCase(), list: 'any' });
    expect(any.length).toBeGreaterThan(0);
    expect(any).toEqual(expected(''));
    expect(members({ event: 'recommended', category, list: 'discover' })).toEqual(expected("AND r.kind = 'discover'"));
    const top1 = members({ event: 'recommended', category, list: 'buy-again', withinTop: 1 });
    expect(top1).toEqual(expected("AND r.kind = 'buy-again' AND r.rank <= 1"));
    expect(top1.length).toBeLessThan(any.length);
  });

  it('negates to everyone else with figures, and a category nobody is recommended matches nobody', () => {
    const everyone = all<{ id: number }>(tw.db, 'SELECT customer_id AS id FROM customer_metrics ORDER BY customer_id').map((r) => r.id);
    const yes = new Set(members({ event: 'recommended', category, list: 'any' }));
    expect(members({ not: { event: 'recommended', category, list: 'any' } })).toEqual(everyone.filter((id) => !yes.has(id)));
    expect(members({ event: 'recommended', category: 'No such category', list: 'any' })).toEqual([]);
  });

  it('refuses a blank category and reads as a sentence', () => {
    expect(() => validateRule({ all: [{ event: 'recommended', category: ' ', list: 'any' }] })).toThrow(/category is empty/);
    expect(eventLabel({ event: 'recommended', category: 'Candles', list: 'discover', withinTop: 3 })).toBe('Recommended a product in Candles new to them (top 3)');
  });
});
