import type { AudienceInsight } from '../../shared/copy-schemas';
import type { SegmentRule } from '../../shared/segment-schemas';
import { memoised } from '../kernel/memo';
import type { Db } from '../db/open-workspace';
import { REVENUE_LINE_FILTER } from '../db/stats-repo';
import { sampleIndices } from '../segments/discover-kmeans';
import { LiveIndexUnsupported, liveIndexIfReady, liveMembers } from '../segments/live-index';
import { members } from '../segments/profile';
import { segmentRule } from '../segments/segments-repo';
import { readThemePhrases } from '../reviews/reviews-repo';

/**
 * Who the copy is for, in the copy studio's words (issue 6): a segment's members (or every customer), what they
 * order, how long ago they last did, and phrases from their own reviews to borrow.
 *
 * Sizes and the median recency are exact. Categories and products are ranked by the number of sale orders that hold
 * them; for a group larger than PURCHASE_SAMPLE they are counted on a seeded random sample of that many customers,
 * which keeps the ranking (the shares of the leaders are off by a point or so, not their order) and the answer
 * under a second at 100,000 customers. Phrases are mined from at most REVIEWS_PER_SIDE of the latest 4–5 star and
 * of the latest 1–2 star reviews, latest as imported (see minePhrases below). Answers are remembered while the
 * data stays the same.
 */

export const TOP_ROWS = 5;
/** Larger groups have their purchases ranked on a seeded random sample of this many customers. */
export const PURCHASE_SAMPLE = 5_000;
/** Latest-imported reviews read on each side (praise, complaints): the sample the phrases are mined from. */
export const REVIEWS_PER_SIDE = 2_500;
const SAMPLE_SEED = 1;

/** Customers: a segment's member ids, or null for every customer. */
type Scope = { ids: number[] | null; count: number };

function sampleScope(db: Db, scope: Scope): string | null {
  if (scope.count <= PURCHASE_SAMPLE) return scope.ids === null ? null : JSON.stringify(scope.ids);
  const ids = scope.ids ?? (db.prepare('SELECT id FROM customers ORDER BY id').pluck().all() as number[]);
  return JSON.stringify(Array.from(sampleIndices(ids.length, PURCHASE_SAMPLE, SAMPLE_SEED), (i) => ids[i] as number));
}

/** The most-ordered categories and products of the customers (or a sample of them): one pass over their sale lines. */
function topPurchases(db: Db, sample: string | null): { categories: string[]; products: string[] } {
  const members = sample === null ? 'o.customer_id IS NOT NULL' : 'o.customer_id IN (SELECT value FROM json_each(?))';
  const lines = db
    .prepare(`SELECT o.id, l.product_id FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE ${REVENUE_LINE_FILTER} AND l.product_id IS NOT NULL AND ${members}`)
    .raw()
    .iterate(...(sample === null ? [] : [sample])) as Iterable<[number, number]>;
  const catalogue = new Map(
    (db.prepare('SELECT id, name, category FROM products').all() as Array<{ id: number; name: string; category: string | null }>).map((p) => [p.id, p]),
  );
  // An order counts once for each product and each category it holds.
  const byProduct = new Map<string, Set<number>>();
  const byCategory = new Map<string, Set<number>>();
  const note = (map: Map<string, Set<number>>, key: string | null | undefined, order: number): void => {
    if (!key?.trim()) return;
    let orders = map.get(key);
    if (!orders) map.set(key, (orders = new Set()));
    orders.add(order);
  };
  for (const [order, productId] of lines) {
    const product = catalogue.get(productId);
    note(byProduct, product?.name, order);
    note(byCategory, product?.category, order);
  }
  const top = (map: Map<string, Set<number>>): string[] =>
    [...map.entries()]
      .sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]))
      .slice(0, TOP_ROWS)
      .map(([name]) => name);
  return { categories: top(byCategory), products: top(byProduct) };
}

/** The median of the customers' days since their last order; null when none has ordered. */
function medianRecency(db: Db, scope: Scope): number | null {
  const values = (
    scope.ids === null
      ? db.prepare('SELECT recency_days FROM customer_metrics WHERE recency_days IS NOT NULL ORDER BY recency_days')
      : db.prepare('SELECT m.recency_days FROM json_each(?) j JOIN customer_metrics m ON m.customer_id = j.value WHERE m.recency_days IS NOT NULL')
  )
    .pluck()
    .all(...(scope.ids === null ? [] : [JSON.stringify(scope.ids)])) as number[];
  if (values.length === 0) return null;
  if (scope.ids !== null) values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? (values[mid] as number) : ((values[mid - 1] as number) + (values[mid] as number)) / 2;
}

/**
 * The latest-imported 4–5 and 1–2 star reviews with a body (at most REVIEWS_PER_SIDE of each), of the customers
 * and, when given, of these products: one pass, newest first, that stops when both sides are full.
 */
function readReviews(db: Db, customers: string | null, products: string | null): ReviewForMining[] {
  const where = ['v.rating <> 3', "v.body IS NOT NULL AND v.body <> ''"];
  const params: unknown[] = [];
  if (customers !== null) {
    where.push('v.customer_id IN (SELECT value FROM json_each(?))');
    params.push(customers);
  }
  if (products !== null) {
    where.push('v.product_id IN (SELECT value FROM json_each(?))');
    params.push(products);
  }
  const rows = db
    .prepare(`SELECT v.body, v.rating, p.name AS product FROM reviews v LEFT JOIN products p ON p.id = v.product_id WHERE ${where.join(' AND ')} ORDER BY v.id DESC`)
    .iterate(...params) as IterableIterator<ReviewForMining>;
  const out: ReviewForMining[] = [];
  let praise = 0;
  let complaints = 0;
  for (const row of rows) {
    if (row.rating >= 4 ? praise < REVIEWS_PER_SIDE : complaints < REVIEWS_PER_SIDE) out.push(row);
    if (row.rating >= 4) praise += 1;
    else complaints += 1;
    if (praise >= REVIEWS_PER_SIDE && complaints >= REVIEWS_PER_SIDE) break;
  }
  return out;
}

/** The customers' reviews, of the named product when it exists and they reviewed it, else all of them. */
function reviewsOf(db: Db, scope: Scope, product: string | undefined): { reviews: ReviewForMining[]; about: 'product' | 'customers' } {
  const customers = scope.ids === null ? null : JSON.stringify(scope.ids);
  const productIds = productIdsOf(db, product);
  if (productIds.length > 0) {
    const reviews = readReviews(db, customers, JSON.stringify(productIds));
    if (reviews.length > 0) return { reviews, about: 'product' };
  }
  return { reviews: readReviews(db, customers, null), about: 'customers' };
}

const productIdsOf = (db: Db, product: string | undefined): number[] =>
  product === undefined ? [] : (db.prepare('SELECT id FROM products WHERE name = ? COLLATE NOCASE').pluck().all(product) as number[]);

/**
 * Praise and complaints in the customers' own words: the themes of the reviews analysis (README: Reviews) when the
 * reviews were analysed, of the product when they reviewed it, else of all their reviews; without an analysis, mined
 * from the latest reviews here (minePhrases).
 */
function phrasesOf(db: Db, scope: Scope, product: string | undefined): { praise: string[]; complaints: string[]; about: 'product' | 'customers' } {
  const customers = scope.ids === null ? null : JSON.stringify(scope.ids);
  const productIds = productIdsOf(db, product);
  if (productIds.length > 0) {
    const themes = readThemePhrases(db, { customers, products: JSON.stringify(productIds) }, PHRASES);
    if (themes !== null && themes.praise.length + themes.complaints.length > 0) return { ...themes, about: 'product' };
  }
  const themes = readThemePhrases(db, { customers, products: null }, PHRASES);
  if (themes !== null) return { ...themes, about: 'customers' };
  const mined = reviewsOf(db, scope, product);
  return { ...minePhrases(mined.reviews), about: mined.about };
}

const number = (n: number): string => Math.round(n).toLocaleString('en-US');
const andList = (items: string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/** "1,240 customers, mostly buying Candles and Home fragrance, last ordered a median 210 days ago". */
export function describeAudience(customers: number, topCategories: string[], medianRecencyDays: number | null): string {
  if (customers === 0) return 'No customers yet.';
  const parts = [`${number(customers)} ${customers === 1 ? 'customer' : 'customers'}`];
  if (topCategories.length > 0) parts.push(`mostly buying ${andList(topCategories.slice(0, 2))}`);
  if (medianRecencyDays === null) parts.push(customers === 1 ? 'who has not ordered yet' : 'none of whom has ordered yet');
  else {
    const days = Math.round(medianRecencyDays);
    const when = days === 0 ? 'today' : `${number(days)} ${days === 1 ? 'day' : 'days'} ago`;
    parts.push(customers === 1 ? `last ordered ${when}` : `last ordered a median ${when}`);
  }
  return parts.join(', ');
}

/** A rule's member ids: from the segments' in-memory index when it is built for the current data, else by SQL. */
function memberIds(db: Db, rule: SegmentRule): number[] {
  const index = liveIndexIfReady(db);
  if (index !== null) {
    try {
      return liveMembers(index, rule, index.asOf);
    } catch (error) {
      if (!(error instanceof LiveIndexUnsupported)) throw error;
    }
  }
  return members(db, rule).ids;
}

/** The members of a saved segment now (a not-found error when there is none with that id). */
export const segmentMemberIds = (db: Db, segmentId: number): number[] => memberIds(db, segmentRule(db, { id: segmentId }));

const segmentName = (db: Db, id: number): string => (db.prepare('SELECT name FROM segments WHERE id = ?').pluck().get(id) as string | undefined) ?? '';

/** The audience of a segment (or of every customer): size, purchases, recency, and phrases from their reviews. */
export function audienceInsight(db: Db, input: { segmentId?: number | undefined; product?: string | undefined }): AudienceInsight {
  const product = input.product?.trim() || undefined;
  // The segment is read first, so a deleted one is reported even when an answer for it is remembered.
  const segment = input.segmentId === undefined ? null : { rule: segmentRule(db, { id: input.segmentId }), name: segmentName(db, input.segmentId) };
  return memoised(db, `copy.audience:${input.segmentId ?? 'all'}:${product?.toLowerCase() ?? ''}`, () => {
    let scope: Scope;
    if (segment !== null) {
      const ids = memberIds(db, segment.rule);
      scope = { ids, count: ids.length };
    } else {
      scope = { ids: null, count: db.prepare('SELECT count(*) FROM customers').pluck().get() as number };
    }
    const purchases = topPurchases(db, sampleScope(db, scope));
    const medianRecencyDays = medianRecency(db, scope);
    const phrases = phrasesOf(db, scope, product);
    return {
      segmentId: input.segmentId ?? null,
      segmentName: segment?.name ?? null,
      customers: scope.count,
      description: describeAudience(scope.count, purchases.categories, medianRecencyDays),
      topCategories: purchases.categories,
      topProducts: purchases.products,
      praise: phrases.praise,
      complaints: phrases.complaints,
      phrasesAbout: phrases.about,
      medianRecencyDays,
    };
  });
}

export type ReviewSearch = { search?: string | undefined; sentiment: 'any' | 'praise' | 'complaint'; limit: number };
export type ReviewPick = {
  id: number;
  customerId: string | null;
  product: string | null;
  rating: number | null;
  title: string | null;
  text: string;
  reviewedAt: string;
};

/** Reviews to quote, newest first: their text or title holding `search` (without case, for ASCII letters), by stars. */
export function searchReviews(db: Db, input: ReviewSearch): ReviewPick[] {
  const where = ["coalesce(nullif(trim(v.body), ''), nullif(trim(v.title), '')) IS NOT NULL"];
  const params: unknown[] = [];
  const search = input.search?.trim() ?? '';
  if (search !== '') {
    // LIKE cannot see past a NUL (it ends the pattern), so such a search is matched with instr instead.
    if (search.includes('\u0000')) {
      where.push("(instr(lower(coalesce(v.title, '')), lower(?)) > 0 OR instr(lower(coalesce(v.body, '')), lower(?)) > 0)");
      params.push(search, search);
    } else {
      const pattern = `%${search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      where.push("(v.title LIKE ? ESCAPE '\\' OR v.body LIKE ? ESCAPE '\\')");
      params.push(pattern, pattern);
    }
  }
  // The analysis's label where the review was analysed (README: Reviews), else its stars.
  if (input.sentiment === 'praise') where.push("(s.label = 'positive' OR (s.label IS NULL AND v.rating >= 4))");
  if (input.sentiment === 'complaint') where.push("(s.label = 'negative' OR (s.label IS NULL AND v.rating <= 2))");
  return db
    .prepare(
      `SELECT v.id, c.external_id AS customerId, p.name AS product, v.rating, nullif(trim(v.title), '') AS title,
              coalesce(nullif(trim(v.body), ''), trim(v.title)) AS text, v.reviewed_at AS reviewedAt
         FROM reviews v LEFT JOIN customers c ON c.id = v.customer_id LEFT JOIN products p ON p.id = v.product_id
              LEFT JOIN review_sentiment s ON s.review_id = v.id
        WHERE ${where.join(' AND ')} ORDER BY v.reviewed_at DESC, v.id DESC LIMIT ?`,
    )
    .all(...params, input.limit) as ReviewPick[];
}

// ---------------------------------------------------------------------------------------------------------------
// Customers' own words: short, quotable clauses of praise (4–5 stars) and complaint (1–2 stars).
//
// A review body is cut into clauses at sentence punctuation, ':' ';' dashes, ' but ' and ' and '. Of a "…, but …"
// sentence only what follows "but" is kept (it is the point; what goes before is the concession: "a little pricey,
// but good quality"). A clause is quotable when it has 3–9 words (a leading "and", "but", "so", "it is", "it's", …
// trimmed first), no digits, does not name the reviewed product ("I ordered the Amber Candle"), is not the reviewer
// narrating ("I sent it back", "returned it within the week"; "I love it" stays), and is no concession or wish ("at least", "I wish"). "It burns
// evenly" is shown as "burns evenly".
//
// Clauses are ranked by how distinctive their words are of their side: the log-odds ratio of each word between the
// praise and the complaint reviews with an informative Dirichlet prior (the two together), as a z-score (Monroe,
// Colaresi & Quinn 2008, "Fightin' Words", eq. 16 and 22), averaged over the clause's content words, times the number
// of reviews that say it. A clause said on both sides, or leaning to the other side, is not offered; near-identical
// clauses (same words, or most of them) are offered once.

export type ReviewForMining = { body: string; rating: number; product: string | null };

/** At most this many phrases of praise and of complaint. */
export const PHRASES = 6;
const MIN_WORDS = 3;
const MAX_WORDS = 9;
/** α0 of the informative Dirichlet prior: how many pseudo-words of the pooled reviews each side starts from. */
const PRIOR_STRENGTH = 500;
const NEAR_DUPLICATE = 0.6;

const PRODUCT = '\u0000';
const SENTENCES = /[.!?…;:\n\r]+|\s[—–-]\s/;
const BUT = /,?\s+but\s+/i;
const AND = /,?\s+and\s+/i;
const EDGE = /^[\s"'“”‘’()[\],–—-]+|[\s"'“”‘’()[\],–—-]+$/g;
const LEAD = /^(?:and|but|so|also|plus|yet|then|it is|it's|it’s|it was|is|are|was|were)\s+/i;
const IT_VERB = /^it\s+(?!(?:is|was|has|does)\b)(?=[a-z]+s\b)/i;
const NARRATION = /^(?:(?:i|we)(?:['’][a-z]+)?\s|(?:already\s+|just\s+)?(?:returned|sent|ordered|bought|got|received|purchased|had to)\b)/i;
const OPINION = /^(?:i|we)\s+(?:really\s+|absolutely\s+|just\s+)?(?:love|loved|adore|adored|recommend)\b/i;
const CONCESSION = /\b(?:at least|wish|wished)\b|^(?:although|though|even though|while)\b/i;
const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;
const STOP = new Set(
  ('a an the it its it\'s is are was were be been and or but of to in on at for with as by from this that these those my me i we our ' +
    'you your so very really too just than then there here has have had do does did will would all any one').split(' '),
);

const wordsOf = (text: string): string[] => text.toLowerCase().match(WORD) ?? [];

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * The body with the reviewed product's name (whole words, any case) replaced by a marker, so clauses naming it can
 * be left out. A plain search rather than one regular expression per product: compiling those cost more than the
 * mining itself.
 */
function withoutProduct(body: string, product: string | null): string {
  const trimmed = product?.trim() ?? '';
  if (trimmed === '') return body;
  // Lower-casing keeps the length for all but a few letters (such as İ); then the name is matched as written.
  const lower = body.toLowerCase();
  const sameLength = lower.length === body.length;
  const haystack = sameLength ? lower : body;
  const name = sameLength ? trimmed.toLowerCase() : trimmed;
  const wordChar = (i: number): boolean => i >= 0 && i < body.length && LETTER_OR_DIGIT.test(body[i] as string);
  let out = '';
  let from = 0;
  for (let at = haystack.indexOf(name); at >= 0; at = haystack.indexOf(name, at + 1)) {
    if (at < from || wordChar(at - 1) || wordChar(at + name.length)) continue;
    out += body.slice(from, at) + PRODUCT;
    from = at + name.length;
  }
  return out + body.slice(from);
}

/** A piece of a sentence as a quotable clause, or null. */
function quotable(piece: string): string | null {
  let text = piece.replace(/\s+/g, ' ').replace(EDGE, '');
  for (let before = ''; before !== text; ) {
    before = text;
    text = text.replace(LEAD, '').replace(EDGE, '');
  }
  if (text.includes(PRODUCT) || /\d/.test(text) || CONCESSION.test(text)) return null;
  if (NARRATION.test(text) && !OPINION.test(text)) return null;
  const count = text.split(' ').length;
  if (count < MIN_WORDS || count > MAX_WORDS) return null;
  text = text.replace(IT_VERB, '');
  const first = text.split(' ')[0] as string;
  const keepCase = first === 'I' || /^I['’]/.test(first) || (first.length > 1 && first === first.toUpperCase());
  return keepCase ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

function clausesOf(text: string): string[] {
  const out: string[] = [];
  for (const sentence of text.split(SENTENCES)) {
    const parts = sentence.split(BUT);
    for (const part of parts.length > 1 ? parts.slice(1) : parts) {
      for (const piece of part.split(AND)) {
        const clause = quotable(piece);
        if (clause !== null) out.push(clause);
      }
    }
  }
  return out;
}

/** The quotable clauses of one review body about `product`. */
export const reviewClauses = (body: string, product: string | null): string[] => clausesOf(withoutProduct(body, product));

const add = (map: Map<string, number>, key: string, n = 1): void => {
  map.set(key, (map.get(key) ?? 0) + n);
};
const total = (map: Map<string, number>): number => [...map.values()].reduce((a, b) => a + b, 0);

/**
 * Each word's z-score of the log-odds ratio between corpus a and corpus b with an informative Dirichlet prior from
 * both pooled, α_w = α0 · (a_w + b_w) / n (Monroe, Colaresi & Quinn 2008, eqs. 16, 18–22): positive leans to a.
 */
export function logOddsZ(a: Map<string, number>, b: Map<string, number>, alpha0: number = PRIOR_STRENGTH): Map<string, number> {
  const na = total(a);
  const nb = total(b);
  const n = na + nb;
  const z = new Map<string, number>();
  if (n === 0) return z;
  const tiny = 1e-9;
  for (const w of new Set([...a.keys(), ...b.keys()])) {
    const ya = a.get(w) ?? 0;
    const yb = b.get(w) ?? 0;
    const aw = (alpha0 * (ya + yb)) / n;
    const delta = Math.log((ya + aw) / Math.max(tiny, na + alpha0 - ya - aw)) - Math.log((yb + aw) / Math.max(tiny, nb + alpha0 - yb - aw));
    z.set(w, delta / Math.sqrt(1 / (ya + aw) + 1 / (yb + aw)));
  }
  return z;
}

type Candidate = { key: string; forms: Map<string, number>; reviews: number };
type Scored = { text: string; key: string; words: Set<string>; score: number; reviews: number };

const contentWords = (key: string): string[] => {
  const all = key.split(' ');
  const content = all.filter((w) => !STOP.has(w));
  return content.length > 0 ? content : all;
};

function nearDuplicate(a: Scored, b: Scored): boolean {
  if (a.key.includes(b.key) || b.key.includes(a.key)) return true;
  const shared = [...a.words].filter((w) => b.words.has(w)).length;
  return shared / (a.words.size + b.words.size - shared) >= NEAR_DUPLICATE;
}

/** One side's clauses, most distinctive-and-frequent first, none said on the other side, near-duplicates once. */
function rankSide(own: Map<string, Candidate>, other: Map<string, Candidate>, z: Map<string, number> | null, sign: 1 | -1): string[] {
  const scored: Scored[] = [];
  for (const c of own.values()) {
    if (other.has(c.key)) continue;
    const words = contentWords(c.key);
    // Without reviews on the other side there is nothing to contrast with: every clause leans alike.
    const lean = z === null ? 1 : (sign * words.reduce((s, w) => s + (z.get(w) ?? 0), 0)) / words.length;
    if (!(lean > 0)) continue;
    const text = [...c.forms.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]?.[0] ?? c.key;
    scored.push({ text, key: c.key, words: new Set(words), score: lean * c.reviews, reviews: c.reviews });
  }
  scored.sort((x, y) => y.score - x.score || y.reviews - x.reviews || x.text.localeCompare(y.text));
  const kept: Scored[] = [];
  for (const s of scored) {
    if (kept.length >= PHRASES) break;
    if (!kept.some((k) => nearDuplicate(k, s))) kept.push(s);
  }
  return kept.map((k) => k.text);
}

/** Phrases of praise (from 4–5 star reviews) and of complaint (1–2 stars) that customers wrote; 3 stars are ignored. */
export function minePhrases(reviews: readonly ReviewForMining[]): { praise: string[]; complaints: string[] } {
  const words = { praise: new Map<string, number>(), complaint: new Map<string, number>() };
  const clauses = { praise: new Map<string, Candidate>(), complaint: new Map<string, Candidate>() };
  for (const review of reviews) {
    const side = review.rating >= 4 ? 'praise' : review.rating <= 2 ? 'complaint' : null;
    if (side === null) continue;
    const text = withoutProduct(review.body, review.product);
    for (const w of wordsOf(text)) add(words[side], w);
    const seen = new Set<string>();
    for (const clause of clausesOf(text)) {
      const key = wordsOf(clause).join(' ');
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      const candidate = clauses[side].get(key) ?? { key, forms: new Map<string, number>(), reviews: 0 };
      candidate.reviews += 1;
      add(candidate.forms, clause);
      clauses[side].set(key, candidate);
    }
  }
  const z = words.praise.size > 0 && words.complaint.size > 0 ? logOddsZ(words.praise, words.complaint) : null;
  return { praise: rankSide(clauses.praise, clauses.complaint, z, 1), complaints: rankSide(clauses.complaint, clauses.praise, z, -1) };
}
