import fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/engine';
import { RULE_LIMITS } from '../../../src/shared/segment-schemas';
import { contentDigest, tempDir } from '../helpers';
import { addOddCustomers, testWorkspace } from '../customers/helpers';

const SQL_FRAGMENTS = [
  "'; DROP TABLE customers; --",
  "' OR '1'='1",
  '" OR ""="',
  '1; DELETE FROM customer_metrics',
  ')) UNION SELECT email, phone FROM customers --',
  "NL' COLLATE NOCASE OR 1=1 --",
  '%',
  '_',
  '\\',
  '\u0000',
  'a\u0000b',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 Zoë',
  '\u202e\u200b',
  "x'); ATTACH DATABASE '/tmp/pwn.db' AS pwn; --",
  'x'.repeat(RULE_LIMITS.text),
];
const HUGE = [RULE_LIMITS.number, -RULE_LIMITS.number, 1e308, -1e308, 2 ** 53 + 1, Number.MIN_VALUE, 0.1 + 0.2];

let engine: Engine;
let dbFile: string;
let before: string;
let cleanupHome: () => void;
let disposeWs: () => void;

/** `depth` groups around a leaf (built in a loop: the test itself must not recurse that deep). */
function nest(depth: number, leaf: unknown): unknown {
  let rule = leaf;
  for (let i = 0; i < depth; i++) rule = { all: [rule] };
  return rule;
}

beforeAll(async () => {
  const tw = await testWorkspace({ customers: 300, seed: 3 });
  addOddCustomers(tw.db);
  tw.db.close();
  disposeWs = tw.dispose;
  const home = tempDir('localyst-segments-hostile-home-');
  cleanupHome = home.cleanup;
  engine = await createEngine({ workspaceDir: tw.dir, home: home.dir, create: false });
  const current = await engine.invoke('workspace.current', {});
  if (!current.ok) throw new Error(current.error.message);
  dbFile = (current.value as { dbFile: string }).dbFile;
  before = contentDigest(dbFile);
});
afterAll(async () => {
  await engine.close();
  cleanupHome();
  disposeWs();
});

/** Every answer is a count (and nothing else) or a bad-input refusal. */
async function countOrRefusal(rule: unknown): Promise<'count' | 'refused'> {
  const res = await engine.invoke('segments.count', { rule });
  if (res.ok) {
    expect(Object.keys(res.value as object).sort()).toEqual(['count', 'revenue', 'shareCustomers', 'shareRevenue', 'totalCustomers']);
    const value = res.value as { count: number; totalCustomers: number };
    expect(Number.isInteger(value.count)).toBe(true);
    expect(value.count).toBeLessThanOrEqual(value.totalCustomers);
    return 'count';
  }
  expect(res.error.code, JSON.stringify(res.error)).toBe('bad-input');
  expect(res.error.message.length).toBeGreaterThan(10);
  return 'refused';
}

describe('segments.count under hostile rules', () => {
  it('answers SQL fragments, quotes, unicode and NUL in every text slot with a count', async () => {
    const slots = (text: string): unknown[] => [
      { field: 'country', op: '=', value: text },
      { field: 'city', op: 'contains', value: text },
      { field: 'customerId', op: 'in', value: [text, text.toUpperCase()] },
      { field: 'rfmSegment', op: 'notIn', value: [text] },
      { not: { field: 'topCategory', op: '!=', value: text } },
      { event: 'purchased', category: text, minTimes: 1 },
      { event: 'purchased', product: text, maxTimes: 0 },
      { event: 'received', campaign: text },
      { event: 'responded', campaign: text, response: 'converted' },
    ];
    for (const text of SQL_FRAGMENTS) {
      for (const rule of slots(text)) {
        // An empty event name is refused (it can only be a mistake); every other text is a value like any other.
        const outcome = await countOrRefusal(rule);
        if (text.trim() !== '') expect(outcome, JSON.stringify(rule)).toBe('count');
      }
    }
    const injected = await engine.invoke('segments.count', { rule: { field: 'country', op: '=', value: "' OR '1'='1" } });
    expect(injected.ok && (injected.value as { count: number }).count).toBe(0);
  });

  it('counts huge numbers within the limits and refuses those beyond them', async () => {
    for (const n of HUGE) {
      const outcome = await countOrRefusal({ all: [{ field: 'revenue', op: '<', value: n }, { field: 'recencyDays', op: 'between', value: [n, 0] }] });
      expect(outcome).toBe(Math.abs(n) <= RULE_LIMITS.number ? 'count' : 'refused');
    }
  });

  it('refuses rules beyond the limits, wrong kinds and unknown names with the position', async () => {
    const cases: Array<{ rule: unknown; path?: string; words: RegExp }> = [
      { rule: nest(RULE_LIMITS.depth + 1, { field: 'orders', op: '>', value: 1 }), words: /more than 8 levels/ },
      { rule: { any: Array.from({ length: RULE_LIMITS.children + 1 }, () => ({ field: 'orders', op: '>', value: 1 })) }, words: /at most 50 rules/ },
      {
        rule: { all: Array.from({ length: 5 }, () => ({ any: Array.from({ length: 45 }, () => ({ field: 'orders', op: '>', value: 1 })) })) },
        words: /more than 200 conditions/,
      },
      { rule: { field: 'country', op: 'in', value: Array.from({ length: RULE_LIMITS.listItems + 1 }, (_, i) => `C${i}`) }, words: /at most 1000/ },
      { rule: { all: [{ field: 'orders', op: '>' }, { any: [{ field: 'country', op: '>', value: 'NL' }] }] }, path: 'all[0].value', words: /needs a value/ },
      { rule: { all: [{ field: 'orders', op: '>', value: 1 }, { any: [{ field: 'country', op: '<', value: 'NL' }] }] }, path: 'all[1].any[0].op', words: /cannot use "<"/ },
      { rule: { all: [{ field: 'orders', op: '>', value: 1 }, { any: [{ field: 'orders', op: '=', value: 'NL' }] }] }, path: 'all[1].any[0].value', words: /a number/ },
      { rule: { field: 'signupDate', op: '>', value: '2024-02-30' }, path: 'value', words: /YYYY-MM-DD/ },
      { rule: { field: 'recencyDays', op: 'between', value: [1, 2, 3] }, path: 'value', words: /two values/ },
      { rule: { event: 'purchased', category: 'Candles', minTimes: 3, maxTimes: 1 }, path: 'maxTimes', words: /cannot both hold/ },
      { rule: { field: 'email', op: '=', value: 'a@b.c' }, path: 'field', words: /no field "email"/ },
      { rule: { all: [{ field: 'country; DROP TABLE customers', op: '=', value: 'NL' }] }, path: 'all[0].field', words: /no field/ },
      { rule: { field: 'country', op: 'LIKE', value: 'NL' }, path: 'op', words: /no operator "LIKE"/ },
      { rule: { field: 'city', op: '=', value: 'x'.repeat(RULE_LIMITS.text + 1) }, path: 'value', words: /at most 200 characters/ },
      { rule: { memberOf: 1 }, words: /is not a group/ },
      { rule: { field: 'country', op: '=', value: 'NL', sql: '1=1' }, words: /Unrecognized key: "sql"/ },
      { rule: { all: [{ __proto__: { field: 'country' } }] }, path: 'all[0]', words: /is not a group/ },
    ];
    for (const c of cases) {
      const res = await engine.invoke('segments.count', { rule: c.rule });
      expect(res.ok, JSON.stringify(c.rule).slice(0, 200)).toBe(false);
      if (res.ok) continue;
      expect(res.error.code).toBe('bad-input');
      expect(res.error.message).toMatch(c.words);
      if (c.path) expect(res.error.details).toMatchObject({ field: 'rule', path: c.path });
    }
  });

  it('refuses very deep nesting as bad input instead of exhausting the stack', async () => {
    for (const depth of [50, 1_000, 20_000]) {
      const res = await engine.invoke('segments.count', { rule: nest(depth, { field: 'orders', op: '>', value: 1 }) });
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.code).toBe('bad-input');
    }
  });

  it('gives a count or a refusal for arbitrary values, and the workspace stays unchanged', async () => {
    const text = fc.oneof(fc.constantFrom(...SQL_FRAGMENTS), fc.string({ unit: 'grapheme', maxLength: 12 }));
    const value = fc.oneof(text, fc.constantFrom(...HUGE), fc.double(), fc.boolean(), fc.array(fc.oneof(text, fc.integer()), { maxLength: 3 }), fc.anything());
    const leaf = fc.oneof(
      fc.record({ field: fc.constantFrom('country', 'city', 'revenue', 'signupDate', 'acceptsMarketing', 'churnRisk', 'nope'), op: fc.constantFrom('=', '!=', '<', 'in', 'between', 'contains', 'isNull', 'DROP'), value }),
      fc.record({ event: fc.constantFrom('purchased', 'reviewed', 'received', 'responded', 'hacked'), category: text, withinDays: fc.oneof(fc.integer(), value) }, { requiredKeys: ['event'] }),
    );
    const { rule } = fc.letrec<{ rule: unknown }>((tie) => ({
      rule: fc.oneof({ maxDepth: 5, depthIdentifier: 'r' }, leaf, fc.record({ all: fc.array(tie('rule'), { maxLength: 3 }) }), fc.record({ not: tie('rule') }), fc.anything()),
    }));
    const outcomes = { count: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(rule, async (r) => {
        outcomes[await countOrRefusal(r)] += 1;
      }),
      { numRuns: 300, seed: 4242 },
    );
    expect(outcomes.count).toBeGreaterThan(10);
    expect(outcomes.refused).toBeGreaterThan(10);
    const why = await engine.invoke('segments.why', { rule: { field: 'city', op: 'contains', value: "'; DROP TABLE customers; --" }, customerId: 1 });
    expect(why.ok).toBe(true);
    expect(contentDigest(dbFile)).toBe(before);
    expect(fs.existsSync('/tmp/pwn.db')).toBe(false);
  });
});
