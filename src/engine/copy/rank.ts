import { createHash } from 'node:crypto';
import type { AudienceInsight, Brief, CopyCheck, CopyEngine, CopyFields, Variant } from '../../shared/copy-schemas';
import { allText, charCount, checkVariantGraded, containsPhrase } from './checks';
import { firstLine } from '../../shared/copy-text';
import type { Candidate } from './generate';
import { smsLength } from './sms';
import { bigrams, copyWords } from './text';

/**
 * The scorer: every candidate gets points for channel fit, readability, brand voice (similarity to the brand's
 * sample copy and its preferred words), the audience's own words and, when the workspace has the history for it,
 * the response model's predicted rate. A diverse best few are kept (maximal marginal relevance on word bigrams),
 * and each variant carries the reasons for its place in plain words.
 */

export type ResponsePredictor = {
  target: 'clicked' | 'converted';
  baseRate: number;
  /** How much better than the history's average rate the model predicts held-out campaigns (0 = no better, 1 = perfect). */
  skill: number;
  predict(texts: string[]): number[];
  explain(text: string): string[];
};

export type RankOptions = {
  keep: number;
  seed: number;
  engine: CopyEngine;
  audience?: AudienceInsight | null;
  response?: ResponsePredictor | null;
};

const words = copyWords;
export { bigrams };

/** The lines the law or the platforms require word for word: not the creative part of a variant. */
export const withoutCompliance = (text: string): string =>
  text.replace(/reply stop to opt out\.?/gi, ' ').split('\n').filter((line) => !/unsubscribe/i.test(line)).join('\n');

/**
 * Distinct bigrams over all bigrams of a set of texts (distinct-2): 1 when no two share a word pair. The required
 * opt-out and unsubscribe lines are left out: every variant must carry them verbatim.
 */
export function distinctBigramRatio(texts: string[]): number {
  const all = texts.map(withoutCompliance).flatMap(bigrams);
  return all.length ? new Set(all).size / all.length : 1;
}

/** TF-IDF cosine of word unigrams and bigrams; the IDF comes from the texts being compared. */
function tfidfSimilarity(docs: string[][], a: number, b: number, idf: Map<string, number>): number {
  const vec = (terms: string[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
    for (const [t, n] of m) m.set(t, n * (idf.get(t) ?? 0));
    return m;
  };
  const va = vec(docs[a] ?? []);
  const vb = vec(docs[b] ?? []);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, x] of va) {
    na += x * x;
    dot += x * (vb.get(t) ?? 0);
  }
  for (const x of vb.values()) nb += x * x;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

const terms = (text: string): string[] => [...words(text), ...bigrams(text)];

/** The text a response model judges: what a recipient sees first. */
function responseText(fields: CopyFields): string {
  switch (fields.channel) {
    case 'email':
      return fields.subject;
    case 'push':
      return `${fields.title}\n${fields.body}`;
    default:
      return allText(fields);
  }
}

/** The first thing a reader sees, compared without case. */
const headOf = (fields: CopyFields): string => firstLine(fields).toLowerCase();

type Fit = { points: number; notes: string[] };

/** Soft channel fit (hard limits are checks): lengths readers and platforms reward. */
function channelFit(fields: CopyFields): Fit {
  const notes: string[] = [];
  const band = (n: number, lo: number, hi: number, name: string, unit = 'characters'): number => {
    const ok = n >= lo && n <= hi;
    notes.push(`${name} ${n} ${unit}${ok ? ` (in the ${lo}–${hi} sweet spot)` : ` (best ${lo}–${hi})`}`);
    return ok ? 1 : Math.max(0, 1 - Math.min(Math.abs(n - lo), Math.abs(n - hi)) / hi);
  };
  let score: number;
  switch (fields.channel) {
    case 'email':
      score = 0.5 * band(charCount(fields.subject), 25, 50, 'subject') + 0.2 * band(charCount(fields.preheader), 40, 100, 'preheader') + 0.3 * band(words(fields.body).length, 50, 200, 'body', 'words');
      break;
    case 'sms': {
      const s = smsLength(fields.text);
      // One segment is cheapest, but a message must still have something to say.
      score = (s.segments === 1 ? 0.7 : 0.4) + 0.3 * band(charCount(fields.text), 70, 160, 'message');
      notes.push(`${s.segments} SMS segment${s.segments === 1 ? '' : 's'} (${s.encoding})`);
      break;
    }
    case 'push':
      score = 0.5 * band(charCount(fields.title), 15, 40, 'title') + 0.5 * band(charCount(fields.body), 40, 110, 'body');
      break;
    case 'social': {
      const ideal = { x: [70, 240], instagram: [120, 1200], linkedin: [150, 1300], facebook: [40, 500] }[fields.network] as [number, number];
      score = band(charCount(fields.text), ideal[0], ideal[1], `${fields.network} post`);
      break;
    }
    case 'search_ad':
      score = 0.6 * Math.min(1, fields.headlines.length / 6) + 0.4 * Math.min(1, fields.descriptions.length / 3);
      notes.push(`${fields.headlines.length} headlines and ${fields.descriptions.length} descriptions for the ad system to combine`);
      break;
    case 'display_ad':
      score = 0.5 * band(charCount(fields.headline), 12, 30, 'headline') + 0.5 * band(charCount(fields.description), 40, 90, 'description');
      break;
    case 'reply':
      score = band(words(fields.text).length, 35, 120, 'reply', 'words');
      break;
  }
  return { points: score, notes };
}

/** Whether the copy says what is on offer: the product by name, the brief's offer, and what the product does. */
function substanceOf(brief: Brief, fields: CopyFields, text: string): Fit {
  if (fields.channel === 'reply') return { points: 15, notes: ['a reply answers the customer'] };
  const lower = text.toLowerCase();
  const notes: string[] = [];
  let points = 0;
  if (lower.includes(brief.product.name.toLowerCase())) {
    points += 5;
    notes.push('names the product');
  } else notes.push('does not name the product');
  const offer = brief.offer;
  const hasOffer = offer && (offer.discountPercent !== undefined || offer.code || offer.freeShipping);
  if (!hasOffer) points += 5;
  else if ((offer.code && text.includes(offer.code)) || (offer.discountPercent !== undefined && text.includes(`${offer.discountPercent}%`)) || (offer.freeShipping && /free shipping/i.test(text))) {
    points += 5;
    notes.push('states the offer');
  } else notes.push('leaves the offer out');
  const facts = [...brief.product.benefits, brief.product.description ?? ''].map((b) => b.replace(/\.$/, '').toLowerCase()).filter(Boolean);
  if (facts.length === 0) points += 5;
  else if (facts.some((f) => lower.includes(f))) {
    points += 5;
    notes.push('says what it does (a benefit or the description)');
  } else notes.push('no benefit from the brief');
  return { points, notes };
}

type Scored = {
  candidate: Candidate;
  checks: CopyCheck[];
  grade: number;
  score: number;
  reasons: string[];
  grams: Set<string>;
};

const round1 = (x: number): number => Math.round(x * 10) / 10;

function scoreAll(brief: Brief, candidates: Candidate[], options: RankOptions): Scored[] {
  const samples = brief.brand?.sampleCopy ?? [];
  const docs = [...samples, ...candidates.map((c) => allText(c.fields))].map(terms);
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = new Map([...df].map(([t, n]) => [t, Math.log((1 + docs.length) / (1 + n)) + 1]));
  const predictions = options.response ? options.response.predict(candidates.map((c) => responseText(c.fields))) : null;
  const audienceWords = [...(options.audience?.praise ?? []), ...(options.audience?.topCategories ?? [])];
  return candidates.map((candidate, i) => {
    const text = allText(candidate.fields);
    const { checks, grade } = checkVariantGraded(brief, candidate.fields);
    const failed = checks.filter((c) => !c.passed);
    const reasons: string[] = [];

    const fit = channelFit(candidate.fields);
    const fitPoints = 30 * fit.points;
    reasons.push(`Channel fit ${round1(fitPoints)}/30: ${fit.notes.join('; ')}.`);

    // Easy reading counts only when there is something to read: a few words get a share of the points.
    const readPoints = 20 * Math.min(1, Math.max(0, (12 - grade) / 6)) * Math.min(1, words(text).length / 12);
    const count = words(text).length;
    const ease = count < 12 ? `, but only ${count} word${count === 1 ? '' : 's'} to read` : grade <= 6 ? ', easy for anyone' : grade <= 9 ? ', plain enough' : ', hard going';
    reasons.push(`Readability ${round1(readPoints)}/20: reading grade ${grade.toFixed(1)}${ease}.`);

    let voicePoints: number;
    const used = (brief.brand?.preferredWords ?? []).filter((w) => containsPhrase(text, w));
    const usedNote = used.length ? `; uses ${used.map((w) => `"${w}"`).join(', ')}` : '';
    if (samples.length) {
      let best = 0;
      let bestAt = 0;
      samples.forEach((_, s) => {
        const sim = tfidfSimilarity(docs, s, samples.length + i, idf);
        if (sim > best) [best, bestAt] = [sim, s];
      });
      voicePoints = Math.min(20, (20 * best) / 0.3) + Math.min(5, used.length * 2.5);
      const sample = samples[bestAt] ?? '';
      reasons.push(`Brand voice ${round1(voicePoints)}/25: closest to your sample "${sample.slice(0, 40)}${sample.length > 40 ? '…' : ''}" (similarity ${best.toFixed(2)})${usedNote}.`);
    } else {
      voicePoints = 10 + Math.min(5, used.length * 2.5);
      reasons.push(`Brand voice ${round1(voicePoints)}/25: no sample copy in the brief to compare with (add some to rank by your voice)${usedNote}.`);
    }

    const spoken = audienceWords.filter((w) => containsPhrase(text, w));
    const audiencePoints = spoken.length ? 10 : 0;

    const substance = substanceOf(brief, candidate.fields, text);
    reasons.push(`Substance ${substance.points}/15: ${substance.notes.join('; ')}.`);
    if (spoken.length) reasons.push(`Audience +10: uses your customers' own words ("${spoken[0]}").`);

    let responsePoints = 0;
    const response = options.response;
    const predicted = predictions?.[i];
    if (response && predicted !== undefined) {
      const lift = response.baseRate > 0 ? predicted / response.baseRate - 1 : 0;
      // Weighted by the model's skill on held-out campaigns: a model no better than the average rate moves nothing.
      responsePoints = Math.max(-10, Math.min(15, 25 * lift)) * response.skill;
      const what = response.target === 'clicked' ? 'click' : 'conversion';
      const why = response.explain(responseText(candidate.fields)).slice(0, 2);
      reasons.push(
        `Response model ${responsePoints >= 0 ? '+' : ''}${round1(responsePoints)}: predicted ${what} rate ${(100 * predicted).toFixed(1)}% vs ${(100 * response.baseRate).toFixed(1)}% on average in your campaigns${why.length ? ` (${why.join('; ')})` : ''}${response.skill === 0 ? '; the model predicts past campaigns no better than their average, so it does not change the rank' : `; weighted by its skill on held-out campaigns (${Math.round(100 * response.skill)}%)`}.`,
      );
    }

    const penalty = 30 * failed.length;
    if (failed.length) reasons.push(`Fails ${failed.map((f) => `${f.name} (${f.detail})`).join(', ')}: −${penalty}.`);
    const score = Math.max(0, Math.min(100, fitPoints + readPoints + voicePoints + audiencePoints + substance.points + responsePoints - penalty));
    return { candidate, checks, grade, score, reasons, grams: new Set(bigrams(withoutCompliance(text))) };
  });
}

const variantId = (seed: number, engine: CopyEngine, fields: CopyFields): string =>
  `v-${createHash('sha256').update(`${engine}\u0000${seed}\u0000${JSON.stringify(fields)}`).digest('hex').slice(0, 12)}`;

/** Scores every candidate and keeps a diverse best `keep`: each pick trades score against overlap with those kept. */
export function rankCandidates(brief: Brief, candidates: Candidate[], options: RankOptions): Variant[] {
  const scored = scoreAll(brief, candidates, options);
  const passing = scored.filter((s) => s.checks.every((c) => c.passed));
  // Failing candidates are only shown when too few pass, and then after every passing one.
  const pool = passing.length >= options.keep ? passing : [...passing, ...scored.filter((s) => !passing.includes(s))];
  const chosen: Array<Scored & { overlap: number }> = [];
  const used = new Set<string>();
  const left = [...pool].sort((a, b) => b.score - a.score);
  while (chosen.length < options.keep && left.length) {
    let bestIndex = 0;
    let bestValue = -Infinity;
    let bestOverlap = 0;
    left.forEach((s, i) => {
      // The share of this candidate's word pairs already said by those kept: what makes a set feel repetitive.
      let shared = 0;
      for (const g of s.grams) if (used.has(g)) shared++;
      const overlap = s.grams.size ? shared / s.grams.size : 0;
      const hook = (v: Scored): string => v.candidate.angle.split(';')[0] ?? '';
      const sameAngle = chosen.some((c) => c.candidate.angle === s.candidate.angle) ? 8 : chosen.some((c) => hook(c) === hook(s)) ? 4 : 0;
      const failing = s.checks.some((c) => !c.passed) ? 1000 : 0;
      // Two variants opening with the same subject or headline are one idea twice.
      const sameHead = chosen.some((c) => headOf(c.candidate.fields) === headOf(s.candidate.fields)) ? 40 : 0;
      const value = s.score - 250 * overlap - sameAngle - sameHead - failing;
      if (value > bestValue) [bestValue, bestIndex, bestOverlap] = [value, i, overlap];
    });
    const [pick] = left.splice(bestIndex, 1) as [Scored];
    chosen.push({ ...pick, overlap: bestOverlap });
    for (const g of pick.grams) used.add(g);
  }
  const byScore = [...scored].sort((a, b) => b.score - a.score);
  return chosen.map((s, rank) => {
    const place = byScore.findIndex((x) => x.candidate === s.candidate) + 1;
    const head = `Rank ${rank + 1}: score ${Math.round(s.score)}/100, ${ordinal(place)} best of ${candidates.length} candidates${rank > 0 && place > rank + 1 ? `; kept for variety (overlaps ${Math.round(100 * s.overlap)}% with those above)` : ''}.`;
    return {
      id: variantId(options.seed, options.engine, s.candidate.fields),
      channel: s.candidate.fields.channel,
      framework: s.candidate.framework,
      angle: s.candidate.angle,
      fields: s.candidate.fields,
      score: Math.round(s.score * 10) / 10,
      reasons: [head, ...s.reasons],
      checks: s.checks,
      readingGrade: Math.round(s.grade * 10) / 10,
      engine: options.engine,
    };
  });
}

const ordinal = (n: number): string => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;
