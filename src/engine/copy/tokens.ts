import { type CopyFields, type PersonalisationToken } from '../../shared/copy-schemas';
import { findTokens, isKnownToken, type TokenMatch } from '../../shared/copy-text';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open-workspace';
import { REVENUE_LINE_FILTER } from '../db/stats-repo';
import { isPseudonym } from '../ingest/pseudonyms';
import { recommendedNamesFor } from '../recommend/read-repo';

/**
 * Personalisation tokens in copy: `{{firstName}}`, or `{{firstName|there}}` with a fallback after the bar.
 *
 * The grammar is shared with the studio (`src/shared/copy-text.ts`): `{{ firstName | dear friend }}` is firstName
 * with the fallback "dear friend". Unknown tokens are left in the text, as written, and reported, so a typo shows.
 *
 * Rendering: a token becomes the customer's value; without one, its fallback; without a fallback, nothing, and
 * the text around the gap is tidied so it reads as if the token had never been there: a space on both sides
 * becomes one ("Hi {{firstName}} there" → "Hi there"), a space before punctuation goes ("Hi {{firstName}}," →
 * "Hi,"), and at the start of a line the token takes a following comma, colon or semicolon and the spaces with it
 * and the next letter is capitalised ("{{firstName}}, your order" → "Your order"). An explicitly empty fallback
 * (`{{firstName|}}`) is the same as none.
 */

export type TokenValues = Partial<Record<PersonalisationToken, string | null>>;
export type RenderResult = { text: string; fallbacks: PersonalisationToken[]; unknown: string[] };

const HSPACE = /[ \t\u00a0]/;
const endsWithHSpace = (s: string): boolean => s.length > 0 && HSPACE.test(s[s.length - 1] as string);
const atLineStart = (s: string): boolean => s === '' || /\n[ \t]*$/.test(s) || /^[ \t]*$/.test(s);

/** The text with its tokens filled in from `values`; see the file's comment for what a missing value becomes. */
export function renderTokens(text: string, values: TokenValues): RenderResult {
  const fallbacks = new Set<PersonalisationToken>();
  const unknown = new Set<string>();
  let out = '';
  let pos = 0;
  // Set when a token at the start of a line rendered as nothing: the next word starts the sentence instead.
  let capitalise = false;
  const emit = (piece: string): void => {
    if (capitalise && /\S/.test(piece)) {
      out += capitaliseFirst(piece);
      capitalise = false;
    } else out += piece;
  };
  for (const token of findTokens(text)) {
    emit(text.slice(pos, token.start));
    pos = token.end;
    if (!token.known) {
      unknown.add(token.name);
      emit(token.raw);
      continue;
    }
    const name = token.name as PersonalisationToken;
    const value = values[name]?.trim() ?? '';
    if (value !== '') {
      capitalise = false;
      out += value;
      continue;
    }
    fallbacks.add(name);
    if (token.fallback) {
      capitalise = false;
      out += token.fallback;
      continue;
    }
    pos += closeGap(out, text.slice(pos), (trimmed) => (out = trimmed), () => (capitalise = true));
  }
  emit(text.slice(pos));
  return { text: out, fallbacks: [...fallbacks], unknown: [...unknown] };
}

/**
 * Where a token rendered as nothing: how much of the following text to skip, after trimming what came before
 * (through `setOut`) or asking for the next word to be capitalised (at the start of a line).
 */
function closeGap(before: string, rest: string, setOut: (text: string) => void, capitaliseNext: () => void): number {
  if (atLineStart(before)) {
    capitaliseNext();
    return (/^[ \t]*[,;:]?[ \t]*/.exec(rest)?.[0] ?? '').length;
  }
  if (!endsWithHSpace(before)) return 0;
  if (/^[ \t]/.test(rest)) return (/^[ \t]+/.exec(rest)?.[0] ?? '').length;
  if (/^(?:[,.!?;:)]|\r?\n|$)/.test(rest)) setOut(before.replace(/[ \t\u00a0]+$/, ''));
  return 0;
}

function capitaliseFirst(text: string): string {
  const i = text.search(/\S/);
  if (i < 0) return text;
  return text.slice(0, i) + (text[i] as string).toLocaleUpperCase('en') + text.slice(i + 1);
}

/** Every text part of a variant, to render or scan one by one. */
export function mapFieldTexts(fields: CopyFields, fn: (text: string) => string): CopyFields {
  switch (fields.channel) {
    case 'email':
      return { ...fields, subject: fn(fields.subject), preheader: fn(fields.preheader), body: fn(fields.body) };
    case 'push':
      return { ...fields, title: fn(fields.title), body: fn(fields.body) };
    case 'search_ad':
      return { ...fields, headlines: fields.headlines.map(fn), descriptions: fields.descriptions.map(fn) };
    case 'display_ad':
      return { ...fields, headline: fn(fields.headline), description: fn(fields.description), cta: fn(fields.cta) };
    default:
      return { ...fields, text: fn(fields.text) };
  }
}

/** A variant with its tokens filled in for one customer, the tokens that fell back and the unknown ones. */
export function renderFields(fields: CopyFields, values: TokenValues): { fields: CopyFields; fallbacks: PersonalisationToken[]; unknown: string[] } {
  const fallbacks = new Set<PersonalisationToken>();
  const unknown = new Set<string>();
  const rendered = mapFieldTexts(fields, (text) => {
    const r = renderTokens(text, values);
    r.fallbacks.forEach((t) => fallbacks.add(t));
    r.unknown.forEach((t) => unknown.add(t));
    return r.text;
  });
  return { fields: rendered, fallbacks: [...fallbacks], unknown: [...unknown] };
}

// ---------------------------------------------------------------------------------------------------------------
// Values from the workspace

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** "NL" → "Netherlands"; anything that is not a two-letter region code stays as stored. */
function countryName(stored: string | null): string | null {
  const value = stored?.trim() ?? '';
  if (value === '') return null;
  if (!/^[A-Za-z]{2}$/.test(value)) return value;
  try {
    return regionNames.of(value.toUpperCase()) ?? value.toUpperCase();
  } catch {
    return value.toUpperCase();
  }
}

/**
 * The first word of a first name, as one would greet someone: none for pseudonyms or text without a letter, and
 * "ANNA" or "anna" written as "Anna" (names in mixed case, such as "McKenzie", stay as they are).
 */
export function greetingName(firstName: string | null): string | null {
  const value = firstName?.trim() ?? '';
  if (value === '' || isPseudonym(value)) return null;
  const word = value.split(/\s+/)[0] as string;
  if (!/\p{L}/u.test(word)) return null;
  const sameCase = word === word.toLocaleLowerCase('en') || word === word.toLocaleUpperCase('en');
  return sameCase && word.length > 1 ? word.charAt(0).toLocaleUpperCase('en') + word.slice(1).toLocaleLowerCase('en') : word;
}

const blankToNull = (value: string | null | undefined): string | null => {
  const v = value?.trim() ?? '';
  return v === '' ? null : v;
};

/**
 * Each customer's token values: first name (its first word), city, country (its English name for a two-letter
 * code), the category they buy most (customer_metrics.top_category, the one segments and the explorer show),
 * the product on most of their sale orders (ties: the one bought last), the first product line of their
 * latest sale order, and the names of their first three recommended products (recommend/read-repo.ts: new to them
 * first, then bought before, then popular; none while no recommendation model is active). Customers that do not
 * exist are left out.
 */
export function tokenValuesFor(db: Db, customerIds: readonly number[]): Map<number, Record<PersonalisationToken, string | null>> {
  const ids = JSON.stringify([...new Set(customerIds)]);
  const people = db
    .prepare(
      `SELECT c.id, c.first_name AS firstName, c.city, c.country, m.top_category AS topCategory
         FROM json_each(?) j JOIN customers c ON c.id = j.value LEFT JOIN customer_metrics m ON m.customer_id = c.id`,
    )
    .all(ids) as Array<{ id: number; firstName: string | null; city: string | null; country: string | null; topCategory: string | null }>;
  const topProduct = new Map(
    (
      db
        .prepare(
          `SELECT customer_id AS id, name FROM (
             SELECT o.customer_id, p.name,
                    row_number() OVER (PARTITION BY o.customer_id ORDER BY count(DISTINCT o.id) DESC, max(o.ordered_at) DESC, p.name) AS r
               FROM json_each(?) j JOIN orders o ON o.customer_id = j.value
               JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
              WHERE ${REVENUE_LINE_FILTER}
              GROUP BY o.customer_id, p.id)
           WHERE r = 1`,
        )
        .all(ids) as Array<{ id: number; name: string }>
    ).map((r) => [r.id, r.name]),
  );
  const lastProduct = new Map(
    (
      db
        .prepare(
          `SELECT customer_id AS id, name FROM (
             SELECT o.customer_id, coalesce(p.name, l.description) AS name,
                    row_number() OVER (PARTITION BY o.customer_id ORDER BY o.ordered_at DESC, o.id DESC, l.line_no) AS r
               FROM json_each(?) j JOIN orders o ON o.customer_id = j.value
               JOIN order_lines l ON l.order_id = o.id LEFT JOIN products p ON p.id = l.product_id
              WHERE ${REVENUE_LINE_FILTER} AND coalesce(p.name, l.description) IS NOT NULL)
           WHERE r = 1`,
        )
        .all(ids) as Array<{ id: number; name: string }>
    ).map((r) => [r.id, r.name]),
  );
  const recommended = recommendedNamesFor(db, customerIds, 3);
  const values = new Map<number, Record<PersonalisationToken, string | null>>();
  for (const p of people) {
    const picks = recommended.get(p.id) ?? [];
    values.set(p.id, {
      firstName: greetingName(p.firstName),
      city: blankToNull(p.city),
      country: countryName(p.country),
      topCategory: blankToNull(p.topCategory),
      topProduct: blankToNull(topProduct.get(p.id)),
      lastProduct: blankToNull(lastProduct.get(p.id)),
      recommended1: blankToNull(picks[0]),
      recommended2: blankToNull(picks[1]),
      recommended3: blankToNull(picks[2]),
    });
  }
  return values;
}

// ---------------------------------------------------------------------------------------------------------------
// Preview: the copy as a few real customers would read it

export type PreviewInput = { fields: CopyFields; customerIds?: number[] | undefined; count: number };
export type CustomerPreview = { customerId: number; externalId: string; fields: CopyFields; fallbacks: PersonalisationToken[] };
export type PreviewResult = { previews: CustomerPreview[]; unknownTokens: string[] };

/** Customers read for choosing whom to preview on: the first of those with a first name, and of those without. */
const POOL_NAMED = 200;
const POOL_UNNAMED = 20;
const NAMED = "c.first_name IS NOT NULL AND trim(c.first_name) <> '' AND c.pseudonymized = 0";

/** Every token in the variant's texts. */
export function tokensInFields(fields: CopyFields): TokenMatch[] {
  const found: TokenMatch[] = [];
  mapFieldTexts(fields, (text) => {
    found.push(...findTokens(text));
    return text;
  });
  return found;
}

function poolOf(db: Db, members: readonly number[] | null, named: boolean, limit: number): number[] {
  const scope = members === null ? '' : 'AND c.id IN (SELECT value FROM json_each(?))';
  const sql = `SELECT c.id FROM customers c WHERE ${named ? '' : 'NOT '}(${NAMED}) ${scope} ORDER BY c.id LIMIT ?`;
  return db
    .prepare(sql)
    .pluck()
    .all(...(members === null ? [limit] : [JSON.stringify(members), limit])) as number[];
}

/**
 * `count` customers to preview on, the same ones each time: those with a value for every token the copy uses
 * (customers with a first name first, in id order), and, when `count` is 2 or more and one exists, a last customer
 * without a value for one of them (without a first name by preference), so the fallback shows.
 */
export function pickPreviewCustomers(db: Db, members: readonly number[] | null, count: number, used: readonly PersonalisationToken[]): number[] {
  const pool = [...poolOf(db, members, true, POOL_NAMED), ...poolOf(db, members, false, POOL_UNNAMED)];
  if (used.length === 0) return pool.slice(0, count);
  const values = tokenValuesFor(db, pool);
  const missing = (id: number): PersonalisationToken[] => used.filter((t) => !values.get(id)?.[t]);
  const complete = pool.filter((id) => missing(id).length === 0);
  const lacking = pool
    .filter((id) => missing(id).length > 0)
    .sort((a, b) => Number(!missing(a).includes('firstName')) - Number(!missing(b).includes('firstName')) || a - b);
  const picks = complete.slice(0, lacking.length > 0 && count > 1 ? count - 1 : count);
  for (const id of lacking) {
    if (picks.length >= count) break;
    picks.push(id);
  }
  return picks;
}

function externalIds(db: Db, ids: readonly number[]): Map<number, string> {
  const rows = db.prepare('SELECT id, external_id FROM customers WHERE id IN (SELECT value FROM json_each(?))').raw().all(JSON.stringify(ids)) as Array<[number, string]>;
  return new Map(rows);
}

/**
 * The variant rendered for the given customers, or for `count` customers picked among `members` (a segment's, or
 * every customer when null), with the tokens that fell back for each and the tokens nobody can fill (unknown).
 */
export function previewCopy(db: Db, input: PreviewInput, members: readonly number[] | null): PreviewResult {
  const tokens = tokensInFields(input.fields);
  const unknownTokens = [...new Set(tokens.filter((t) => !t.known).map((t) => t.name))];
  const used = [...new Set(tokens.filter((t) => t.known).map((t) => t.name as PersonalisationToken))];
  const ids = input.customerIds ? [...new Set(input.customerIds)] : pickPreviewCustomers(db, members, input.count, used);
  const external = externalIds(db, ids);
  const absent = ids.filter((id) => !external.has(id));
  if (absent.length > 0) {
    throw new AppError('not-found', `There is no customer with id ${absent.join(', ')}. Choose customers from the explorer.`, { field: 'customerIds' });
  }
  const values = tokenValuesFor(db, ids);
  return {
    previews: ids.map((id) => {
      const rendered = renderFields(input.fields, values.get(id) ?? {});
      return { customerId: id, externalId: external.get(id) as string, fields: rendered.fields, fallbacks: rendered.fallbacks };
    }),
    unknownTokens,
  };
}

export { findTokens, isKnownToken, type TokenMatch };
