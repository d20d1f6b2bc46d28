import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audienceInsight, describeAudience, logOddsZ, minePhrases, reviewClauses, searchReviews } from '../../../src/engine/copy/audience';
import { createSegment } from '../../../src/engine/segments/segments-repo';
import type { AppError } from '../../../src/shared/errors';
import { all, scalar, testWorkspace, type TestWorkspace } from '../customers/helpers';

type Review = { id: number; customer_id: number; rating: number; body: string; product: string };

let tw: TestWorkspace;
let reviews: Review[];
beforeAll(async () => {
  tw = await testWorkspace({ customers: 1500, seed: 4 });
  reviews = all<Review>(tw.db, 'SELECT v.id, v.customer_id, v.rating, v.body, p.name AS product FROM reviews v JOIN products p ON p.id = v.product_id');
});
afterAll(() => tw.dispose());

const saidIn = (phrase: string, list: Review[]): boolean => list.some((r) => r.body.toLowerCase().includes(phrase.toLowerCase()));
const praiseOf = (list: Review[]): Review[] => list.filter((r) => r.rating >= 4);
const complaintsOf = (list: Review[]): Review[] => list.filter((r) => r.rating <= 2);

function expectQuotable(phrases: string[]): void {
  for (const phrase of phrases) {
    const words = phrase.split(' ').length;
    expect(words, phrase).toBeGreaterThanOrEqual(2);
    expect(words, phrase).toBeLessThanOrEqual(9);
    expect(phrase, phrase).not.toMatch(/\d|^(and|but|it is|it's)\b|^i (ordered|bought|had|sent|got)\b/i);
  }
}

describe('review clauses', () => {
  it('cuts a body into quotable clauses and drops the narration, the product and the concession', () => {
    expect(reviewClauses('I ordered the Amber Candle and it burns evenly and the scent fills the whole room. Will definitely order again.', 'Amber Candle')).toEqual([
      'burns evenly',
      'the scent fills the whole room',
      'will definitely order again',
    ]);
    expect(reviewClauses('Bought the Oat Mug as a treat and it is thick, cosy and beautifully finished. A little pricey, but good quality stoneware.', 'Oat Mug')).toEqual([
      'good quality stoneware',
    ]);
    expect(reviewClauses('I had high hopes for the Tin but it started rusting within weeks. I sent it back for a refund; the refund was quick at least.', 'Tin')).toEqual([
      'it started rusting within weeks',
    ]);
    expect(reviewClauses('Sizes 2 and 3 run small: I love it anyway!', null)).toEqual(['I love it anyway']);
  });
});

describe('log-odds with an informative Dirichlet prior', () => {
  it('leans words said more on one side to that side, and shared words to neither', () => {
    const praise = new Map([
      ['lovely', 30],
      ['the', 100],
      ['scent', 20],
    ]);
    const complaint = new Map([
      ['broken', 25],
      ['the', 100],
      ['scent', 20],
    ]);
    const z = logOddsZ(praise, complaint);
    expect(z.get('lovely')).toBeGreaterThan(2);
    expect(z.get('broken')).toBeLessThan(-2);
    expect(Math.abs(z.get('the') as number)).toBeLessThan(Math.abs(z.get('lovely') as number) / 3);
    expect(Math.abs(z.get('scent') as number)).toBeLessThan(1);
  });

  it('ranks distinctive, frequent clauses first, keeps clauses said on both sides out, and offers near-duplicates once', () => {
    const r = (rating: number, body: string) => ({ rating, body, product: null });
    const mined = minePhrases([
      ...Array.from({ length: 5 }, () => r(5, 'The scent fills the whole room.')),
      ...Array.from({ length: 3 }, () => r(5, 'Scent fills the whole room!')),
      ...Array.from({ length: 2 }, () => r(4, 'Lovely gift box too.')),
      r(5, 'The delivery was quite fast.'),
      r(1, 'The delivery was quite fast.'),
      ...Array.from({ length: 4 }, () => r(1, 'The glass arrived cracked.')),
      r(3, 'It is fine for the money.'),
    ]);
    expect(mined.praise).toEqual(['the scent fills the whole room', 'lovely gift box too']);
    expect(mined.complaints).toEqual(['the glass arrived cracked']);
  });
});

describe('audienceInsight on a demo shop', () => {
  it('describes every customer: size, most-ordered categories and products, median recency', () => {
    const a = audienceInsight(tw.db, {});
    expect(a.customers).toBe(1500);
    expect(a.segmentId).toBeNull();
    const byOrders = (column: string) =>
      all<{ name: string }>(
        tw.db,
        `SELECT ${column} AS name FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
          WHERE o.kind = 'sale' AND l.quantity > 0 AND l.unit_price > 0 GROUP BY ${column} ORDER BY count(DISTINCT o.id) DESC, ${column} LIMIT 5`,
      ).map((r) => r.name);
    expect(a.topCategories).toEqual(byOrders('p.category'));
    expect(a.topProducts).toEqual(byOrders('p.name'));
    const recency = all<{ d: number }>(tw.db, 'SELECT recency_days AS d FROM customer_metrics WHERE recency_days IS NOT NULL ORDER BY d').map((r) => r.d);
    const mid = recency.length >> 1;
    expect(a.medianRecencyDays).toBe(recency.length % 2 ? recency[mid] : ((recency[mid - 1] as number) + (recency[mid] as number)) / 2);
    expect(a.description).toBe(`1,500 customers, mostly buying ${a.topCategories[0]} and ${a.topCategories[1]}, last ordered a median ${Math.round(a.medianRecencyDays as number)} days ago`);
  });

  it("quotes praise from 4–5 star reviews and complaints from 1–2 star ones, in the customers' own words", () => {
    const a = audienceInsight(tw.db, {});
    expect(a.praise.length).toBeGreaterThanOrEqual(4);
    expect(a.complaints.length).toBeGreaterThanOrEqual(4);
    expect(a.praise.length).toBeLessThanOrEqual(6);
    expect(a.complaints.length).toBeLessThanOrEqual(6);
    for (const phrase of a.praise) expect(saidIn(phrase, praiseOf(reviews)), phrase).toBe(true);
    for (const phrase of a.complaints) expect(saidIn(phrase, complaintsOf(reviews)), phrase).toBe(true);
    // No praise phrase is a clause of a complaint, and the other way round.
    const complaintClauses = new Set(complaintsOf(reviews).flatMap((r) => reviewClauses(r.body, r.product).map((c) => c.toLowerCase())));
    const praiseClauses = new Set(praiseOf(reviews).flatMap((r) => reviewClauses(r.body, r.product).map((c) => c.toLowerCase())));
    for (const phrase of a.praise) expect(complaintClauses.has(phrase.toLowerCase()), phrase).toBe(false);
    for (const phrase of a.complaints) expect(praiseClauses.has(phrase.toLowerCase()), phrase).toBe(false);
    expectQuotable([...a.praise, ...a.complaints]);
    const productNames = all<{ name: string }>(tw.db, 'SELECT name FROM products').map((p) => p.name.toLowerCase());
    for (const phrase of [...a.praise, ...a.complaints]) expect(productNames.some((n) => phrase.toLowerCase().includes(n)), phrase).toBe(false);
  });

  it("restricts to a segment's members: their number, their purchases and their reviews", () => {
    const segment = createSegment(tw.db, { name: 'Textile buyers', rule: { event: 'purchased', category: 'Textiles' }, static: false, source: 'rules' });
    const a = audienceInsight(tw.db, { segmentId: segment.id });
    expect(a).toMatchObject({ segmentId: segment.id, segmentName: 'Textile buyers', customers: segment.count });
    expect(a.customers).toBeLessThan(1500);
    expect(a.topCategories).toContain('Textiles');
    expect(a.description).toMatch(new RegExp(`^${segment.count.toLocaleString('en-US')} customers, mostly buying`));
    const memberIds = new Set(
      all<{ id: number }>(
        tw.db,
        `SELECT DISTINCT o.customer_id AS id FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
          WHERE p.category = 'Textiles' AND o.kind = 'sale'`,
      ).map((r) => r.id),
    );
    const theirs = reviews.filter((r) => memberIds.has(r.customer_id));
    expect(a.praise.length).toBeGreaterThan(0);
    for (const phrase of a.praise) expect(saidIn(phrase, praiseOf(theirs)), phrase).toBe(true);
    for (const phrase of a.complaints) expect(saidIn(phrase, complaintsOf(theirs)), phrase).toBe(true);
    // A static segment (its snapshot) works as well.
    const frozen = createSegment(tw.db, { name: 'Frozen', rule: { field: 'orders', op: '>=', value: 5 }, static: true, source: 'rules' });
    expect(audienceInsight(tw.db, { segmentId: frozen.id }).customers).toBe(scalar(tw.db, 'SELECT count(*) FROM customer_metrics WHERE orders >= 5'));
  });

  it('restricts the reviews to a product named in any case, and falls back to all reviews for an unknown product', () => {
    const product = all<{ name: string }>(
      tw.db,
      `SELECT p.name FROM reviews v JOIN products p ON p.id = v.product_id GROUP BY p.id
        HAVING sum(v.rating >= 4) >= 3 AND sum(v.rating <= 2) >= 2 ORDER BY count(*) DESC, p.name LIMIT 1`,
    )[0]?.name as string;
    const a = audienceInsight(tw.db, { product: product.toUpperCase() });
    const ofProduct = reviews.filter((r) => r.product === product);
    expect(a.praise.length).toBeGreaterThan(0);
    expect(a.complaints.length).toBeGreaterThan(0);
    for (const phrase of a.praise) expect(saidIn(phrase, praiseOf(ofProduct)), phrase).toBe(true);
    for (const phrase of a.complaints) expect(saidIn(phrase, complaintsOf(ofProduct)), phrase).toBe(true);
    expect(a.customers).toBe(1500);
    const everyone = audienceInsight(tw.db, {});
    expect(audienceInsight(tw.db, { product: 'No such product' })).toEqual(everyone);
  });

  it('reports a segment that does not exist', () => {
    let code: string | undefined;
    try {
      audienceInsight(tw.db, { segmentId: 9999 });
    } catch (error) {
      code = (error as AppError).code;
    }
    expect(code).toBe('not-found');
  });
});

describe('describeAudience', () => {
  it('speaks plainly about one, none and many', () => {
    expect(describeAudience(1240, ['Candles', 'Home fragrance', 'Kitchen'], 210)).toBe('1,240 customers, mostly buying Candles and Home fragrance, last ordered a median 210 days ago');
    expect(describeAudience(1, ['Candles'], 1)).toBe('1 customer, mostly buying Candles, last ordered 1 day ago');
    expect(describeAudience(12, [], null)).toBe('12 customers, none of whom has ordered yet');
    expect(describeAudience(0, [], null)).toBe('No customers yet.');
  });
});

describe('searchReviews', () => {
  it('finds text in titles and bodies with LIKE wildcards taken literally, by stars, newest first', () => {
    const customer = scalar(tw.db, 'SELECT min(id) FROM customers');
    const insert = tw.db.prepare('INSERT INTO reviews (external_id, customer_id, rating, title, body, reviewed_at) VALUES (?, ?, ?, ?, ?, ?)');
    insert.run('T-1', customer, 5, 'Love it', 'Worth 100% of the price', '2031-01-02T10:00:00');
    insert.run('T-2', customer, 1, 'Meh', 'Worth 1000 of nothing', '2031-01-03T10:00:00');
    insert.run('T-3', customer, 2, 'snake_case title', 'plain', '2031-01-01T10:00:00');
    expect(searchReviews(tw.db, { search: '100%', sentiment: 'any', limit: 10 }).map((r) => r.text)).toEqual(['Worth 100% of the price']);
    expect(searchReviews(tw.db, { search: 'e_c', sentiment: 'any', limit: 10 }).map((r) => r.title)).toEqual(['snake_case title']);
    expect(searchReviews(tw.db, { search: 'WORTH 10', sentiment: 'complaint', limit: 10 }).map((r) => r.text)).toEqual(['Worth 1000 of nothing']);
    const newest = searchReviews(tw.db, { sentiment: 'praise', limit: 3 });
    expect(newest[0]).toMatchObject({ text: 'Worth 100% of the price', rating: 5, product: null, customerId: expect.any(String) });
    expect(newest.map((r) => r.reviewedAt)).toEqual([...newest.map((r) => r.reviewedAt)].sort().reverse());
    expect(newest.every((r) => (r.rating as number) >= 4)).toBe(true);
    tw.db.prepare("DELETE FROM reviews WHERE external_id LIKE 'T-%'").run();
  });
});
