import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTokens, greetingName, renderFields, renderTokens, tokenValuesFor } from '../../../src/engine/copy/tokens';
import { all, testWorkspace, type TestWorkspace } from '../customers/helpers';

const anna = { firstName: 'Anna', city: 'Utrecht', country: 'Netherlands', topCategory: 'Candles', topProduct: 'Amber Candle', lastProduct: 'Fig Tin' };

describe('findTokens', () => {
  it('reads names and fallbacks, ignoring the spaces around them', () => {
    const found = findTokens('Hi {{ firstName }}, {{firstName|there}} and {{ city | your town }}!');
    expect(found.map((t) => [t.name, t.fallback, t.known])).toEqual([
      ['firstName', null, true],
      ['firstName', 'there', true],
      ['city', 'your town', true],
    ]);
    expect(found[2]?.raw).toBe('{{ city | your town }}');
  });

  it('leaves unclosed, empty and nested braces alone and takes only the innermost token', () => {
    expect(findTokens('Hi {{firstName, welcome')).toEqual([]);
    expect(findTokens('Hi {firstName}} and {{}} and {{ |x}} and {{   }}')).toEqual([]);
    const nested = findTokens('{{first{{firstName}}Name}}');
    expect(nested.map((t) => t.raw)).toEqual(['{{firstName}}']);
    expect(findTokens('{{{city}}}').map((t) => t.name)).toEqual(['city']);
  });

  it('marks names it does not know, matching case exactly', () => {
    const found = findTokens('{{frstName}} {{FirstName}} {{first name}} {{lastProduct}}');
    expect(found.map((t) => [t.name, t.known])).toEqual([
      ['frstName', false],
      ['FirstName', false],
      ['first name', false],
      ['lastProduct', true],
    ]);
  });

  it('keeps a fallback that itself holds a bar', () => {
    expect(findTokens('{{firstName|you | yours}}')[0]?.fallback).toBe('you | yours');
  });
});

describe('renderTokens', () => {
  it('fills in values and reports nothing when every value is there', () => {
    expect(renderTokens('Hi {{firstName|there}}, fans of {{topCategory}} in {{ city }} love {{topProduct}}.', anna)).toEqual({
      text: 'Hi Anna, fans of Candles in Utrecht love Amber Candle.',
      fallbacks: [],
      unknown: [],
    });
  });

  it('uses the fallback, with its inner spaces, when the customer has no value', () => {
    const r = renderTokens('Hi {{firstName| dear friend }}!', { firstName: null });
    expect(r.text).toBe('Hi dear friend!');
    expect(r.fallbacks).toEqual(['firstName']);
  });

  it('closes the gap a missing value without fallback leaves', () => {
    const none = {};
    expect(renderTokens('Hi {{firstName}},', none).text).toBe('Hi,');
    expect(renderTokens('Hi {{firstName}}, welcome back', none).text).toBe('Hi, welcome back');
    expect(renderTokens('Hi {{firstName}} there', none).text).toBe('Hi there');
    expect(renderTokens('Made for {{city}}', none).text).toBe('Made for');
    expect(renderTokens('{{firstName}}, your order is here', none).text).toBe('Your order is here');
    expect(renderTokens('Dear team\n{{firstName}}: a gift for you', none).text).toBe('Dear team\nA gift for you');
    expect(renderTokens('Hi {{firstName|}}!', { firstName: '  ' }).text).toBe('Hi!');
    expect(renderTokens('Hi {{firstName}}', none).fallbacks).toEqual(['firstName']);
  });

  it('does not capitalise what follows a value or another filled token', () => {
    expect(renderTokens('{{firstName}} {{city}} is lovely', { city: 'Leeds' }).text).toBe('Leeds is lovely');
    expect(renderTokens('{{firstName|friend}}, welcome', {}).text).toBe('friend, welcome');
  });

  it('leaves unknown tokens as written and lists them once', () => {
    const r = renderTokens('Hi {{frstName}} from {{frstName|x}} in {{city}}', anna);
    expect(r.text).toBe('Hi {{frstName}} from {{frstName|x}} in Utrecht');
    expect(r.unknown).toEqual(['frstName']);
    expect(r.fallbacks).toEqual([]);
  });

  it('renders every text of a variant', () => {
    const r = renderFields({ channel: 'search_ad', headlines: ['For {{firstName|you}}', 'In {{city}}'], descriptions: ['{{topProduct}} is back'] }, { city: 'Gent' });
    expect(r.fields).toEqual({ channel: 'search_ad', headlines: ['For you', 'In Gent'], descriptions: ['Is back'] });
    expect(r.fallbacks).toEqual(['firstName', 'topProduct']);
  });
});

describe('greetingName', () => {
  it('takes the first word, tidies all-caps or all-lower names, and refuses pseudonyms and non-names', () => {
    expect(greetingName('  Mary Ann ')).toBe('Mary');
    expect(greetingName('ANNA')).toBe('Anna');
    expect(greetingName('émile')).toBe('Émile');
    expect(greetingName('McKenzie')).toBe('McKenzie');
    expect(greetingName('nm_abcdefghijklmnopqrstuv')).toBeNull();
    expect(greetingName('-12.5')).toBeNull();
    expect(greetingName('')).toBeNull();
    expect(greetingName(null)).toBeNull();
  });
});

describe('tokenValuesFor', () => {
  let tw: TestWorkspace;
  beforeAll(async () => {
    tw = await testWorkspace({ customers: 300, seed: 5 });
  });
  afterAll(() => tw.dispose());

  it("reads each customer's values from their orders", () => {
    const buyer = all<{ id: number }>(tw.db, 'SELECT customer_id AS id FROM customer_metrics WHERE orders >= 3 ORDER BY customer_id LIMIT 1')[0]?.id as number;
    const values = tokenValuesFor(tw.db, [buyer, 987_654]);
    expect([...values.keys()]).toEqual([buyer]);
    const v = values.get(buyer);
    const person = all<{ first_name: string; city: string; top_category: string }>(
      tw.db,
      'SELECT c.first_name, c.city, m.top_category FROM customers c JOIN customer_metrics m ON m.customer_id = c.id WHERE c.id = ?',
      buyer,
    )[0];
    expect(v?.firstName).toBe(greetingName(person?.first_name ?? null));
    expect(v?.city).toBe(person?.city);
    expect(v?.topCategory).toBe(person?.top_category);
    expect(v?.country).toMatch(/^[A-Z][a-z]/);
    // The latest sale order's first product line, and the product on most of their sale orders.
    const latest = all<{ name: string }>(
      tw.db,
      `SELECT p.name FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
        WHERE o.customer_id = ? AND o.kind = 'sale' AND l.quantity > 0 AND l.unit_price > 0 ORDER BY o.ordered_at DESC, o.id DESC, l.line_no LIMIT 1`,
      buyer,
    )[0];
    expect(v?.lastProduct).toBe(latest?.name);
    const counts = all<{ name: string; n: number }>(
      tw.db,
      `SELECT p.name, count(DISTINCT o.id) AS n FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
        WHERE o.customer_id = ? AND o.kind = 'sale' AND l.quantity > 0 AND l.unit_price > 0 GROUP BY p.id`,
      buyer,
    );
    const most = Math.max(...counts.map((c) => c.n));
    expect(counts.filter((c) => c.n === most).map((c) => c.name)).toContain(v?.topProduct);
  });

  it('has no purchase values for a customer without orders', () => {
    tw.db.prepare("INSERT INTO customers (external_id, first_name, country, created_at) VALUES ('NEW-1', 'zoë', 'nl', '2024-01-01')").run();
    const id = all<{ id: number }>(tw.db, "SELECT id FROM customers WHERE external_id = 'NEW-1'")[0]?.id as number;
    expect(tokenValuesFor(tw.db, [id]).get(id)).toEqual({ firstName: 'Zoë', city: null, country: 'Netherlands', topCategory: null, topProduct: null, lastProduct: null, recommended1: null, recommended2: null, recommended3: null });
  });
});
