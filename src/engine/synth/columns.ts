import { createHmac, randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { LEARNED_ROLES, type SynthColumnInfo, type SynthRole } from '../../shared/synth-schemas';
import type { RawTable, RawValue } from '../ml/table';
import type { CategoricalColumnData, NumericColumnData, SynthData } from './types';

/**
 * The synthetic twin's columns: what each column of a source is (its role, detected from its name and values),
 * the raw table turned into typed SynthData for the synthesizers and back into text cells for a CSV, and the salted
 * row hashes a sample job uses to drop synthetic rows that copy a training row exactly.
 */

/** More distinct values than this (and more than 10 % of the rows) is too many to learn as categories. */
export const CATEGORY_CAP = 100;
const EXAMPLES = 4;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PSEUDONYM = /^(em|ph|nm)_[A-Za-z0-9_-]{22}$/;
const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/;
const POSTCODE_NL = /^\d{4}\s?[A-Z]{2}$/i;
const UK_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
/** Names that say the column holds personal data (English and Dutch/German words the shop's files use). */
const PII_NAME =
  /e-?mail|phone|mobile|telefoon|telefon|\btel\b|first.?name|last.?name|full.?name|sur.?name|given.?name|family.?name|^name$|customer.?name|naam|address|adres|street|straat|house.?number|post.?code|postal|zip|iban|passport|ssn|social.?security|birth.?date|date.?of.?birth|\bdob\b|ip.?address/i;
const ID_NAME = /(^|[^a-z])(id|uuid|guid|key|sku|number|nr|no)$|^id|_id$|[a-z]Id$|external.?id|identifier/i;

/** One cell as trimmed text, or null when empty. */
export function cellText(value: RawValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  return text === '' ? null : text;
}

/** Seconds since 1970 (UTC) of an ISO date or date-time; a time without a zone counts as UTC. NaN when not a date. */
export function parseDateTime(text: string): number {
  if (DATE.test(text)) return Date.parse(`${text}T00:00:00Z`) / 1000;
  if (!DATETIME.test(text)) return NaN;
  const iso = text.replace(' ', 'T');
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`;
  return Date.parse(zoned) / 1000;
}

export const parseNumber = (text: string): number => (NUMBER.test(text) ? Number(text) : NaN);

const decimalsOf = (text: string): number => {
  if (/e/i.test(text)) return 6;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : Math.min(6, text.length - dot - 1);
};

type Detected = { role: SynthRole; reason: string; distinct: number; missing: number; examples: string[] };

const share = (n: number, of: number): number => (of === 0 ? 0 : n / of);
const plural = (n: number, word: string): string => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

/** The role a column would have, from its name and its values, with the reason in plain words. */
export function detectColumn(name: string, values: readonly (RawValue | undefined)[]): Detected {
  const texts: string[] = [];
  const counts = new Map<string, number>();
  for (const v of values) {
    const t = cellText(v);
    if (t === null) continue;
    texts.push(t);
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const missing = values.length - texts.length;
  const distinct = counts.size;
  const base = { distinct, missing };
  const examplesOf = (): string[] => [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, EXAMPLES).map(([v]) => v);
  if (texts.length === 0) return { ...base, role: 'text', reason: 'every value is empty', examples: [] };

  const matching = (re: RegExp): number => share(texts.filter((t) => re.test(t)).length, texts.length);
  if (matching(EMAIL) > 0.5) return { ...base, role: 'pii', reason: 'looks like e-mail addresses', examples: [] };
  if (matching(PSEUDONYM) > 0.5) return { ...base, role: 'pii', reason: 'pseudonymised personal data', examples: [] };
  // A name that says personal data, unless a handful of repeated values says otherwise (PhoneService: Yes/No).
  if (PII_NAME.test(name) && (distinct > 10 || distinct > 0.5 * texts.length)) return { ...base, role: 'pii', reason: `the name "${name}" says it is personal data`, examples: [] };
  if (matching(IBAN) > 0.5) return { ...base, role: 'pii', reason: 'looks like bank account numbers', examples: [] };
  if (matching(POSTCODE_NL) > 0.5 || matching(UK_POSTCODE) > 0.5) return { ...base, role: 'pii', reason: 'looks like postcodes', examples: [] };
  const phones = texts.filter((t) => {
    if (!/^\+?[\d\s()./-]{7,}$/.test(t) || NUMBER.test(t) || DATE.test(t)) return false;
    const digits = t.replace(/\D/g, '').length;
    return digits >= 8 && digits <= 15;
  }).length;
  if (share(phones, texts.length) > 0.5) return { ...base, role: 'pii', reason: 'looks like phone numbers', examples: [] };

  const uniquePerRow = distinct === texts.length && texts.length >= 0.95 * values.length && values.length > 1;
  const numbers = matching(NUMBER);
  if (uniquePerRow && ID_NAME.test(name)) return { ...base, role: 'id', reason: 'a different value in every row, named like an id', examples: [] };

  const dates = texts.filter((t) => Number.isFinite(parseDateTime(t))).length;
  if (share(dates, texts.length) >= 0.95) return { ...base, role: 'datetime', reason: 'dates', examples: examplesOf() };

  if (numbers === 1) {
    if (distinct <= 2) return { ...base, role: 'categorical', reason: `${plural(distinct, 'distinct value')}: a yes/no column`, examples: examplesOf() };
    return { ...base, role: 'numeric', reason: 'numbers', examples: examplesOf() };
  }
  if (uniquePerRow && texts.every((t) => !/\s/.test(t))) return { ...base, role: 'id', reason: 'a different code in every row', examples: [] };
  const meanLength = texts.reduce((s, t) => s + t.length, 0) / texts.length;
  if (meanLength > 40) return { ...base, role: 'text', reason: 'long free text', examples: [] };
  if (distinct > CATEGORY_CAP && distinct > 0.1 * texts.length) {
    return uniquePerRow
      ? { ...base, role: 'id', reason: 'a different value in every row', examples: [] }
      : { ...base, role: 'text', reason: `${plural(distinct, 'distinct value')}: too many to learn as categories`, examples: [] };
  }
  return { ...base, role: 'categorical', reason: plural(distinct, 'distinct value'), examples: examplesOf() };
}

/** Every column of a table with its detected role; no example values for id, personal or free-text columns. */
export function detectColumns(table: RawTable): SynthColumnInfo[] {
  return table.columns.map((name, j) => {
    const d = detectColumn(name, table.rows.map((r) => r[j]));
    return { name, role: d.role, reason: d.reason, distinct: d.distinct, missing: d.missing, examples: LEARNED_ROLES.includes(d.role) ? d.examples : [] };
  });
}

export type ResolvedColumn = { name: string; index: number; role: SynthRole; detected: SynthRole };

/**
 * The roles the user confirmed, checked against the source. The user's role wins, with two guards: a column
 * detected as an id or personal data is learned only when the user marked it categorical or numeric themselves
 * (never as a date), and a learned category whose values are mostly one of a kind is refused (the twin would copy
 * those values, and with them whoever they point at).
 */
export function resolveColumns(table: RawTable, wanted: ReadonlyArray<{ name: string; role: SynthRole }>): ResolvedColumn[] {
  const seen = new Set<string>();
  const resolved = wanted.map(({ name, role }, i): ResolvedColumn => {
    const index = table.columns.indexOf(name);
    if (index < 0) {
      const shown = table.columns.slice(0, 20).map((c) => `"${c}"`).join(', ');
      throw new AppError('bad-input', `There is no column "${name}" in the source. Its columns are ${shown}${table.columns.length > 20 ? ', …' : ''}.`, { column: name, field: `columns.${i}.name` });
    }
    if (seen.has(name)) throw new AppError('bad-input', `The column "${name}" is listed twice.`, { column: name, field: `columns.${i}.name` });
    seen.add(name);
    const values = table.rows.map((r) => r[index]);
    const detected = detectColumn(name, values);
    if ((detected.role === 'id' || detected.role === 'pii') && role === 'datetime') {
      throw new AppError('bad-input', `"${name}" looks like ${detected.role === 'id' ? 'an id' : 'personal data'} (${detected.reason}); it can be learned only as numbers or categories you chose yourself.`, { column: name, field: `columns.${i}.role` });
    }
    checkLearnable(name, values, role, `columns.${i}.role`);
    return { name, index, role, detected: detected.role };
  });
  if (!resolved.some((c) => LEARNED_ROLES.includes(c.role))) {
    throw new AppError('bad-input', 'No column is learned: mark at least one column as numbers, categories or dates.', { field: 'columns' });
  }
  return resolved;
}

function checkLearnable(name: string, values: readonly (RawValue | undefined)[], role: SynthRole, field: string): void {
  if (!LEARNED_ROLES.includes(role)) return;
  const texts: string[] = [];
  for (let r = 0; r < values.length; r++) {
    const t = cellText(values[r]);
    if (t === null) continue;
    texts.push(t);
    const bad = role === 'numeric' ? Number.isNaN(parseNumber(t)) : role === 'datetime' ? Number.isNaN(parseDateTime(t)) : false;
    if (bad) {
      const what = role === 'numeric' ? 'a number' : 'a date (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)';
      throw new AppError('bad-input', `"${name}", row ${r + 1}: "${t.slice(0, 40)}" is not ${what}. Mark the column as categories or leave it out.`, { column: name, row: r + 1, field });
    }
  }
  if (texts.length === 0) throw new AppError('bad-input', `"${name}" has no values to learn. Leave it out.`, { column: name, field });
  if (role === 'categorical') {
    const counts = new Map<string, number>();
    for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
    let singletons = 0;
    for (const n of counts.values()) if (n === 1) singletons++;
    if (texts.length >= 20 && singletons > 0.5 * texts.length) {
      throw new AppError(
        'bad-input',
        `"${name}" has a value of its own in most rows (${singletons.toLocaleString('en')} of ${texts.length.toLocaleString('en')}): as categories the twin would copy them. Leave it out or fill it with fake values.`,
        { column: name, field },
      );
    }
  }
}

/** Column by column what a synthetic value is written as: kept with the model so samples print like the source. */
export type ColumnMeta =
  | { name: string; kind: 'numeric' | 'datetime'; integer: boolean; decimals: number; dateOnly: boolean }
  | { name: string; kind: 'categorical'; levels: string[] };

/** The learned columns of a table as SynthData (only `numeric`, `categorical` and `datetime` columns, in order). */
export function toSynthData(table: RawTable, columns: readonly ResolvedColumn[], rowIndices?: ArrayLike<number>): SynthData {
  const rows = rowIndices ?? Array.from({ length: table.rows.length }, (_, i) => i);
  const n = rows.length;
  const out: SynthData['columns'] = [];
  for (const col of columns) {
    if (!LEARNED_ROLES.includes(col.role)) continue;
    const cell = (i: number): string | null => cellText(table.rows[rows[i] as number]?.[col.index]);
    if (col.role === 'categorical') {
      const levelSet = new Set<string>();
      for (let i = 0; i < n; i++) {
        const t = cell(i);
        if (t !== null) levelSet.add(t);
      }
      const levels = [...levelSet].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const at = new Map(levels.map((l, k) => [l, k]));
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const t = cell(i);
        codes[i] = t === null ? -1 : (at.get(t) as number);
      }
      out.push({ name: col.name, kind: 'categorical', codes, levels } satisfies CategoricalColumnData);
      continue;
    }
    const values = new Float64Array(n);
    let integer = true;
    let decimals = 0;
    let dateOnly = true;
    for (let i = 0; i < n; i++) {
      const t = cell(i);
      if (t === null) {
        values[i] = NaN;
        continue;
      }
      if (col.role === 'numeric') {
        const v = parseNumber(t);
        values[i] = v;
        if (!Number.isInteger(v)) integer = false;
        decimals = Math.max(decimals, decimalsOf(t));
      } else {
        values[i] = parseDateTime(t);
        if (!DATE.test(t)) dateOnly = false;
      }
    }
    const data: NumericColumnData =
      col.role === 'numeric'
        ? { name: col.name, kind: 'numeric', values, integer, decimals: integer ? 0 : Math.max(1, decimals) }
        : { name: col.name, kind: 'datetime', values, integer: true, decimals: 0, dateOnly };
    out.push(data);
  }
  return { rows: n, columns: out };
}

export function columnMeta(data: SynthData): ColumnMeta[] {
  return data.columns.map((c) =>
    c.kind === 'categorical'
      ? { name: c.name, kind: 'categorical', levels: c.levels }
      : { name: c.name, kind: c.kind, integer: c.integer, decimals: c.decimals, dateOnly: c.dateOnly ?? false },
  );
}

/** A date-time as `YYYY-MM-DDTHH:MM:SS` (no zone, as the workspace stores times), or the date alone. */
export function formatDateTime(seconds: number, dateOnly: boolean): string {
  const iso = new Date(Math.round(seconds) * 1000).toISOString();
  return dateOnly ? iso.slice(0, 10) : iso.slice(0, 19);
}

export function formatNumber(value: number, integer: boolean, decimals: number): string {
  if (!Number.isFinite(value)) return '';
  if (integer) return String(Math.round(value) === 0 ? 0 : Math.round(value));
  const text = value.toFixed(decimals);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/**
 * SynthData back to text cells, row by row (empty string = missing), written like the source: whole numbers stay
 * whole, decimals as many as the real values had, plain dates as dates. `meta` (the model's own, when given) decides
 * the format; a categorical code is read against the sample's own levels.
 */
export function formatRows(data: SynthData, meta?: readonly ColumnMeta[]): string[][] {
  const rows: string[][] = Array.from({ length: data.rows }, () => new Array<string>(data.columns.length));
  data.columns.forEach((c, j) => {
    const m = meta?.[j];
    for (let i = 0; i < data.rows; i++) {
      const row = rows[i] as string[];
      if (c.kind === 'categorical') {
        const code = c.codes[i] as number;
        row[j] = code >= 0 ? (c.levels[code] ?? '') : '';
      } else {
        const v = c.values[i] as number;
        const integer = m && m.kind !== 'categorical' ? m.integer : c.integer;
        const decimals = m && m.kind !== 'categorical' ? m.decimals : c.decimals;
        const dateOnly = m && m.kind !== 'categorical' ? m.dateOnly : (c.dateOnly ?? false);
        row[j] = Number.isNaN(v) ? '' : c.kind === 'datetime' ? formatDateTime(v, dateOnly) : formatNumber(v, integer, decimals);
      }
    }
  });
  return rows;
}

/**
 * Salted hashes of whole rows (their learned cells as written), 8 bytes each. Kept with a model so that a later
 * sample can drop rows that copy a training row exactly without the training rows being stored. The trade-off: whoever
 * holds the model and already knows a complete row can test whether it was trained on (a membership test); nobody
 * can read a row back from the hashes.
 */
export type RowHashes = { salt: string; hashes: string };

const HASH_BYTES = 8;
const hashRow = (salt: Buffer, cells: readonly string[]): Buffer => createHmac('sha256', salt).update(cells.join('\u001f')).digest().subarray(0, HASH_BYTES);

export function hashRows(rows: readonly (readonly string[])[], salt: Buffer = randomBytes(16)): RowHashes {
  const all = Buffer.alloc(rows.length * HASH_BYTES);
  rows.forEach((cells, i) => hashRow(salt, cells).copy(all, i * HASH_BYTES));
  return { salt: salt.toString('base64'), hashes: all.toString('base64') };
}

/** A test for "this row copies a training row exactly", from the stored hashes. */
export function rowHashTest(stored: RowHashes): (cells: readonly string[]) => boolean {
  const salt = Buffer.from(stored.salt, 'base64');
  const all = Buffer.from(stored.hashes, 'base64');
  const set = new Set<string>();
  for (let i = 0; i + HASH_BYTES <= all.length; i += HASH_BYTES) set.add(all.subarray(i, i + HASH_BYTES).toString('hex'));
  return (cells) => set.has(hashRow(salt, cells).toString('hex'));
}
