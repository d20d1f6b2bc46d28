/** Words and word pairs of copy, as the ranker and the generator compare texts (tokens such as {{firstName}} left out). */

export const copyWords = (text: string): string[] => text.toLowerCase().replace(/\{\{[^}]*\}\}/g, ' ').match(/[\p{L}\p{N}']+/gu) ?? [];

/** Consecutive word pairs: "20% off now" → ["20 off", "off now"]. */
export function bigrams(text: string): string[] {
  const w = copyWords(text);
  return w.slice(1).map((word, i) => `${w[i]} ${word}`);
}
