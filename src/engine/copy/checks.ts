import emojiRegex from 'emoji-regex';
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';
import type { Brief, CopyCheck, CopyFields, SocialNetwork } from '../../shared/copy-schemas';
import { inventedFacts, unsupportedClaims } from './facts';
import { smsLength } from './sms';

export type { CopyFields };

/**
 * The checks every variant carries (issue 6): channel fields and hard limits, the opt-out lines the law and the
 * platforms expect, brand voice (banned and preferred words, emoji), reading level, and no invented facts.
 */

/** Characters, as people and platforms count them (code points, so an emoji is one). */
export const charCount = (text: string): number => [...text].length;

export const LIMITS = {
  email: { subject: 60, preheader: 100 },
  push: { title: 50, body: 120 },
  social: { x: 280, instagram: 2200, linkedin: 3000, facebook: 63206 } satisfies Record<SocialNetwork, number>,
  searchAd: { headline: 30, headlines: 15, description: 90, descriptions: 4 },
  displayAd: { headline: 30, description: 90, cta: 15 },
  /** More than this many SMS segments costs the sender real money per recipient. */
  smsSegments: 2,
  /** Flesch-Kincaid grade a broad audience reads comfortably. */
  readingGrade: 9,
} as const;

const check = (name: string, passed: boolean, detail: string): CopyCheck => ({ name, passed, detail });

function lengthCheck(name: string, text: string, max: number): CopyCheck {
  const n = charCount(text);
  return check(name, n > 0 && n <= max, n === 0 ? 'empty' : `${n} of ${max} characters`);
}

/** Every text of a variant, for the checks that read all of it. */
export function allText(fields: CopyFields): string {
  switch (fields.channel) {
    case 'email':
      return [fields.subject, fields.preheader, fields.body].join('\n');
    case 'push':
      return [fields.title, fields.body].join('\n');
    case 'search_ad':
      return [...fields.headlines, ...fields.descriptions].join('\n');
    case 'display_ad':
      return [fields.headline, fields.description, fields.cta].join('\n');
    default:
      return fields.text;
  }
}

function channelChecks(fields: CopyFields): CopyCheck[] {
  switch (fields.channel) {
    case 'email':
      return [
        lengthCheck('subject-length', fields.subject, LIMITS.email.subject),
        lengthCheck('preheader-length', fields.preheader, LIMITS.email.preheader),
        check('unsubscribe-line', /unsubscribe/i.test(fields.body), /unsubscribe/i.test(fields.body) ? 'the body says how to unsubscribe' : 'the body has no unsubscribe line'),
      ];
    case 'sms': {
      const sms = smsLength(fields.text);
      const optOut = /reply stop to opt out/i.test(fields.text);
      return [
        check(
          'sms-segments',
          sms.segments >= 1 && sms.segments <= LIMITS.smsSegments,
          `${sms.encoding}, ${sms.units} ${sms.encoding === 'GSM-7' ? 'septets' : 'UTF-16 units'}, ${sms.segments} segment${sms.segments === 1 ? '' : 's'}${sms.nonGsm.length ? ` (not in GSM-7: ${sms.nonGsm.join(' ')})` : ''}`,
        ),
        check('opt-out', optOut, optOut ? '"Reply STOP to opt out" is there' : 'missing "Reply STOP to opt out"'),
      ];
    }
    case 'push':
      return [lengthCheck('title-length', fields.title, LIMITS.push.title), lengthCheck('body-length', fields.body, LIMITS.push.body)];
    case 'social':
      return [lengthCheck(`${fields.network}-length`, fields.text, LIMITS.social[fields.network])];
    case 'search_ad': {
      const { headlines, descriptions } = fields;
      const longH = headlines.filter((h) => charCount(h) === 0 || charCount(h) > LIMITS.searchAd.headline);
      const longD = descriptions.filter((d) => charCount(d) === 0 || charCount(d) > LIMITS.searchAd.description);
      return [
        check('headlines', headlines.length >= 3 && headlines.length <= LIMITS.searchAd.headlines, `${headlines.length} headlines (3 to ${LIMITS.searchAd.headlines})`),
        check('headline-length', longH.length === 0, longH.length ? `over ${LIMITS.searchAd.headline} characters: ${longH.join(' | ')}` : `all within ${LIMITS.searchAd.headline} characters`),
        check('descriptions', descriptions.length >= 2 && descriptions.length <= LIMITS.searchAd.descriptions, `${descriptions.length} descriptions (2 to ${LIMITS.searchAd.descriptions})`),
        check('description-length', longD.length === 0, longD.length ? `over ${LIMITS.searchAd.description} characters: ${longD.join(' | ')}` : `all within ${LIMITS.searchAd.description} characters`),
      ];
    }
    case 'display_ad':
      return [
        lengthCheck('headline-length', fields.headline, LIMITS.displayAd.headline),
        lengthCheck('description-length', fields.description, LIMITS.displayAd.description),
        lengthCheck('cta-length', fields.cta, LIMITS.displayAd.cta),
      ];
    case 'reply':
      return [lengthCheck('reply-length', fields.text, 1000)];
  }
}

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];

/** Whole words or phrases, case-insensitive ("free" does not match "carefree"). */
export function containsPhrase(text: string, phrase: string): boolean {
  const escaped = phrase.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

// Syllables per word, memoised: a pure function called for every word of every candidate (ranking 50 emails
// would otherwise count the same few hundred words thousands of times). Bounded so it cannot grow without end.
const syllableMemo = new Map<string, number>();
function syllables(word: string): number {
  let n = syllableMemo.get(word);
  if (n === undefined) {
    n = Math.max(1, syllable(word));
    if (syllableMemo.size > 50_000) syllableMemo.clear();
    syllableMemo.set(word, n);
  }
  return n;
}

/** Flesch-Kincaid grade of a text (sentences split on . ! ? and line ends). */
export function readingGrade(text: string): number {
  const sentences = Math.max(1, text.split(/[.!?]+\s|[\n\r]+|[.!?]+$/).filter((s) => words(s).length > 0).length);
  const list = words(text);
  if (list.length === 0) return 0;
  const total = list.reduce((sum, w) => sum + syllables(w), 0);
  return fleschKincaid({ sentence: sentences, word: list.length, syllable: total });
}

const STOP = new Set(['the', 'and', 'that', 'this', 'with', 'have', 'from', 'they', 'them', 'were', 'when', 'what', 'your', 'very', 'just', 'than', 'would', 'like', 'really', 'after', 'about', 'there', 'their', 'been', 'also', 'only', 'some', 'will', 'much', 'more', 'into', 'does', 'even']);
const contentWords = (text: string): Set<string> => new Set(words(text).filter((w) => w.length >= 4 && !STOP.has(w)));
/** Phrases that argue with a customer rather than hear them. */
const ARGUING = /\bhowever\b|\bactually\b|\bour records show\b|\byou should have\b|\bnot our fault\b|\bas stated\b|\bper our policy\b|\byou failed\b|\bwith respect\b/i;

/** A reply says back something the customer said and does not argue. */
function replyChecks(reply: string, review: string): CopyCheck[] {
  const theirs = contentWords(review);
  const echoed = [...contentWords(reply)].filter((w) => theirs.has(w));
  const argues = reply.match(ARGUING);
  return [
    check('acknowledges', echoed.length >= Math.min(2, theirs.size), echoed.length ? `says back their words: ${echoed.slice(0, 5).join(', ')}` : 'nothing the customer said is acknowledged'),
    check('no-argument', !argues, argues ? `argues: "${argues[0]}"` : 'does not argue'),
  ];
}

/** Every check for one variant of a brief. */
export function checkVariant(brief: Brief, fields: CopyFields): CopyCheck[] {
  return checkVariantGraded(brief, fields).checks;
}

/** The checks and the reading grade they were judged on (the ranker needs both). */
export function checkVariantGraded(brief: Brief, fields: CopyFields): { checks: CopyCheck[]; grade: number } {
  const text = allText(fields);
  const checks = channelChecks(fields);
  const banned = (brief.brand?.bannedWords ?? []).filter((w) => containsPhrase(text, w));
  checks.push(check('banned-words', banned.length === 0, banned.length ? `uses ${banned.map((w) => `"${w}"`).join(', ')}` : 'none of the banned words'));
  const preferred = brief.brand?.preferredWords ?? [];
  if (preferred.length > 0) {
    const used = preferred.filter((w) => containsPhrase(text, w));
    checks.push(check('preferred-words', used.length > 0, used.length ? `uses ${used.map((w) => `"${w}"`).join(', ')}` : `uses none of ${preferred.map((w) => `"${w}"`).join(', ')}`));
  }
  const emoji = text.match(emojiRegex()) ?? [];
  const emojiAllowed = brief.brand?.emoji ?? false;
  checks.push(check('emoji', emojiAllowed || emoji.length === 0, emoji.length ? `${emoji.length} emoji${emojiAllowed ? ' (allowed)' : ' where the brand allows none'}` : 'no emoji'));
  const invented = inventedFacts(text, brief);
  checks.push(check('facts', invented.length === 0, invented.length ? `not in the brief: ${invented.map((t) => t.text).join(', ')}` : 'every number, date and code comes from the brief'));
  const claims = unsupportedClaims(text, brief);
  checks.push(check('claims', claims.length === 0, claims.length ? `claims the brief does not make: ${claims.join(', ')}` : 'no claim beyond the brief (free shipping, savings, deadlines, stock, awards, guarantees, materials)'));
  if (fields.channel === 'reply' && brief.replyTo) checks.push(...replyChecks(fields.text, brief.replyTo.text));
  const grade = readingGrade(fields.channel === 'search_ad' ? fields.descriptions.join('. ') : text);
  checks.push(check('reading-level', grade <= LIMITS.readingGrade, `Flesch-Kincaid grade ${grade.toFixed(1)} (aim ${LIMITS.readingGrade} or lower)`));
  return { checks, grade };
}
