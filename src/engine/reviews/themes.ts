import winkNLP, { type ItemSentence, type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { JobControl } from '../kernel/jobs';
import type { Db } from '../kernel/workspace';
import { lexiconScore, reviewText } from './sentiment';
import { readReviewsForThemes, writeThemes, type ReviewForThemes, type ThemeToWrite } from './themes-repo';

/**
 * Themes: the aspects and phrases that recur in the workspace's reviews ("fast delivery", "runs small", "scent",
 * "wick"), found from the text itself, with no list of expected phrases.
 *
 * Each sentence is tokenised and tagged (wink-nlp with its English lite model). Candidates are runs of 1–4 words
 * inside a clause (punctuation and "and"/"but" end a run) that neither start nor end with a stop word; a single word
 * must be a noun (an aspect: "scent", "wick"), a longer run must hold a noun, verb or adjective ("runs small",
 * "arrived cracked", "fast delivery"). Words are compared by lemma, so "runs small" and "ran small" are one theme,
 * shown in its most frequent wording. The reviewed product's own name is not a theme ("I ordered the Amber Candle").
 *
 * A candidate becomes a theme when enough reviews say it (`minReviews`); a shorter theme inside a longer one that
 * most of its reviews say in full ("arrived cracked" inside "glass arrived cracked") gives way to the longer.
 *
 * A mention's sentiment is the review's score (`review_sentiment`: the trained classifier, or the word list), pulled
 * halfway to the lexicon score of the clause that says it when that clause carries sentiment words of its own: a
 * review can praise one thing and complain about another.
 */

export type ThemeOptions = {
  /** Reviews a phrase must appear in to be a theme; default max(3, 0.2 % of the reviews). */
  minReviews?: number;
  /** Themes kept, most mentioned first. */
  maxThemes?: number;
};

export type ThemeRun = { reviews: number; themes: number; mentions: number };

const MAX_WORDS = 4;
const MAX_QUOTE = 280;
const DEFAULT_MAX_THEMES = 300;
/** Two themes said in the same sentences of nearly the same reviews are fragments of one phrase: one is kept. */
const FRAGMENTS = 0.9;
/** A shorter theme gives way to a longer one containing it when the longer is said in this share of its reviews. */
const SUBSUMED = 0.8;
/** The lexicon's neutral zone around 0.5 (VADER's compound within ±0.05): a sentence without sentiment words. */
const NO_POLARITY = 0.025;

/**
 * Nouns that name no aspect of a product or a purchase on their own (time spans, vague amounts, placeholders): "within
 * a week", "a bit", "one thing". Not a theme alone; inside a longer phrase ("took a week") they still count.
 */
const GENERIC_NOUNS = new Set([
  'second', 'minute', 'hour', 'day', 'night', 'week', 'weekend', 'month', 'year', 'time', 'moment', 'today', 'yesterday',
  'bit', 'lot', 'lots', 'thing', 'stuff', 'way', 'one', 'ones', 'kind', 'sort', 'type', 'part', 'piece', 'item', 'couple',
  'something', 'anything', 'everything', 'nothing', 'someone', 'everyone', 'people', 'person', 'end', 'reason',
]);

const CONTENT_POS = new Set(['NOUN', 'VERB', 'ADJ', 'PROPN']);
const NOUNS = new Set(['NOUN', 'PROPN']);
const ASPECT_POS = new Set(['NOUN', 'PROPN', 'ADJ']);

/** The English tagger (tokens, parts of speech, lemmas): loaded per analysis, not at start-up, as it takes a moment. */
export const loadTagger = (): WinkMethods => winkNLP(model);

type Token = { normal: string; value: string; lemma: string; pos: string; stop: boolean; word: boolean };

/** One review's candidate phrases: key (lemmas) → its wording and the sentence it was said in. */
export type Said = Map<string, { form: string; sentence: string; aspect: boolean }>;

/** A product name's tokens, tagged once per analysis (`names` remembers them). */
function nameTokens(nlp: WinkMethods, productName: string, names: Map<string, string[]> | undefined): string[] {
  const known = names?.get(productName);
  if (known) return known;
  const tokens = nlp.readDoc(productName).tokens().out(nlp.its.normal) as string[];
  names?.set(productName, tokens);
  return tokens;
}

/** The word-token indices of the product's name in a sentence, which no candidate may include. */
function blockedByName(tokens: Token[], name: string[]): Set<number> {
  const blocked = new Set<number>();
  if (name.length === 0) return blocked;
  for (let i = 0; i + name.length <= tokens.length; i++) {
    if (name.every((w, k) => tokens[i + k]?.normal === w)) for (let k = 0; k < name.length; k++) blocked.add(i + k);
  }
  return blocked;
}

function tokensOf(nlp: WinkMethods, sentence: ItemSentence): Token[] {
  const its = nlp.its;
  const tokens = sentence.tokens();
  const normal = tokens.out(its.normal) as string[];
  // wink's typings declare its.lemma with a cache parameter that ItsFunction does not have.
  const lemma = tokens.out(its.lemma as unknown as typeof its.normal) as string[];
  const pos = tokens.out(its.pos) as string[];
  const stop = tokens.out(its.stopWordFlag) as unknown as boolean[];
  const type = tokens.out(its.type) as string[];
  // The words as written: wink's normal form spells British words the American way ("colour" as "color").
  const value = tokens.out(its.value) as string[];
  return normal.map((n, i) => ({
    normal: n,
    value: (value[i] ?? n).toLowerCase(),
    lemma: lemma[i] ?? n,
    pos: pos[i] ?? 'X',
    stop: stop[i] === true,
    // Letters only: numbers, prices and emoji are not themes.
    word: type[i] === 'word' && /^\p{L}[\p{L}'’-]*$/u.test(n),
  }));
}

/** The candidate phrases of one review (title and body), each once, with the sentence that says it. */
export function candidatesOf(nlp: WinkMethods, text: string, productName: string | null, names?: Map<string, string[]>): Said {
  const said: Said = new Map();
  const doc = nlp.readDoc(text);
  const name = productName ? nameTokens(nlp, productName, names) : [];
  doc.sentences().each((sentence: ItemSentence) => {
    const quote = sentence.out().trim().slice(0, MAX_QUOTE);
    const tokens = tokensOf(nlp, sentence);
    const blocked = blockedByName(tokens, name);
    // Clause-breaking tokens: punctuation, conjunctions, the product's name.
    const breaks = (i: number): boolean => {
      const t = tokens[i] as Token;
      return !t.word || blocked.has(i) || t.pos === 'CCONJ' || t.pos === 'SCONJ';
    };
    for (let start = 0; start < tokens.length; start++) {
      const first = tokens[start] as Token;
      if (breaks(start) || first.stop) continue;
      for (let n = 1; n <= MAX_WORDS && start + n <= tokens.length; n++) {
        const end = start + n - 1;
        if (breaks(end)) break;
        const run = tokens.slice(start, end + 1);
        const last = run[n - 1] as Token;
        if (last.stop) continue;
        if (n === 1 ? !NOUNS.has(first.pos) || first.normal.length < 3 || GENERIC_NOUNS.has(first.lemma) : !run.some((t) => CONTENT_POS.has(t.pos) && !t.stop)) continue;
        const key = run.map((t) => t.lemma).join(' ');
        if (said.has(key)) continue;
        const aspect = NOUNS.has(last.pos) && run.every((t) => ASPECT_POS.has(t.pos));
        said.set(key, { form: run.map((t) => t.value).join(' '), sentence: quote, aspect });
      }
    }
  });
  return said;
}

const CLAUSE_BREAK = /[,;:]|\s(?:but|and|although|though|while|yet)\s/i;

/** The part of the sentence, between commas and conjunctions, that says the phrase (the whole sentence when none). */
export function clauseOf(sentence: string, form: string): string {
  const lower = sentence.toLowerCase();
  const clauses = lower.split(CLAUSE_BREAK);
  return clauses.find((c) => c.includes(form)) ?? lower;
}

/**
 * A mention's score: the review's, pulled halfway to `own`, the lexicon score of the clause saying the phrase, when
 * that clause carries sentiment words of its own ("a little pricey, but good quality" scores "good quality" on its clause).
 */
export function mentionScore(reviewScore: number | null, own: number): number {
  const polar = Math.abs(own - 0.5) > NO_POLARITY;
  if (reviewScore === null) return own;
  return polar ? (reviewScore + own) / 2 : reviewScore;
}

const contains = (longer: string, shorter: string): boolean => ` ${longer} `.includes(` ${shorter} `);

type Tally = { reviews: number; forms: Map<string, number>; aspect: number };

/** Which candidates are themes: said in enough reviews, and not mostly said as part of a longer theme. */
export function chooseThemes(tallies: Map<string, Tally>, minReviews: number, maxThemes: number): string[] {
  const frequent = [...tallies.entries()].filter(([, t]) => t.reviews >= minReviews);
  const byLength = new Map<number, Array<[string, Tally]>>();
  for (const entry of frequent) {
    const n = entry[0].split(' ').length;
    byLength.set(n, [...(byLength.get(n) ?? []), entry]);
  }
  const kept = frequent.filter(([key, tally]) => {
    const n = key.split(' ').length;
    for (let m = n + 1; m <= MAX_WORDS; m++) {
      for (const [longer, t] of byLength.get(m) ?? []) if (t.reviews >= SUBSUMED * tally.reviews && contains(longer, key)) return false;
    }
    return true;
  });
  kept.sort((a, b) => b[1].reviews - a[1].reviews || a[0].localeCompare(b[0]));
  return kept.slice(0, maxThemes).map(([key]) => key);
}

const mostFrequent = (forms: Map<string, number>): string => [...forms.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';

/** Reads every review twice (once to count candidates, once to quote the chosen ones), then writes the themes. */
export async function findThemes(db: Db, control: JobControl, options: ThemeOptions = {}, share: { from: number; to: number } = { from: 0, to: 1 }): Promise<ThemeRun> {
  const total = db.prepare('SELECT count(*) FROM reviews').pluck().get() as number;
  const minReviews = options.minReviews ?? Math.max(3, Math.ceil(total * 0.002));
  const at = (pass: number, done: number): number => share.from + ((share.to - share.from) * (pass + (total ? done / total : 1))) / 2.05;

  const nlp = loadTagger();
  const names = new Map<string, string[]>();
  const tallies = new Map<string, Tally>();
  let done = 0;
  for await (const batch of readReviewsForThemes(db)) {
    control.checkCancelled();
    for (const review of batch) {
      for (const [key, said] of candidatesOf(nlp, reviewText(review), review.product, names)) {
        const tally = tallies.get(key) ?? { reviews: 0, forms: new Map<string, number>(), aspect: 0 };
        tally.reviews += 1;
        tally.forms.set(said.form, (tally.forms.get(said.form) ?? 0) + 1);
        if (said.aspect) tally.aspect += 1;
        tallies.set(key, tally);
      }
    }
    done += batch.length;
    control.progress({ fraction: at(0, done), stage: 'Themes', message: `Reading ${done.toLocaleString('en')} of ${total.toLocaleString('en')} reviews`, rowsDone: done });
    await new Promise((resolve) => setImmediate(resolve));
  }

  const maxThemes = options.maxThemes ?? DEFAULT_MAX_THEMES;
  // More are quoted than kept: fragments of one phrase are merged once their reviews are known.
  const chosen = chooseThemes(tallies, minReviews, maxThemes * 2);
  const themes = new Map<string, ThemeToWrite>(
    chosen.map((key) => {
      const tally = tallies.get(key) as Tally;
      return [key, { phrase: mostFrequent(tally.forms), kind: tally.aspect * 2 >= tally.reviews ? 'aspect' : 'phrase', mentions: [] }];
    }),
  );
  tallies.clear();

  // Reviews repeat their clauses ("fast delivery"): each is scored by the word list once.
  const clauseScores = new Map<string, number>();
  done = 0;
  for await (const batch of readReviewsForThemes(db)) {
    control.checkCancelled();
    for (const review of batch) quoteThemes(nlp, review, themes, names, clauseScores);
    done += batch.length;
    control.progress({ fraction: at(1, done), stage: 'Themes', message: `Quoting themes in ${done.toLocaleString('en')} of ${total.toLocaleString('en')} reviews`, rowsDone: done });
    await new Promise((resolve) => setImmediate(resolve));
  }
  control.checkCancelled();
  const written = writeThemes(db, withoutFragments([...themes.values()]).slice(0, maxThemes));
  return { reviews: total, ...written };
}

/**
 * Drops a theme that is a fragment of a more frequent one: said in (nearly) the same reviews, in the same sentences
 * ("delivery took" and "took a few days" of "Delivery took a few days longer than promised"). Most mentioned first,
 * then the shorter wording.
 */
export function withoutFragments(themes: ThemeToWrite[]): ThemeToWrite[] {
  const ordered = themes
    .filter((t) => t.mentions.length > 0)
    .sort((a, b) => b.mentions.length - a.mentions.length || a.phrase.split(' ').length - b.phrase.split(' ').length || a.phrase.localeCompare(b.phrase));
  const kept: Array<{ theme: ThemeToWrite; said: Map<number, string> }> = [];
  for (const theme of ordered) {
    const fragment = kept.some(({ theme: other, said }) => {
      if (theme.mentions.length < FRAGMENTS * other.mentions.length) return false;
      let same = 0;
      for (const m of theme.mentions) if (said.get(m.reviewId) === m.quote) same += 1;
      return same >= FRAGMENTS * Math.max(theme.mentions.length, other.mentions.length);
    });
    if (!fragment) kept.push({ theme, said: new Map(theme.mentions.map((m) => [m.reviewId, m.quote])) });
  }
  return kept.map((k) => k.theme);
}

function quoteThemes(nlp: WinkMethods, review: ReviewForThemes, themes: Map<string, ThemeToWrite>, names: Map<string, string[]>, clauseScores: Map<string, number>): void {
  for (const [key, said] of candidatesOf(nlp, reviewText(review), review.product, names)) {
    const theme = themes.get(key);
    if (!theme) continue;
    const clause = clauseOf(said.sentence, said.form);
    let own = clauseScores.get(clause);
    if (own === undefined) clauseScores.set(clause, (own = lexiconScore(clause)));
    theme.mentions.push({ reviewId: review.id, quote: said.sentence, score: mentionScore(review.score, own) });
  }
}
