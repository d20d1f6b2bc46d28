import type { Brief } from '../../shared/copy-schemas';

/**
 * "Never invent facts": every number, price, percentage, date and code in generated copy must come from the brief.
 * The brief's facts are collected as normalised tokens (numbers without thousands separators or trailing zeros,
 * dates in several spellings, codes upper-cased); the copy's tokens are extracted the same way and each must be
 * among them. A few figures of speech ("24/7", "1 click") state no fact and are allowed by name.
 */

export type FactToken = { kind: 'number' | 'date' | 'code'; text: string; value: string };

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Numbers as a reader sees them: 1,299.00 → 1299; 15% → 15; €49.9 → 49.9. */
const normaliseNumber = (raw: string): string => {
  const n = Number(raw.replace(/,/g, ''));
  return Number.isFinite(n) ? String(n) : raw;
};

const NUMBER = /(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.])\d+(?:\.\d+)?(?![\w])/g;
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const WORD_DATE = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTHS.join('|')})(?:\\s+(\\d{4}))?\\b|\\b(${MONTHS.join('|')})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`, 'gi');
const CODE = /\b(?=[A-Z0-9_-]*[A-Z])(?=[A-Z0-9_-]*\d)[A-Z0-9][A-Z0-9_-]{2,31}\b/g;

/** Dates in the copy, as YYYY-MM-DD or --MM-DD when the year is left out. */
function datesIn(text: string): { tokens: FactToken[]; spans: Array<[number, number]> } {
  const tokens: FactToken[] = [];
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(ISO_DATE)) {
    tokens.push({ kind: 'date', text: m[0], value: m[0] });
    spans.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(WORD_DATE)) {
    const day = Number(m[1] ?? m[5]);
    const month = MONTHS.indexOf(String(m[2] ?? m[4]).toLowerCase()) + 1;
    const year = m[3] ?? m[6];
    const md = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    tokens.push({ kind: 'date', text: m[0], value: year ? `${year}-${md}` : `--${md}` });
    spans.push([m.index, m.index + m[0].length]);
  }
  return { tokens, spans };
}

/** The fact-like tokens of a text: dates first (so their digits are not read again as numbers), codes, numbers. */
export function factTokens(text: string): FactToken[] {
  const { tokens, spans } = datesIn(text);
  const inDate = (i: number): boolean => spans.some(([a, b]) => i >= a && i < b);
  const codeSpans: Array<[number, number]> = [];
  for (const m of text.matchAll(CODE)) {
    if (inDate(m.index)) continue;
    tokens.push({ kind: 'code', text: m[0], value: m[0].toUpperCase() });
    codeSpans.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(NUMBER)) {
    if (inDate(m.index) || codeSpans.some(([a, b]) => m.index >= a && m.index < b)) continue;
    tokens.push({ kind: 'number', text: m[0], value: normaliseNumber(m[0]) });
  }
  return tokens;
}

/** Everything the brief lets copy state: its numbers, dates (in every spelling), codes, and the words' own numbers. */
export function briefFacts(brief: Brief): Set<string> {
  const facts = new Set<string>();
  const add = (text: string | undefined): void => {
    if (text) for (const t of factTokens(text)) facts.add(`${t.kind}:${t.value}`);
  };
  const { product, offer, brand, replyTo, audience } = brief;
  add(product.name);
  add(product.description);
  product.benefits.forEach(add);
  if (product.price !== undefined) {
    facts.add(`number:${product.price}`);
    facts.add(`number:${normaliseNumber(product.price.toFixed(2))}`);
  }
  if (offer?.discountPercent !== undefined) facts.add(`number:${offer.discountPercent}`);
  if (offer?.code) facts.add(`code:${offer.code.toUpperCase()}`);
  if (offer?.endsOn) {
    facts.add(`date:${offer.endsOn}`);
    facts.add(`date:--${offer.endsOn.slice(5)}`);
    // "ends on the 30th" and "30 November": the day number itself.
    facts.add(`number:${Number(offer.endsOn.slice(8))}`);
  }
  add(brand?.name);
  add(audience?.description);
  add(replyTo?.text);
  return facts;
}

/** Phrases with digits that state no fact about the offer. */
const FIGURES_OF_SPEECH = /\b24\/7\b|\b1 click\b|\bone-click\b/gi;

/**
 * The copy's tokens that the brief does not support (empty = nothing invented). Codes are recognised when they
 * mix capitals and digits (SAVE20); a code of capitals alone cannot be told from an emphasised word.
 */
export function inventedFacts(copy: string, brief: Brief): FactToken[] {
  const facts = briefFacts(brief);
  return factTokens(copy.replace(FIGURES_OF_SPEECH, ' ')).filter((t) => !facts.has(`${t.kind}:${t.value}`));
}

/** Claims copy must not make unless the brief does: each with the words that state it. */
const CLAIMS: Array<{ claim: string; pattern: RegExp; offered?: (brief: Brief) => boolean }> = [
  { claim: 'free shipping', pattern: /\bfree (shipping|delivery|postage)\b/i, offered: (b) => b.offer?.freeShipping === true },
  { claim: 'a saving', pattern: /\bfor less\b|\bat this price\b|\b\d+(\.\d+)?\s?% off\b|\bsave\s+\d/i, offered: (b) => b.offer?.discountPercent !== undefined },
  { claim: 'a deadline', pattern: /\blast chance\b|\bends (on|soon|today|tonight)\b|\b(offer|sale) ends\b|\bending soon\b/i, offered: (b) => b.offer?.endsOn !== undefined },
  { claim: 'limited stock', pattern: /\bwhile (stocks|supplies) last\b|\blimited (edition|stock|run)\b|\bonly \w+ left\b|\bselling fast\b|\balmost gone\b/i },
  { claim: 'popularity or awards', pattern: /\bbest[- ]?sell(er|ers|ing)\b|\bmost popular\b|\baward[- ]winning\b|#1\b|\bnumber one\b/i },
  { claim: 'a guarantee or returns', pattern: /\bguarantee[ds]?\b|\bmoney[- ]back\b|\bfree returns?\b|\brefunds?\b/i },
  { claim: 'origin or materials', pattern: /\bhand[- ]?made\b|\borganic\b|\bvegan\b|\beco[- ]friendly\b|\bsustainabl[ey]\b|\ball[- ]natural\b|\brecycled\b/i },
];

/** The brief's own words: a claim they make may be repeated. */
function briefWords(brief: Brief): string {
  const { product, brand, audience, replyTo } = brief;
  return [product.name, product.description, ...product.benefits, brand?.name, audience?.description, replyTo?.text].filter(Boolean).join('\n');
}

/** Claims in the copy that neither the brief's offer nor its own words make (empty = none). */
export function unsupportedClaims(copy: string, brief: Brief): string[] {
  const own = briefWords(brief);
  return CLAIMS.filter(({ pattern, offered }) => {
    const m = copy.match(pattern);
    if (!m) return false;
    if (offered?.(brief)) return false;
    // The brief supports the claim when its own words say the same thing ("organic" supports "organic", not "vegan").
    return !own.toLowerCase().includes(m[0].toLowerCase());
  }).map(({ claim }) => claim);
}
