/**
 * The terms a text classifier sees in one text: word unigrams and bigrams with negation marked, and character
 * n-grams inside word boundaries (which catch misspellings, "loooove" and word endings the vocabulary never saw).
 */

/** Words after one of these, up to the next punctuation or "but", are marked as negated ("not good" → "good~not"). */
const NEGATORS = new Set(['not', 'no', 'never', 'nothing', 'nobody', 'none', 'nor', 'neither', 'nowhere', 'cannot', 'without', 'hardly', 'barely']);
/** Words that end a negated span besides punctuation: "not cheap but good" negates "cheap" only. */
const SCOPE_ENDS = new Set(['but', 'however', 'although', 'though', 'yet']);
const PUNCTUATION = /^[.,!?;:()]+$/;

export type TokeniseOptions = {
  /** Longest word n-gram (1 or 2). */
  wordNgrams: number;
  /** Shortest and longest character n-gram; 0 for none. */
  charMin: number;
  charMax: number;
};

export const defaultTokenise: TokeniseOptions = { wordNgrams: 2, charMin: 2, charMax: 5 };

/** Lower case, contractions opened ("didn't" → "did not", "can't" → "can not"), runs of three letters cut to two. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u0060\u00b4]/g, "'")
    .replace(/\bcan't\b/g, 'can not')
    .replace(/\bwon't\b/g, 'will not')
    .replace(/n't\b/g, ' not')
    .replace(/([a-z])\1{2,}/g, '$1$1');
}

/** Words and punctuation marks, in order. */
export function words(text: string): string[] {
  return normalise(text).match(/[a-z0-9]+(?:'[a-z]+)?|[.,!?;:()]/g) ?? [];
}

/** Words with the negated ones marked by a "~not" suffix; punctuation kept (it ends scopes and makes bigrams). */
export function markNegation(tokens: readonly string[]): string[] {
  const out: string[] = [];
  let negated = false;
  for (const token of tokens) {
    if (PUNCTUATION.test(token) || SCOPE_ENDS.has(token)) {
      negated = false;
      out.push(token);
    } else if (NEGATORS.has(token)) {
      negated = true;
      out.push(token);
    } else out.push(negated ? `${token}~not` : token);
  }
  return out;
}

/** Every term of one text, repeated as often as it occurs. Word terms are prefixed "w:", character terms "c:". */
export function textTerms(text: string, options: TokeniseOptions = defaultTokenise): string[] {
  const tokens = words(text);
  const marked = markNegation(tokens);
  const terms: string[] = [];
  const content = marked.filter((t) => !PUNCTUATION.test(t) || t === '!' || t === '?');
  for (const t of content) terms.push(`w:${t}`);
  if (options.wordNgrams >= 2) {
    // Bigrams of the unmarked words keep "not good", "never again", "very good" as phrases of their own.
    const plain = tokens.filter((t) => !PUNCTUATION.test(t));
    for (let i = 1; i < plain.length; i++) terms.push(`w:${plain[i - 1]} ${plain[i]}`);
  }
  if (options.charMin > 0) {
    for (const word of tokens) {
      if (PUNCTUATION.test(word)) continue;
      const padded = ` ${word} `;
      for (let n = options.charMin; n <= options.charMax; n++) {
        if (n > padded.length) break;
        for (let i = 0; i + n <= padded.length; i++) terms.push(`c:${padded.slice(i, i + n)}`);
      }
    }
  }
  return terms;
}
