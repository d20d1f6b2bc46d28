import fc from 'fast-check';
import { expect } from 'vitest';
import type { Db } from '../../../src/engine/db/open-workspace';
import { validateRule } from '../../../src/engine/segments/compile';
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
import type { SegmentOracle } from './oracle';

/** The random rules and the awkward workspace of compile.test.ts, shared with live-index.test.ts. */

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

/** 2000 demo customers plus odd ones, with NULL consent and stars, orders without customer, returned lines, LIKE wildcards. */
export async function awkwardWorkspace(): Promise<TestWorkspace> {
  const tw = await testWorkspace({ customers: 2000, seed: 11 });
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
  return tw;
}

/** Random rules over the workspace's own values (and hostile text, odd numbers, nested groups). */
export function ruleArbFor(db: Db, oracle: SegmentOracle): fc.Arbitrary<SegmentRule> {
  const tw = { db };
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

  return ruleArb();
}

export /** Rules the contract and the validator accept (the rest must be refused as bad-input, never thrown otherwise). */
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

