import type { AudienceInsight, Brief } from '../../../shared/copy-schemas';
import { containsPhrase } from '../checks';

/**
 * What copy may say about a brief, prepared once: the product's facts spelled as a reader sees them (price with its
 * currency, the offer, the deadline as a written date), the audience's own words, and the brand filter every line
 * passes through. Templates never state anything that is not here.
 */
export type CopyContext = {
  brief: Brief;
  product: string;
  /** Benefits as complete sentences ("Burns for 60 hours."), banned words removed. */
  benefits: string[];
  description: string | null;
  price: string | null;
  discount: string | null;
  code: string | null;
  /** "6 December" when the offer ends on a date. */
  deadline: string | null;
  freeShipping: boolean;
  brand: string | null;
  preferred: string[];
  emoji: boolean;
  /** Phrases customers used in good reviews of this product (quotable, no digits). */
  praise: string[];
  /** What the audience buys most (its segment profile), to anchor cross-sell and win-back copy. */
  topCategory: string | null;
  /** Which of the library's wordings of the offer this candidate uses. */
  offerStyle: number;
  /** False when a line would use a banned word (or the brand's words are otherwise unwelcome). */
  allowed(text: string): boolean;
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2026-12-06 → "6 December" (the facts checker accepts the day and month of the brief's date). */
export function writtenDate(iso: string): string {
  const [, month, day] = iso.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS[month - 1]}`;
}

/** 49 → "€49", 49.5 → "€49.50", 1299 → "€1,299"; currencies without a symbol read "SEK 49". */
export function moneyText(amount: number, currency: string | undefined): string {
  const whole = Number.isInteger(amount);
  const options: Intl.NumberFormatOptions = { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 };
  if (!currency) return new Intl.NumberFormat('en-GB', options).format(amount);
  return new Intl.NumberFormat('en-GB', { ...options, style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).format(amount);
}

/** "hand-poured soy wax" → "Hand-poured soy wax." (a benefit as a sentence of its own). */
export function asSentence(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** "the scent" → "The scent". */
export const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** A sentence without its closing punctuation, to quote or to continue it. */
export const noStop = (s: string): string => s.replace(/[.!?]+$/, '');

/** A sentence's first letter lower-cased unless it starts a name or an acronym ("Burns for" → "burns for"). */
export function lowerFirst(text: string): string {
  const first = text.split(/\s+/)[0] ?? '';
  if (first.length > 1 && first === first.toUpperCase()) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function buildContext(brief: Brief, audience: AudienceInsight | null, productPraise: boolean): CopyContext {
  const banned = brief.brand?.bannedWords ?? [];
  const offer = brief.offer;
  // Lines that promise a saving, free shipping or a deadline are only fit when the brief has one.
  const claims: RegExp[] = [];
  if (offer?.discountPercent === undefined) claims.push(/\bfor less\b|\bthis price\b|\bsave\b|\bsaving/i);
  if (!offer?.freeShipping) claims.push(/\bfree (shipping|delivery)\b/i);
  if (!offer?.endsOn) claims.push(/\blast chance\b|\bends\b|\bclock is ticking\b/i);
  const allowed = (text: string): boolean => !banned.some((w) => containsPhrase(text, w)) && !claims.some((re) => re.test(text));
  // Praise of the shop ("will order again", "great service") is not praise of the product: only the product's own.
  const aboutShop = /\b(shop|store|seller|service|delivery|deliveries|shipping|order(ed|ing)? again|buy(ing)? again|recommend|customer)\b/i;
  const praise = productPraise ? (audience?.praise ?? []).filter((p) => !/\d/.test(p) && !aboutShop.test(p) && allowed(p) && p.split(/\s+/).length <= 9) : [];
  return {
    brief,
    product: brief.product.name,
    benefits: brief.product.benefits.map(asSentence).filter(allowed),
    description: brief.product.description && allowed(brief.product.description) ? asSentence(brief.product.description) : null,
    price: brief.product.price !== undefined ? moneyText(brief.product.price, brief.product.currency) : null,
    discount: offer?.discountPercent !== undefined ? `${offer.discountPercent}%` : null,
    code: offer?.code ?? null,
    deadline: offer?.endsOn ? writtenDate(offer.endsOn) : null,
    freeShipping: offer?.freeShipping ?? false,
    brand: brief.brand?.name ?? null,
    preferred: (brief.brand?.preferredWords ?? []).filter(allowed),
    emoji: brief.brand?.emoji ?? false,
    praise,
    topCategory: audience?.topCategories[0] ?? null,
    offerStyle: 0,
    allowed,
  };
}
