import type { CopyFields } from '../../../shared/copy-schemas';
import { pick, type Rng } from '../../kernel/random';
import { charCount, containsPhrase, LIMITS } from '../checks';
import { smsLength } from '../sms';
import { bigrams } from '../text';
import type { CopyContext } from './context';
import { shuffle, type Message } from './messages';
import { AD_HEADLINES, EMOJI, fillProduct, namelessHeadlines, OUTCOMES, shortCtasFor, TONES, usable, type Line } from './voice';

/**
 * Cutting a message to a channel: the fields each channel has, within its hard limits. Every choice takes the
 * first of the message's lines that fits, so a long product name shortens the copy instead of breaking a limit.
 */

const fits = (max: number) => (text: string): boolean => charCount(text) > 0 && charCount(text) <= max;
const firstFit = (lines: string[], max: number): string | null => lines.find(fits(max)) ?? null;

/** One preferred word worked in where any part of speech reads naturally ("Think cosy."). */
function preferredLine(c: CopyContext, rng: Rng): string | null {
  if (!c.preferred.length) return null;
  const word = pick(rng, c.preferred);
  return pick(rng, [`Think ${word}.`, `In a word: ${word}.`, `${word.charAt(0).toUpperCase()}${word.slice(1)}, through and through.`]);
}

/** With a preferred word when the text has none and the brand has some: the text with it first, then without. */
function preferredFirst(c: CopyContext, rng: Rng, text: string, place: (text: string, line: string) => string): string[] {
  const has = c.preferred.some((w) => containsPhrase(text, w));
  const line = has ? null : preferredLine(c, rng);
  return line ? [place(text, line), text] : [text];
}

/** With one of the goal's emoji in front, for about half the candidates, when the brand allows emoji and it fits. */
const withEmoji = (c: CopyContext, text: string, max: number, rng: Rng): string => {
  if (!c.emoji || rng() < 0.5) return text;
  const decorated = `${pick(rng, EMOJI[c.brief.goal])} ${text}`;
  return fits(max)(decorated) ? decorated : text;
};

const FOOTERS = [
  "You're receiving this because you signed up for our emails. Unsubscribe at any time.",
  'Not for you any more? Unsubscribe with one click.',
  'Prefer fewer emails? You can unsubscribe or update your preferences at any time.',
  'Unsubscribe here if these emails are no longer for you.',
  'To stop hearing from us, unsubscribe below.',
  "Changed your mind about our emails? It's fine to unsubscribe.",
];

function email(c: CopyContext, m: Message, rng: Rng): CopyFields {
  const subject = withEmoji(c, firstFit([...m.headlines, ...namelessHeadlines(c)], LIMITS.email.subject) ?? 'A note from us', LIMITS.email.subject, rng);
  // The preheader continues the subject: when the subject names the product, a line that does not name it again.
  const named = (t: string): boolean => t.toLowerCase().includes(c.product.toLowerCase());
  const pitches = m.pitches.filter((p) => p !== subject);
  const preferred0 = named(subject) ? [...pitches.filter((p) => !named(p)), ...pitches.filter(named)] : pitches;
  const preheader = firstFit(preferred0, LIMITS.email.preheader) ?? '';
  const tone = TONES[c.brief.tone];
  const bulletBlock = m.bullets.length >= 2 ? m.bullets.map((b) => `- ${b}`).join('\n') : null;
  const [head, ...rest] = m.paragraphs;
  const preferred = preferredLine(c, rng);
  const body = usable(c, [
    pick(rng, tone.greetings),
    head,
    bulletBlock,
    ...rest.slice(0, -1),
    preferred,
    rest.at(-1),
    `${pick(rng, tone.signOffs)}\n${c.brand ?? 'The team'}`,
    pick(rng, FOOTERS),
  ]).join('\n\n');
  return { channel: 'email', subject, preheader, body };
}

function sms(c: CopyContext, m: Message, rng: Rng): CopyFields {
  const prefix = c.brand ? `${c.brand}: ` : '';
  const optOut = 'Reply STOP to opt out';
  const greeting = rng() < 0.5 ? 'Hi {{firstName|there}}! ' : '';
  const candidates = m.pitches.flatMap((p) =>
    preferredFirst(c, rng, p, (t, line) => `${t} ${line}`).flatMap((t) => [`${prefix}${greeting}${t} ${optOut}`, `${prefix}${t} ${optOut}`]),
  );
  // Emoji would switch the message to UCS-2 and halve its room, so SMS goes without.
  const ok = candidates.filter((t) => c.allowed(t) && smsLength(t).encoding === 'GSM-7' && smsLength(t).segments <= LIMITS.smsSegments);
  return { channel: 'sms', text: ok[0] ?? `${prefix}${c.product}. ${m.cta}. ${optOut}` };
}

function push(c: CopyContext, m: Message, rng: Rng): CopyFields {
  const title = withEmoji(c, firstFit([...m.headlines, ...namelessHeadlines(c)], LIMITS.push.title) ?? 'A note from us', LIMITS.push.title, rng);
  const bodies = m.pitches.flatMap((p) => preferredFirst(c, rng, `${title}\n${p}`, (t, line) => `${t} ${line}`).map((t) => t.slice(title.length + 1)));
  const body = firstFit(bodies, LIMITS.push.body) ?? firstFit([`${m.cta}.`], LIMITS.push.body) ?? '';
  return { channel: 'push', title, body };
}

const hashtag = (text: string): string => `#${text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(/\s+/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}`;

function social(c: CopyContext, m: Message, rng: Rng): CopyFields {
  const network = c.brief.network;
  const max = LIMITS.social[network];
  const tags = usable(c, [hashtag(c.product), c.brand && hashtag(c.brand), ...c.preferred.slice(0, 2).map(hashtag)]);
  const headline = m.headlines[0] ?? c.product;
  const calm = c.brief.tone === 'premium' || c.brief.tone === 'professional';
  const lead = withEmoji(c, /[.!?"]$/.test(headline) ? headline : `${headline}${calm ? '.' : '!'}`, max, rng);
  const bare = headline.replace(/[.!?"]+$/, '').replace(/^"/, '').toLowerCase();
  const pitch = m.pitches.find((p) => !p.toLowerCase().includes(bare)) ?? m.pitches[0] ?? '';
  let parts: Line[];
  const closing = m.paragraphs.at(-1);
  switch (network) {
    case 'x':
      parts = [lead, pitch, preferredFirst(c, rng, `${lead} ${pitch}`, (_t, line) => line)[0] !== `${lead} ${pitch}` ? preferredLine(c, rng) : null, tags.slice(0, 2).join(' ')];
      break;
    case 'instagram':
      // A caption reads on its own: the hook's pitch, the benefits as a list, the offer and the call to action.
      parts = [
        lead,
        pitch,
        // The benefits the pitch has not already said, as a list.
        m.bullets.filter((b) => !pitch.includes(b.replace(/\.$/, ''))).length >= 2
          ? m.bullets.filter((b) => !pitch.includes(b.replace(/\.$/, ''))).map((b) => `${c.emoji ? '✔️' : '-'} ${b}`).join('\n')
          : null,
        // The offer once: the closing only when the pitch has not said it.
        closing && !(c.code && pitch.includes(c.code)) && !(c.discount && pitch.includes(c.discount)) ? closing : null,
        tags.join(' '),
      ];
      break;
    case 'linkedin':
      parts = [lead, ...m.paragraphs, preferredFirst(c, rng, m.paragraphs.join(' '), (_t, line) => line)[0] !== m.paragraphs.join(' ') ? preferredLine(c, rng) : null, tags.slice(0, 2).join(' ')];
      break;
    case 'facebook':
      parts = [lead, ...m.paragraphs, preferredLine(c, rng)];
      break;
  }
  let text = usable(c, parts).join('\n\n');
  if (!fits(max)(text)) text = usable(c, [lead, pitch]).join('\n\n').slice(0, max);
  return { channel: 'social', network, text };
}

const MINOR = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);
/** Headline case as ads use it: major words capitalised (also after a hyphen), minor words lower-case. */
const titleCase = (s: string): string =>
  s.replace(/[\p{L}']+/gu, (w: string, offset: number) =>
    offset > 0 && offset + w.length < s.length && MINOR.has(w.toLowerCase()) ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1),
  );

/**
 * A responsive search ad themed on the message's hook: its own headlines and pitches first, then one or two of the
 * brief's facts and calls to action, so that variants are different ads rather than one list reshuffled.
 */
function searchAd(c: CopyContext, m: Message, rng: Rng): CopyFields {
  const max = LIMITS.searchAd.headline;
  const facts: Line[] = [
    c.discount && `${c.discount} Off ${c.product}`,
    c.code && `Use Code ${c.code}`,
    c.freeShipping && 'Free Shipping',
    c.deadline && `Ends ${c.deadline}`,
    c.price && `Only ${c.price}`,
    ...c.benefits.map((b) => b.replace(/\.$/, '')),
  ];
  const named: Line[] = [c.product, c.brand && `Shop ${c.brand}`, c.brand, ...c.preferred.map((w) => `${w} ${c.product}`)];
  const pool: Line[] = [
    ...m.hookHeadlines.slice(0, 3),
    ...shuffle(usable(c, AD_HEADLINES[c.brief.goal].map((h) => fillProduct(c, h))), rng).slice(0, 3),
    ...shuffle(usable(c, facts), rng).slice(0, 1),
    ...shuffle(usable(c, named), rng).slice(0, 1),
    ...shuffle([m.cta, ...shortCtasFor(c)], rng).slice(0, 1),
  ];
  const seen = new Set<string>();
  const name = c.product.toLowerCase();
  let naming = 0;
  // At most two headlines repeat the product's name: the ad system shows three at a time.
  const headlines = usable(c, pool)
    // Customers' quoted words stay as they wrote them; a lone verb ("Discover") is not a headline.
    .filter((h) => h.trim().split(/\s+/).length >= 2)
    .map((h) => (/"/.test(h) ? h : titleCase(h.replace(/[.!]$/, ''))))
    .filter((h) => fits(max)(h) && !seen.has(h.toLowerCase()) && seen.add(h.toLowerCase()))
    .filter((h) => !h.toLowerCase().includes(name) || naming++ < 1)
    .filter((h) => !/\binside\b/i.test(h))
    .slice(0, LIMITS.searchAd.headlines);
  const general = shuffle(usable(c, [...OUTCOMES[c.brief.goal], ...TONES[c.brief.tone].desire, c.description]), rng);
  const descriptions = novel(usable(c, [...m.pitches.slice(0, 1), ...general.slice(0, 2), ...m.pitches.slice(1, 3)]), 0.34)
    .filter(fits(LIMITS.searchAd.description))
    .filter((d, i, all) => !all.slice(0, i).some((e) => e.startsWith(d.replace(/[.!?]$/, '')) || d.startsWith(e.replace(/[.!?]$/, ''))))
    .filter((d) => !d.toLowerCase().includes(name) || naming++ < 2)
    .slice(0, 2 + Math.floor(rng() * 2));
  // At least one description says what is on offer: the product, a benefit or the offer itself.
  const concrete = (d: string): boolean =>
    d.toLowerCase().includes(name) || c.benefits.some((b) => d.includes(b.replace(/\.$/, ''))) || Boolean(c.code && d.includes(c.code)) || Boolean(c.discount && d.includes(c.discount));
  if (!descriptions.some(concrete)) {
    const lead = m.pitches.find((p) => concrete(p) && fits(LIMITS.searchAd.description)(p));
    if (lead) descriptions.splice(0, descriptions.length >= LIMITS.searchAd.descriptions ? 1 : 0, lead);
  }
  return { channel: 'search_ad', headlines, descriptions };
}

function displayAd(c: CopyContext, m: Message, rng: Rng): CopyFields {
  const headline = firstFit([...m.headlines, c.product, c.brand ?? '', ...namelessHeadlines(c)], LIMITS.displayAd.headline) ?? 'Take a look';
  const cta = firstFit(shuffleFirst(shortCtasFor(c), rng), LIMITS.displayAd.cta) ?? 'Shop now';
  // The button says the call to action; the description need not say it again.
  const pitches = [...m.pitches.filter((p) => !p.toLowerCase().includes(cta.toLowerCase())), ...m.pitches.filter((p) => p.toLowerCase().includes(cta.toLowerCase()))];
  const description = firstFit(pitches.flatMap((p) => preferredFirst(c, rng, `${headline}\n${p}`, (t, line) => `${t} ${line}`).map((t) => t.slice(headline.length + 1))), LIMITS.displayAd.description) ?? '';
  return { channel: 'display_ad', headline, description, cta };
}

/** Keeps the lines that mostly say something new: at most `share` of a line's word pairs may repeat earlier ones. */
function novel(lines: string[], share: number): string[] {
  const said = new Set<string>();
  return lines.filter((line) => {
    const own = bigrams(line);
    const repeated = own.filter((p) => said.has(p)).length;
    if (own.length && repeated / own.length > share) return false;
    for (const p of own) said.add(p);
    return true;
  });
}

const shuffleFirst = <T>(items: T[], rng: Rng): T[] => {
  if (items.length < 2) return items;
  const i = Math.floor(rng() * items.length);
  return [items[i] as T, ...items.filter((_, j) => j !== i)];
};

/** The message in the brief's channel. Replies are written elsewhere (they answer a customer, not a brief). */
export function renderChannel(c: CopyContext, m: Message, rng: Rng): CopyFields {
  switch (c.brief.channel) {
    case 'email':
      return email(c, m, rng);
    case 'sms':
      return sms(c, m, rng);
    case 'push':
      return push(c, m, rng);
    case 'social':
      return social(c, m, rng);
    case 'search_ad':
      return searchAd(c, m, rng);
    case 'display_ad':
      return displayAd(c, m, rng);
    case 'reply':
      throw new Error('replies are written by writeReply');
  }
}
