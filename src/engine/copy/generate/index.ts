import type { AudienceInsight, Brief, CopyFields, CopyFramework } from '../../../shared/copy-schemas';
import { createRng } from '../../kernel/random';
import { allText } from '../checks';
import { renderChannel } from './channels';
import { buildContext } from './context';
import { buildMessage, HOOKS, hookApplies } from './messages';
import { writeReplies } from './reply';

export type Candidate = { framework: string; angle: string; fields: CopyFields };

const FRAMEWORKS: CopyFramework[] = ['AIDA', 'PAS', 'BAB', 'FAB', '4U'];

export type GenerateOptions = {
  count: number;
  seed: number;
  /** The audience's words and habits, when known. */
  audience?: AudienceInsight | null;
  /** Whether the audience's praise is about this product (only then is it quoted next to it). */
  productPraise?: boolean;
};

/**
 * The built-in generator: up to `count` distinct candidates for a brief, every framework crossed with every hook
 * the brief supports, each phrased by its own seeded stream. Same brief and seed, same candidates.
 */
export function generateCandidates(brief: Brief, options: GenerateOptions): Candidate[] {
  const c = buildContext(brief, options.audience ?? null, options.productPraise ?? false);
  if (brief.channel === 'reply') return writeReplies(c, options.count, createRng(options.seed, 1));
  const frameworks = brief.framework === 'auto' ? FRAMEWORKS : [brief.framework];
  const hooks = HOOKS.filter((h) => hookApplies(c, h));
  const combos = frameworks.flatMap((f) => hooks.map((h) => [f, h] as const));
  const order = createRng(options.seed, 0);
  const shuffled = combos.map((combo) => ({ combo, key: order() })).sort((a, b) => a.key - b.key).map((x) => x.combo);
  const out: Candidate[] = [];
  const seen = new Set<string>();
  // Round after round over the combinations, each round phrasing them afresh, until enough distinct ones exist.
  for (let attempt = 0; out.length < options.count && attempt < options.count * 4; attempt++) {
    const [framework, hook] = shuffled[attempt % shuffled.length] as (typeof shuffled)[number];
    const rng = createRng(options.seed, 10 + attempt);
    const styled = { ...c, offerStyle: Math.floor(rng() * 4) };
    const message = buildMessage(styled, framework, hook, rng);
    const fields = renderChannel(styled, message, rng);
    const key = allText(fields);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ framework, angle: message.angle, fields });
  }
  return out;
}
