import { personalisationTokens, type CopyFields, type PersonalisationToken } from './copy-schemas';

/**
 * What engine and renderer both read out of copy: its personalisation tokens (one grammar, so the studio highlights
 * exactly what the engine fills in) and the first line a person reads.
 *
 * Token grammar: `{{`, a name, optionally `|` and a fallback, `}}`. Spaces around the name and the fallback are
 * ignored; neither may contain a brace, and the name may not contain a bar, so in `{{a{{firstName}}b}}` only the
 * inner `{{firstName}}` is a token. An empty name (`{{}}`, `{{ |x}}`) or missing closing braces is plain text.
 * Names are matched exactly (`{{FirstName}}` is unknown).
 */

export type TokenMatch = {
  /** The token as written, braces included. */
  raw: string;
  name: string;
  fallback: string | null;
  known: boolean;
  start: number;
  end: number;
};

const TOKEN = /\{\{([^{}|]*)(?:\|([^{}]*))?\}\}/g;

export const isKnownToken = (name: string): name is PersonalisationToken => Object.prototype.hasOwnProperty.call(personalisationTokens, name);

/** Every token in the text, in order. */
export function findTokens(text: string): TokenMatch[] {
  const found: TokenMatch[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const name = (m[1] ?? '').trim();
    if (name === '') continue;
    const start = m.index;
    found.push({ raw: m[0], name, fallback: m[2] === undefined ? null : m[2].trim(), known: isKnownToken(name), start, end: start + m[0].length });
  }
  return found;
}

/** The first line a person reads: the subject, the title, the headline, or the first words of the text. */
export function firstLine(fields: CopyFields): string {
  switch (fields.channel) {
    case 'email':
      return fields.subject;
    case 'push':
      return fields.title;
    case 'search_ad':
      return fields.headlines[0] ?? '';
    case 'display_ad':
      return fields.headline;
    default:
      return fields.text.split('\n').find((line) => line.trim() !== '') ?? '';
  }
}
