import type { CopyFramework } from '../../../shared/copy-schemas';
import { pick, type Rng } from '../../kernel/random';
import { cap, lowerFirst, noStop, type CopyContext } from './context';
import { codeOnlyLine, ctasFor, fillProduct, GOAL_HEADLINES, OUTCOMES, offerPhrase, QUESTIONS, SITUATIONS, TONES, untilPhrase, usable, type Line } from './voice';

/**
 * A message before it meets a channel: headlines, pitches, paragraphs in the framework's order and a call to
 * action. The hook decides how it opens and what the headline leads with; the framework decides how the body
 * argues (AIDA, PAS, BAB, FAB, 4U). Channels then cut it to their fields and limits.
 */

export const HOOKS = ['offer', 'benefit', 'proof', 'question', 'personal', 'deadline'] as const;
export type Hook = (typeof HOOKS)[number];

export const HOOK_ANGLES: Record<Hook, string> = {
  offer: 'leads with the offer',
  benefit: 'leads with what the product does for you',
  proof: "customers' own words from reviews",
  question: 'opens with a question',
  personal: 'personal, about the reader',
  deadline: 'deadline urgency',
};

export const FRAMEWORK_NAMES: Record<CopyFramework, string> = {
  AIDA: 'attention, interest, desire, action',
  PAS: 'problem, agitate, solution',
  BAB: 'before, after, bridge',
  FAB: 'features, advantages, benefits',
  '4U': 'useful, urgent, unique, ultra-specific',
};

export type Message = {
  framework: CopyFramework;
  hook: Hook;
  angle: string;
  /** Subject lines and headlines, in the order this message prefers them. */
  headlines: string[];
  /** Only the headlines that carry this message's hook. */
  hookHeadlines: string[];
  /** One- or two-sentence summaries (preheaders, SMS, push bodies, ad descriptions). */
  pitches: string[];
  /** The body, one paragraph per step of the framework. */
  paragraphs: string[];
  /** Benefits this message lists as bullets (when the channel has room). */
  bullets: string[];
  cta: string;
};

/** Whether a hook has what it needs in this brief (no deadline hook without a date, no quotes without reviews). */
export function hookApplies(c: CopyContext, hook: Hook): boolean {
  switch (hook) {
    case 'offer':
      return offerPhrase(c) !== null;
    case 'benefit':
      return c.benefits.length > 0 || c.description !== null;
    case 'proof':
      return c.praise.length > 0;
    case 'deadline':
      return c.deadline !== null;
    default:
      return true;
  }
}

/** Lines that open with the hook: the first thing a reader sees. */
function hookLines(c: CopyContext, hook: Hook, rng: Rng): string[] {
  const tone = TONES[c.brief.tone];
  const bang = tone.bang;
  const offer = offerPhrase(c);
  const b0 = c.benefits[0] ?? c.description;
  const praise = c.praise.length ? pick(rng, c.praise) : null;
  const lines: Record<Hook, Line[]> = {
    offer: [
      offer && `${cap(offer)} on ${c.product}${untilPhrase(c)}${bang}`,
      offer && `Take ${offer} on ${c.product}${untilPhrase(c)}${bang}`,
      offer && `${pick(rng, tone.openers)} ${offer} on ${c.product}${untilPhrase(c)}.`,
    ],
    benefit: [b0 && `${c.product}: ${lowerFirst(b0)}`, b0 && `Here is why people choose ${c.product}. ${b0}`, b0 && `${pick(rng, tone.openers)} ${lowerFirst(b0)}`],
    proof: [praise && `"${noStop(praise)}." That is how our customers describe ${c.product}.`, praise && `Our customers put it best: "${noStop(praise)}."`],
    question: QUESTIONS[c.brief.goal].filter((q) => !q.includes('{p}')).map((q) => fillProduct(c, q)).filter((q): q is string => q !== null).map((q) => `${q} ${rng() < 0.5 ? `Meet ${c.product}.` : `Say hello to ${c.product}.`}`),
    personal: SITUATIONS[c.brief.goal].before.map((l) => fillProduct(c, l)),
    deadline: [c.deadline && `Only until ${c.deadline}: ${offer ?? c.product}${bang}`, c.deadline && `The clock is ticking. This ends on ${c.deadline}.`, c.deadline && `Mark ${c.deadline} in your diary: that is when this ends.`],
  };
  return usable(c, lines[hook]);
}

function headlineLines(c: CopyContext, hook: Hook, rng: Rng): string[] {
  const goal = c.brief.goal;
  const b0 = c.benefits[0];
  const praise = c.praise.length ? pick(rng, c.praise) : null;
  const opener = pick(rng, TONES[c.brief.tone].openers);
  const lines: Record<Hook, Line[]> = {
    offer: [
      c.discount && `${c.discount} off ${c.product}${untilPhrase(c)}`,
      c.discount && `Save ${c.discount} on ${c.product}`,
      c.discount && `${opener} ${c.discount} off ${c.product}`,
      c.code && c.brief.channel === 'email' && `Your code ${c.code} is inside`,
      c.freeShipping && `Free shipping on ${c.product}`,
    ],
    benefit: [b0 && `${c.product}: ${lowerFirst(noStop(b0))}`, b0 && noStop(b0), `Why ${c.product}?`],
    proof: [praise && `"${cap(noStop(praise))}"`, praise && `In their words: "${noStop(praise)}"`],
    question: QUESTIONS[goal].map((q) => fillProduct(c, q)),
    personal: GOAL_HEADLINES[goal].map((h) => fillProduct(c, h)),
    deadline: [
      c.deadline && c.discount && `${c.discount} off ends ${c.deadline}`,
      c.deadline && `Until ${c.deadline} only: ${c.product}`,
      c.deadline && `Last chance: ${c.product}`,
    ],
  };
  return shuffle(usable(c, lines[hook]), rng);
}

/** Pitches that carry the hook first (each with the offer and the call to action, then shorter), then general ones. */
function pitchLines(c: CopyContext, hook: Hook, rng: Rng): string[] {
  const offer = offerPhrase(c);
  const [b0, b1] = c.benefits;
  const cta = `${pick(rng, ctasFor(c).length ? ctasFor(c) : ['Take a look'])}.`;
  const offerLine = offer ? `${cap(offer)}${untilPhrase(c)}.` : null;
  const leads: Record<Hook, Line[]> = {
    offer: [
      offer && `${c.product}: ${offer}${untilPhrase(c)}.`,
      c.code && c.discount && `Use code ${c.code} for ${c.discount} off ${c.product}${untilPhrase(c)}.`,
      offer && `${cap(offer)} on ${c.product}${untilPhrase(c)}.`,
    ],
    deadline: [c.deadline && `Until ${c.deadline}: ${offer ? `${offer} on ` : ''}${c.product}.`, c.deadline && `${c.product}${offer ? `, ${offer}` : ''}. Ends ${c.deadline}.`],
    benefit: [b0 && b1 && `${b0} ${b1}`, b0 && `${c.product}. ${b0}`],
    proof: c.praise.map((p) => `"${cap(noStop(p))}," say our customers about ${c.product}.`),
    question: QUESTIONS[c.brief.goal].map((q, i) => fillProduct(c, q) && (q.includes('{p}') ? fillProduct(c, q) : `${fillProduct(c, q)} ${[`Meet ${c.product}.`, `Say hello to ${c.product}.`, `Take a look at ${c.product}.`][i % 3] as string}`)),
    personal: SITUATIONS[c.brief.goal].before.map((b) => fillProduct(c, b) && `${fillProduct(c, b)} ${fillProduct(c, pick(rng, SITUATIONS[c.brief.goal].after))}`),
  };
  const carriesOffer = hook === 'offer' || hook === 'deadline';
  // No call to action that repeats the lead ("Meet Sock Club. … Meet Sock Club.").
  const names = (t: string): boolean => t.toLowerCase().includes(c.product.toLowerCase());
  const act = (lead: string): string => (lead.toLowerCase().includes(cta.toLowerCase().replace(/\.$/, '')) || (names(cta) && names(lead)) ? '' : ` ${cta}`);
  const own = shuffle(usable(c, leads[hook]), rng).flatMap((lead) =>
    carriesOffer || !offerLine ? [`${lead}${act(lead)}`, lead] : [`${lead} ${offerLine}${act(lead)}`, `${lead} ${offerLine}`, `${lead}${act(lead)}`, lead],
  );
  const general: Line[] = [`${pick(rng, OUTCOMES[c.brief.goal])} ${cta}`, offerLine, `${c.product}. ${cta}`];
  return [...usable(c, own), ...usable(c, general)];
}

/** The offer and the call to action as the body's closing lines. */
function closing(c: CopyContext, rng: Rng, cta: string, offerSaid: boolean): string[] {
  const offer = offerSaid ? null : offerPhrase(c);
  const bang = TONES[c.brief.tone].bang;
  const lines: Line[] = [
    offer && pick(rng, [`Enjoy ${offer}${untilPhrase(c)}.`, `For you: ${offer}${untilPhrase(c)}.`, `Your offer: ${offer}${untilPhrase(c)}.`]),
    offerSaid && c.code && pick(rng, [`Remember: the code is ${c.code}.`, `Just enter ${c.code} at checkout.`]),
    codeOnlyLine(c),
    c.price && !c.discount && pick(rng, [`${c.product}: ${c.price}.`, `All for ${c.price}.`]),
    `${cta}${bang}`,
  ];
  return usable(c, lines);
}

/** A seeded Fisher-Yates shuffle (a copy). */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function frameworkBody(c: CopyContext, framework: CopyFramework, hook: Hook, rng: Rng, cta: string): { paragraphs: string[]; bullets: string[] } {
  const tone = TONES[c.brief.tone];
  const s = SITUATIONS[c.brief.goal];
  const benefits = shuffle(c.benefits, rng);
  const opening = hookLines(c, hook, rng);
  const first = opening.length ? pick(rng, opening) : null;
  const fill = (lines: string[]): string => {
    const filled = lines.map((l) => fillProduct(c, l)).filter((l): l is string => l !== null);
    return filled.length ? pick(rng, filled) : '';
  };
  const desire = pick(rng, c.brief.goal === 'event' ? OUTCOMES.event : tone.desire);
  const offer = offerPhrase(c);
  const showsHook = framework === 'AIDA' || framework === 'FAB' || framework === '4U';
  const offerSaid = Boolean(showsHook && offer && first?.includes(offer));
  const close = closing(c, rng, cta, offerSaid).join(' ');
  const proof = c.praise.length && hook !== 'proof' ? `Customers say "${noStop(pick(rng, c.praise))}."` : null;
  let paragraphs: Line[];
  let bullets: string[] = [];
  switch (framework) {
    case 'AIDA':
      bullets = [];
      paragraphs = [
        first,
        [c.description && !(first ?? '').toLowerCase().includes(c.description.replace(/\.$/, '').toLowerCase()) ? c.description : null, first?.includes(c.product) || c.description ? null : `Meet ${c.product}.`, benefits[0]]
          .filter(Boolean)
          .join(' ') || null,
        proof ?? desire,
        close,
      ];
      break;
    case 'PAS':
      paragraphs = [fill(s.problem), fill(s.agitate), [pick(rng, [`That is where ${c.product} comes in.`, `Enter ${c.product}.`, `Meet ${c.product}.`]), benefits[0]].filter(Boolean).join(' '), close];
      break;
    case 'BAB':
      paragraphs = [fill(s.before), [fill(s.after), benefits[0]].filter(Boolean).join(' '), [proof, close].filter(Boolean).join(' ')];
      break;
    case 'FAB':
      bullets = benefits.filter((b) => !(first ?? '').includes(b.replace(/\.$/, ''))).slice(0, 2);
      paragraphs = [first ?? `Meet ${c.product}.`, c.description ? `What it is: ${lowerFirst(c.description)}` : null, `What it means for you: ${lowerFirst(pick(rng, OUTCOMES[c.brief.goal]))}`, close];
      break;
    case '4U': {
      const said = first ?? '';
      const specific = [
        c.price && `${c.product}: ${c.price}`,
        !offerSaid && offer,
        !said.includes(c.deadline ?? '\u0000') && c.deadline && `ends ${c.deadline}`,
      ].filter(Boolean).join('; ');
      paragraphs = [
        first,
        benefits[0] ?? c.description,
        specific ? `The details: ${specific}.` : desire,
        closing(c, rng, cta, true).join(' '),
      ];
      break;
    }
  }
  return { paragraphs: usable(c, paragraphs), bullets: usable(c, bullets) };
}

/** One message for a framework and a hook; the rng picks among the library's phrasings. */
export function buildMessage(c: CopyContext, framework: CopyFramework, hook: Hook, rng: Rng): Message {
  const cta = pick(rng, ctasFor(c).length ? ctasFor(c) : ['Take a look']);
  const { paragraphs, bullets } = frameworkBody(c, framework, hook, rng, cta);
  // The closing call to action should not echo an introduction the body already made, nor name the product again.
  const last = paragraphs.at(-1);
  const before = paragraphs.slice(0, -1).join('\n').toLowerCase();
  const product = c.product.toLowerCase();
  const echoes = (x: string): boolean => before.includes(x.toLowerCase()) || (x.toLowerCase().includes(product) && before.includes(product));
  if (last && echoes(cta)) {
    const other = ctasFor(c).find((x) => !echoes(x));
    if (other) paragraphs[paragraphs.length - 1] = last.replace(cta, other);
  }
  const hookHeadlines = headlineLines(c, hook, rng);
  return {
    framework,
    hook,
    angle: `${HOOK_ANGLES[hook]}; ${framework} (${FRAMEWORK_NAMES[framework]})`,
    headlines: [...hookHeadlines, ...shuffle(usable(c, GOAL_HEADLINES[c.brief.goal].map((h) => fillProduct(c, h))), rng)],
    hookHeadlines,
    pitches: pitchLines(c, hook, rng),
    paragraphs,
    bullets,
    cta,
  };
}
