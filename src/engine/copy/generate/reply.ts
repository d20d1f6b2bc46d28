import type { CopyFields } from '../../../shared/copy-schemas';
import { pick, type Rng } from '../../kernel/random';
import { cap, type CopyContext } from './context';
import { offerPhrase, untilPhrase, usable, type Line } from './voice';

/**
 * Answers to a customer's review or message: say back what they actually said (in their words, turned to the
 * second person), thank or apologise as the stars and words call for, offer only what the brief allows, and never
 * argue. The shapes differ (thanks first, the echo first, a question back), so variants are not one reply reworded.
 */

export type ReplyMood = 'praise' | 'complaint' | 'mixed';

const POSITIVE = /\b(love[sd]?|lovely|great|perfect|beautiful(ly)?|amazing|gorgeous|wonderful|happy|delighted|excellent|fantastic|favourite|soft(er)?|divine|best|recommend|thriving|sturdy|solid|quick(ly)?)\b/i;
const NEGATIVE = /\b(broken|broke|cracked|chipped|missing|late|never|leak(ed|s)?|smudged|thin|rash|disappoint(ed|ing)?|poor|cheap|fade[sd]?|ran|loose|rust(ing)?|wrong|damaged|crushed|waste|not|no|barely|tunnell?ed|soot|smoked|overpowering|returned|quicker than|faster than|smaller than|would like|expected|wish|nobody|no one|nothing|didn't|did not|don't|doesn't|wasn't|weren't|won't|can't|cannot|slow|waited|waiting|ignored|rude|unhelpful|refund|still|lost|stuck|took (days|weeks|ages|forever))\b/i;

/** From the stars when given, else from the words. */
export function replyMood(text: string, rating: number | undefined): ReplyMood {
  if (rating !== undefined) return rating >= 4 ? 'praise' : rating <= 2 ? 'complaint' : 'mixed';
  const pos = (text.match(new RegExp(POSITIVE, 'gi')) ?? []).length;
  const neg = (text.match(new RegExp(NEGATIVE, 'gi')) ?? []).length;
  return pos > neg ? 'praise' : neg > pos ? 'complaint' : 'mixed';
}

const SWAP: Record<string, string> = {
  i: 'you', me: 'you', my: 'your', mine: 'yours', myself: 'yourself', "i'm": "you're", "i've": "you've", "i'd": "you'd",
  "i'll": "you'll", am: 'are', you: 'we', your: 'our', yours: 'ours', "you're": "we're", "you've": "we've",
};

/** "I love my candle, you packed it well" → "you love your candle, we packed it well". */
export function secondPerson(clause: string): string {
  let afterI = false;
  return clause.replace(/[\p{L}']+/gu, (word) => {
    const lower = word.toLowerCase();
    let out = SWAP[lower] ?? word;
    if (afterI && lower === 'was') out = 'were';
    afterI = lower === 'i';
    return out;
  });
}

/** The review's clauses worth saying back, best first: specific ones (a noun and a verdict), not "I ordered the X". */
export function echoClauses(text: string, mood: ReplyMood): string[] {
  const clauses = text
    .split(/[.!?;:\n]+|,\s*(?:but|and)\s+|\s+but\s+/i)
    .map((s) =>
      s
        .trim()
        .replace(/^(and|but|so|also|sadly|honestly)\s+/i, '')
        // "I ordered the X and it burns evenly" says back as "it burns evenly".
        .replace(/^(i|we) (ordered|bought|got|received)\b.*?\band\s+(?=it|they|the|this)/i, '')
        .replace(/[,\s]+$/, '')
        .replace(/\s+(though|too|as well)$/i, '')
        // "(the fragrance is nice but) fades quicker" has lost its subject to the split: "it fades quicker".
        .replace(/^(?!(the|it|its|it's|they|this|that|these|those|my|i|we|you|a|an|there|our|everything|nothing|all|one)\b)(?=[a-z]+s\b)/i, 'it '),
    )
    .filter((s) => {
      const words = s.split(/\s+/).filter(Boolean).length;
      // A short review ("Love it!") is said back whole; in a longer one, clauses of three words or more.
      return words >= (text.split(/\s+/).length <= 6 ? 2 : 3) && words <= 16 && !/^(i|we) (ordered|bought|got|received)\b/i.test(s);
    })
    // "love it" has lost its subject: "you love it".
    .map((s) => (/^(love[sd]?|like[sd]?|adore[sd]?|enjoy(ed)?)\b/i.test(s) ? `I ${s.charAt(0).toLowerCase()}${s.slice(1)}` : s));
  // A clause with a verb reads back as a sentence ("it burns evenly"); a fragment ("lovely packaging too") does not.
  const sentence = /\b(is|are|was|were|has|have|had|does|did|arrived|came|feels?|looks?|smells?|burns?|lasts?|works?|fades?|broke|loves?|loved)\b/i;
  const score = (s: string): number =>
    (mood === 'complaint' ? Number(NEGATIVE.test(s)) : Number(POSITIVE.test(s))) * 2 + (sentence.test(s) ? 3 : 0) + Math.min(1, s.split(/\s+/).length / 8);
  const full = clauses.filter((s) => sentence.test(s));
  return [...(full.length ? full : clauses)].sort((a, b) => score(b) - score(a)).map((s) => secondPerson(s.charAt(0).toLowerCase() + s.slice(1)));
}

const SIGN_OFFS = ['Warm regards', 'With thanks', 'Best wishes', 'All the best', 'Kind regards', 'Thank you again'];

/** `count` replies in different shapes; the rng picks phrasings. */
export function writeReplies(c: CopyContext, count: number, rng: Rng): Array<{ framework: string; angle: string; fields: CopyFields }> {
  const reply = c.brief.replyTo;
  if (!reply) return [];
  const mood = replyMood(reply.text, reply.rating);
  const echoes = echoClauses(reply.text, mood);
  const sign = (): string => `${pick(rng, SIGN_OFFS)},\n${c.brand ? pick(rng, [`The ${c.brand} team`, c.brand, `Everyone at ${c.brand}`]) : 'The team'}`;
  const offer = offerPhrase(c);
  const gift = offer ? `As a thank you for telling us, here is ${offer}${untilPhrase(c)} on your next order.` : null;
  const fix = (): string | null =>
    offer
      ? pick(rng, [
          `We would like to make it up to you: ${offer}${untilPhrase(c)} on your next order.`,
          `As an apology, please take ${offer}${untilPhrase(c)} next time.`,
          `And so you can try us again: ${offer}${untilPhrase(c)}.`,
        ])
      : null;
  const out: Array<{ framework: string; angle: string; fields: CopyFields }> = [];
  const good = echoClauses(reply.text, 'praise').find((e) => POSITIVE.test(e) && !NEGATIVE.test(e));
  const bad = echoClauses(reply.text, 'complaint').find((e) => NEGATIVE.test(e) && e !== good);
  for (let i = 0; i < count; i++) {
    const echo = echoes.length ? (echoes[i % echoes.length] as string) : null;
    const shape = i % 6;
    let lines: Line[];
    let angle: string;
    if (mood === 'praise') {
      const said = echo ?? 'you are happy with your order';
      angle = ['thanks first', 'echoes their words', 'shares the joy', 'invites them back', 'short and warm', 'credits the team'][shape] as string;
      lines = [
        [
          `Thank you so much for your review! We are delighted to hear ${said}.`,
          // Said back in the second person, so not in quotation marks: those are for a customer's own words.
          `${cap(said)}: that is exactly what we hoped to hear. Thank you for taking the time to tell us.`,
          `What a lovely review to read. Knowing ${said} made our day.`,
          `Thank you for the kind words! We are so glad ${said}.`,
          `This made us smile: ${said}. Thank you!`,
          `Our team will be thrilled to read that ${said}. Thank you for sharing it.`,
        ][shape],
        shape === 3 ? (gift ?? 'We hope to see you again soon.') : pick(rng, ['Reviews like yours help other customers choose.', 'We will pass your words on to everyone here.', 'Enjoy it, and thank you for choosing us.', 'Happy moments like this are why we do what we do.', 'It means a lot that you took a moment to write.']),
        sign(),
      ];
    } else if (mood === 'complaint') {
      const said = echo ?? 'your order let you down';
      angle = ['apologises and asks for details', 'echoes the problem first', 'owns it and offers a next step', 'thanks them for the honesty', 'short apology, clear next step', 'takes it seriously'][shape] as string;
      lines = [
        [
          `We are so sorry to hear ${said}. That is not the experience we want for you.`,
          `You are right to tell us: ${said}, and we are sorry.`,
          `Thank you for letting us know, and we are sorry ${said}. We understand how frustrating that is.`,
          `Thank you for your honest review. We are sorry ${said}.`,
          `We are sorry: ${said}. That should never happen.`,
          `We take this seriously: ${said}, and that is not good enough. We apologise.`,
        ][shape],
        pick(rng, [
          'Please reply with your order number so we can look into it straight away.',
          'Could you send us your order number? We would like to look into this personally.',
          'Please get in touch with your order details and we will look into what happened.',
          'If you share your order number, one of us will look into it today.',
          'Write back with your order details and we will take it from there.',
        ]),
        shape % 2 === 0 ? fix() : null,
        sign(),
      ];
    } else {
      angle = ['balances both sides', 'starts with the concern', 'asks how to do better', 'thanks for the detail', 'promises to listen', 'keeps it brief'][shape] as string;
      lines = [
        [
          `Thank you for the honest review. We are glad ${good ?? 'parts of it worked for you'}, and we hear you that ${bad ?? 'it could be better'}.`,
          `We hear you: ${bad ?? 'it was not everything you hoped'}. Thank you for telling us, and for the kind words too.`,
          `Thank you for taking the time to write this. ${bad ? `Knowing ${bad} helps us improve.` : 'Your feedback helps us improve.'}`,
          `Thanks for the detailed review. ${good ? `We are happy ${good}.` : ''} ${bad ? `We have noted that ${bad}.` : ''}`.replace(/\s+/g, ' ').trim(),
          `Feedback like yours is how we get better${bad ? `, so we have passed on that ${bad}` : ''}.`,
          `Thank you${good ? `, and we are glad ${good}` : ''}. We will keep working on the rest.`,
        ][shape],
        pick(rng, ['If there is anything we can do, just reply to this message.', 'We would love to hear more: what would have made it perfect for you?', 'Tell us more any time; we read every message.', 'If you would like to talk it through, just write back.']),
        shape === 1 ? gift : null,
        sign(),
      ];
    }
    const text = usable(c, lines).join('\n\n');
    out.push({ framework: 'Reply', angle, fields: { channel: 'reply', text } });
  }
  return out;
}
