import type { Db } from '../db/open-workspace';

/**
 * The person's values wherever free text can hold them: saved copy (a reply's brief quotes the review and the
 * customer id), job inputs and results (an export's search text, a brief, an import's row errors), the audit log,
 * saved views and segment rules, undo images. Found by value, not by key, and table by table from the schema itself,
 * so a table added later is searched without anyone remembering to list it here.
 */

/** Values shorter than this are not searched for in free text: "Li" or "12" would match nearly everything. */
export const MIN_TRACE_LENGTH = 4;
/** A review is searched for by its text only when it is long enough to be that review and not a common phrase. */
const MIN_QUOTE_LENGTH = 20;
export const ERASED_MARK = '[erased]';

export type Person = {
  externalId: string;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  /** Titles and texts of the person's reviews. */
  quotes: string[];
};

/** The values that identify the person in text: id, e-mail, phone, full name, and their reviews' longer texts. */
export function traceValues(person: Person): string[] {
  const name = [person.firstName, person.lastName].map((s) => s?.trim() ?? '').filter(Boolean).join(' ');
  const values = [person.externalId, person.email, person.phone, name].map((s) => s?.trim() ?? '').filter((s) => s.length >= MIN_TRACE_LENGTH);
  const quotes = person.quotes.map((q) => q.trim()).filter((q) => q.length >= MIN_QUOTE_LENGTH);
  return [...new Set([...values, ...quotes])];
}

/** Also the forms a value takes inside JSON text (quotes, backslashes and control characters escaped). */
function withJsonForms(values: string[]): string[] {
  return [...new Set(values.flatMap((v) => [v, JSON.stringify(v).slice(1, -1)]))];
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One pattern for all values: case-insensitive, and not inside a longer word or number ("C0001" is not in "C00012"),
 * so a short id does not blank other people's figures.
 */
export function tracePattern(values: string[]): RegExp | null {
  const forms = withJsonForms(values).sort((a, b) => b.length - a.length);
  if (forms.length === 0) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

type Policy = { kind: 'redact' } | { kind: 'delete' } | { kind: 'delete-parent'; parent: string; key: string; parentKey: string };

/**
 * What happens to a row that mentions the person. A job or a saved text is about them and goes; a revision takes its
 * saved item with it (a reply whose first draft quoted the review is still a reply to them); an undo image of another
 * row goes (an undo must not bring the value back). Anything else keeps the row with the value blanked.
 */
const POLICIES: Record<string, Policy> = {
  jobs: { kind: 'delete' },
  copy_library: { kind: 'delete' },
  copy_library_revisions: { kind: 'delete-parent', parent: 'copy_library', key: 'item_id', parentKey: 'id' },
  import_changes: { kind: 'delete' },
};

/** Records of people and of the shop: the person's rows are removed by key, other people's rows are theirs. */
const RECORD_TABLES = new Set(['customers', 'orders', 'order_lines', 'products', 'schema_migrations']);

type Column = { name: string; type: string };
const quoteId = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The tables free text can hide in: every table but records keyed by a customer, virtual tables and their shadows. */
export function freeTextTables(db: Db): Array<{ table: string; columns: string[] }> {
  const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string; sql: string | null }>;
  const virtual = tables.filter((t) => /^\s*CREATE\s+VIRTUAL\s+TABLE/i.test(t.sql ?? '')).map((t) => t.name);
  const found: Array<{ table: string; columns: string[] }> = [];
  for (const { name } of tables) {
    if (RECORD_TABLES.has(name) || virtual.some((v) => name === v || name.startsWith(`${v}_`))) continue;
    const columns = db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(name) as Column[];
    if (columns.some((c) => c.name === 'customer_id')) continue;
    const text = columns.filter((c) => c.type === '' || /TEXT|CHAR|CLOB/i.test(c.type)).map((c) => c.name);
    if (text.length > 0) found.push({ table: name, columns: text });
  }
  return found;
}

export type ScrubCounts = { savedCopy: number; jobs: number; redacted: number };

/** Deletes or blanks every row of the free-text tables that mentions one of `values`; run inside the erase's transaction. */
export function scrubTraces(db: Db, values: string[]): ScrubCounts {
  const counts: ScrubCounts = { savedCopy: 0, jobs: 0, redacted: 0 };
  const pattern = tracePattern(values);
  if (!pattern) return counts;
  const forms = withJsonForms(values).map((v) => v.toLowerCase());
  const mentions = (text: string): boolean => {
    pattern.lastIndex = 0;
    return pattern.test(text);
  };
  for (const { table, columns } of freeTextTables(db)) {
    const policy = POLICIES[table] ?? { kind: 'redact' };
    for (const column of columns) {
      const col = quoteId(column);
      // instr on lower() narrows in SQL (ASCII case only); the pattern then decides, with word edges and any case.
      const where = forms.map(() => `instr(lower(${col}), ?) > 0`).join(' OR ');
      const candidates = db.prepare(`SELECT DISTINCT ${col} AS v FROM ${quoteId(table)} WHERE ${where}`).pluck().all(...forms) as unknown[];
      for (const value of candidates) {
        if (typeof value !== 'string' || !mentions(value)) continue;
        const changed = applyPolicy(db, table, col, value, policy, pattern);
        if (table === 'jobs') counts.jobs += changed;
        else if (table.startsWith('copy_library')) counts.savedCopy += changed;
        else if (policy.kind === 'redact') counts.redacted += changed;
      }
    }
  }
  return counts;
}

function applyPolicy(db: Db, table: string, col: string, value: string, policy: Policy, pattern: RegExp): number {
  if (policy.kind === 'delete') return db.prepare(`DELETE FROM ${quoteId(table)} WHERE ${col} = ?`).run(value).changes;
  if (policy.kind === 'delete-parent') {
    return db
      .prepare(`DELETE FROM ${quoteId(policy.parent)} WHERE ${quoteId(policy.parentKey)} IN (SELECT ${quoteId(policy.key)} FROM ${quoteId(table)} WHERE ${col} = ?)`)
      .run(value).changes;
  }
  const blanked = value.replace(pattern, ERASED_MARK);
  try {
    return db.prepare(`UPDATE ${quoteId(table)} SET ${col} = ? WHERE ${col} = ?`).run(blanked, value).changes;
  } catch (error) {
    // A blanked key that collides with another row's (two saved views named after people): the row goes instead.
    if (!String((error as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT')) throw error;
    return db.prepare(`DELETE FROM ${quoteId(table)} WHERE ${col} = ?`).run(value).changes;
  }
}

/**
 * Overwrites the pages SQLite keeps free (they may still hold rows deleted before secure_delete was on, such as
 * the earlier versions of a job's row): one blob of zeros takes every free page, and dropping it frees them
 * zeroed. Needs `secure_delete = ON`; inside the erase's transaction.
 */
export function zeroFreePages(db: Db): number {
  const free = Number(db.pragma('freelist_count', { simple: true }));
  if (free === 0) return 0;
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  db.exec('CREATE TABLE localyst_erase_fill (b BLOB)');
  // Blobs of at most 16,384 pages each: SQLite refuses one longer than about a gigabyte.
  const fill = db.prepare('INSERT INTO localyst_erase_fill (b) VALUES (zeroblob(?))');
  for (let left = free; left > 0; left -= FILL_PAGES) fill.run(Math.min(left, FILL_PAGES) * (pageSize - 8));
  db.exec('DROP TABLE localyst_erase_fill');
  return free;
}

const FILL_PAGES = 16_384;

/**
 * Full-text indexes (FTS5, such as a quick-search index kept in step with customers by triggers) keep deleted
 * entries in older segments until they are merged: merging them now rewrites the index without the person.
 */
export function mergeFullTextIndexes(db: Db): void {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%' AND lower(sql) LIKE '%using fts5%'")
    .pluck()
    .all() as string[];
  for (const table of tables) db.prepare(`INSERT INTO ${quoteId(table)} (${quoteId(table)}) VALUES ('optimize')`).run();
}
