import Papa from 'papaparse';
import {
  briefSchema,
  copyCheckSchema,
  copyFieldsSchema,
  type Brief,
  type CopyChannel,
  type CopyCheck,
  type CopyEngine,
  type CopyFields,
  type LibraryItem,
  type Variant,
} from '../../shared/copy-schemas';
import { AppError } from '../../shared/errors';
import { defuseFormula } from '../customers/csv';
import type { Db } from '../db/open-workspace';
import { checkVariant } from './checks';

/**
 * The copy library (issue 6): saved variants grouped by campaign. Every version of an item's text is kept in
 * copy_library_revisions (1 is the text as saved, each edit adds the next), so the history is one read and nothing
 * an edit replaced is lost. An edit is checked again against the brief the item was saved with, and its score (the
 * ranker's, for the text it ranked) is cleared. Campaign names compare without case: a new item or a move joins an
 * existing campaign under that campaign's spelling.
 */

type Row = {
  id: number;
  campaign: string;
  channel: CopyChannel;
  framework: string;
  angle: string;
  fields_json: string;
  brief_json: string;
  score: number | null;
  checks_json: string;
  starred: number;
  note: string;
  engine: CopyEngine;
  created_at: string;
  updated_at: string;
  revisions: number;
};

export type CampaignSummary = { name: string; items: number; starred: number; lastSavedAt: string };
export type LibraryFilter = { campaign?: string | undefined; starred?: boolean | undefined; channel?: CopyChannel | undefined };
export type LibraryUpdate = { id: number; fields?: CopyFields | undefined; starred?: boolean | undefined; note?: string | undefined; campaign?: string | undefined };
export type LibraryRevision = { revision: number; fields: CopyFields; savedAt: string; checksPassed: boolean };
export type LibraryExportInput = { format: 'csv' | 'json'; campaign?: string | undefined; ids?: number[] | undefined; starred?: boolean | undefined };
export type LibraryExport = { fileName: string; mimeType: string; content: string; items: number };

// `revisions` counts the earlier texts an item has had (0 until its first edit).
const SELECT_ITEMS = `SELECT l.id, l.campaign, l.channel, l.framework, l.angle, l.fields_json, l.brief_json, l.score, l.checks_json, l.starred,
         l.note, l.engine, l.created_at, l.updated_at,
         (SELECT count(*) FROM copy_library_revisions r WHERE r.item_id = l.id) - 1 AS revisions
    FROM copy_library l`;

const toItem = (row: Row): LibraryItem => ({
  id: row.id,
  campaign: row.campaign,
  channel: row.channel,
  framework: row.framework,
  angle: row.angle,
  fields: copyFieldsSchema.parse(JSON.parse(row.fields_json)),
  brief: briefSchema.parse(JSON.parse(row.brief_json)),
  score: row.score,
  checks: copyCheckSchema.array().parse(JSON.parse(row.checks_json)),
  starred: row.starred === 1,
  note: row.note,
  engine: row.engine,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  revisions: Math.max(0, row.revisions),
});

function readRow(db: Db, id: number): Row {
  const row = db.prepare(`${SELECT_ITEMS} WHERE l.id = ?`).get(id) as Row | undefined;
  if (!row) throw new AppError('not-found', `There is no saved copy with id ${id}. It may have been deleted.`, { field: 'id' });
  return row;
}

/** One saved item. */
export function getLibraryItem(db: Db, id: number): LibraryItem {
  return toItem(readRow(db, id));
}

/** The spelling an existing campaign already has (names compare without case), or the name as given. */
function campaignSpelling(db: Db, name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new AppError('bad-input', 'Give the campaign a name.', { field: 'campaign' });
  const existing = db.prepare('SELECT campaign FROM copy_library WHERE campaign = ? ORDER BY id LIMIT 1').pluck().get(trimmed) as string | undefined;
  return existing ?? trimmed;
}

const allPassed = (checks: CopyCheck[]): boolean => checks.every((c) => c.passed);

function insertRevision(db: Db, itemId: number, revision: number, fields: CopyFields, checks: CopyCheck[], at: string): void {
  db.prepare('INSERT INTO copy_library_revisions (item_id, revision, fields_json, checks_passed, saved_at) VALUES (?, ?, ?, ?, ?)').run(
    itemId,
    revision,
    JSON.stringify(fields),
    allPassed(checks) ? 1 : 0,
    at,
  );
}

/** Saves a variant under a campaign with the brief it was written for; its checks are run again on the saved text. */
export function saveToLibrary(db: Db, input: { campaign: string; brief: Brief; variant: Variant }): LibraryItem {
  const { brief, variant } = input;
  if (variant.fields.channel !== variant.channel) {
    throw new AppError('bad-input', `The variant is for ${variant.channel} but its text is for ${variant.fields.channel}.`, { field: 'variant.fields' });
  }
  const checks = checkVariant(brief, variant.fields);
  return db
    .transaction(() => {
      const now = new Date().toISOString();
      const campaign = campaignSpelling(db, input.campaign);
      const id = Number(
        db
          .prepare(
            `INSERT INTO copy_library (campaign, channel, framework, angle, fields_json, brief_json, score, checks_json, starred, note, engine, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, '', ?, ?, ?)`,
          )
          .run(campaign, variant.channel, variant.framework, variant.angle, JSON.stringify(variant.fields), JSON.stringify(brief), variant.score, JSON.stringify(checks), variant.engine, now, now)
          .lastInsertRowid,
      );
      insertRevision(db, id, 1, variant.fields, checks, now);
      return getLibraryItem(db, id);
    })
    .immediate();
}

/** The WHERE of a filter, from fixed fragments and bound values. */
function filterSql(filter: LibraryFilter & { ids?: number[] | undefined }): { where: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.campaign !== undefined) {
    parts.push('l.campaign = ?');
    params.push(filter.campaign.trim());
  }
  if (filter.starred !== undefined) {
    parts.push('l.starred = ?');
    params.push(filter.starred ? 1 : 0);
  }
  if (filter.channel !== undefined) {
    parts.push('l.channel = ?');
    params.push(filter.channel);
  }
  if (filter.ids !== undefined) {
    parts.push('l.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.ids));
  }
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** Every campaign with its number of items, of starred items, and when an item was last saved or changed; newest first. */
export function listCampaigns(db: Db): CampaignSummary[] {
  return db
    .prepare(
      `SELECT min(campaign) AS name, count(*) AS items, sum(starred) AS starred, max(updated_at) AS lastSavedAt
         FROM copy_library GROUP BY campaign ORDER BY lastSavedAt DESC, name`,
    )
    .all() as CampaignSummary[];
}

/** The items a filter lets through (last changed first) and every campaign. */
export function listLibrary(db: Db, filter: LibraryFilter): { items: LibraryItem[]; campaigns: CampaignSummary[] } {
  const { where, params } = filterSql(filter);
  const rows = db.prepare(`${SELECT_ITEMS} ${where} ORDER BY l.updated_at DESC, l.id DESC`).all(...params) as Row[];
  return { items: rows.map(toItem), campaigns: listCampaigns(db) };
}

const sameFields = (a: CopyFields, b: CopyFields): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Applies an edit of the text (checked again, kept as a new revision), the star, the note or the campaign. */
export function updateLibraryItem(db: Db, update: LibraryUpdate): LibraryItem {
  return db
    .transaction(() => {
      const row = readRow(db, update.id);
      const current = toItem(row);
      const now = new Date().toISOString();
      const sets: Array<[string, unknown[]]> = [];
      if (update.fields !== undefined && !sameFields(update.fields, current.fields)) {
        if (update.fields.channel !== current.channel) {
          throw new AppError('bad-input', `This copy is for ${current.channel}; an edit cannot turn it into ${update.fields.channel} copy. Save a new variant instead.`, {
            field: 'fields',
          });
        }
        const checks = checkVariant(current.brief, update.fields);
        const last = db.prepare('SELECT max(revision) FROM copy_library_revisions WHERE item_id = ?').pluck().get(update.id) as number | null;
        insertRevision(db, update.id, (last ?? 0) + 1, update.fields, checks, now);
        sets.push(['fields_json = ?, checks_json = ?, score = NULL', [JSON.stringify(update.fields), JSON.stringify(checks)]]);
      }
      if (update.starred !== undefined && update.starred !== current.starred) sets.push(['starred = ?', [update.starred ? 1 : 0]]);
      if (update.note !== undefined && update.note !== current.note) sets.push(['note = ?', [update.note]]);
      if (update.campaign !== undefined) {
        const campaign = campaignSpelling(db, update.campaign);
        if (campaign !== current.campaign) sets.push(['campaign = ?', [campaign]]);
      }
      if (sets.length > 0) {
        const sql = [...sets.map(([part]) => part), 'updated_at = ?'].join(', ');
        db.prepare(`UPDATE copy_library SET ${sql} WHERE id = ?`).run(...sets.flatMap(([, values]) => values), now, update.id);
      }
      return getLibraryItem(db, update.id);
    })
    .immediate();
}

/** Deletes an item and its history; false when there was none with that id. */
export function deleteLibraryItem(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM copy_library WHERE id = ?').run(id).changes > 0;
}

/** Every text the item has had, newest (the current text) first. */
export function libraryHistory(db: Db, id: number): { revisions: LibraryRevision[] } {
  readRow(db, id);
  const rows = db
    .prepare('SELECT revision, fields_json, checks_passed, saved_at FROM copy_library_revisions WHERE item_id = ? ORDER BY revision DESC')
    .all(id) as Array<{ revision: number; fields_json: string; checks_passed: number; saved_at: string }>;
  return {
    revisions: rows.map((r) => ({ revision: r.revision, fields: copyFieldsSchema.parse(JSON.parse(r.fields_json)), savedAt: r.saved_at, checksPassed: r.checks_passed === 1 })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Export

/** The text columns of each channel, in the order a spreadsheet shows them; search ads get one column per line. */
function textColumns(fields: CopyFields): Array<[string, string]> {
  switch (fields.channel) {
    case 'email':
      return [['subject', fields.subject], ['preheader', fields.preheader], ['body', fields.body]];
    case 'push':
      return [['title', fields.title], ['body', fields.body]];
    case 'social':
      return [['network', fields.network], ['text', fields.text]];
    case 'search_ad':
      return [...fields.headlines.map((h, i): [string, string] => [`headline_${i + 1}`, h]), ...fields.descriptions.map((d, i): [string, string] => [`description_${i + 1}`, d])];
    case 'display_ad':
      return [['headline', fields.headline], ['description', fields.description], ['cta', fields.cta]];
    default:
      return [['text', fields.text]];
  }
}

const TEXT_ORDER = ['network', 'subject', 'preheader', 'title', 'headline', 'body', 'text', 'description', 'cta'];
const textRank = (column: string): number => {
  const m = /^(headline|description)_(\d+)$/.exec(column);
  // Numbered search-ad lines after the named columns: every headline, then every description.
  if (m) return TEXT_ORDER.length + (m[1] === 'headline' ? 0 : 100) + Number(m[2]);
  return TEXT_ORDER.indexOf(column);
};

const META_COLUMNS = ['id', 'campaign', 'channel', 'framework', 'angle', 'engine', 'starred', 'score', 'checks_passed', 'failed_checks'] as const;
const TAIL_COLUMNS = ['note', 'created_at', 'updated_at'] as const;

/** The items as CSV: one row each, only the text columns some item uses, every text cell safe from formulas. */
export function libraryCsv(items: LibraryItem[]): string {
  const texts = items.map((item) => new Map(textColumns(item.fields)));
  const used = [...new Set(texts.flatMap((t) => [...t.keys()]))].sort((a, b) => textRank(a) - textRank(b));
  const fields = [...META_COLUMNS, ...used, ...TAIL_COLUMNS];
  const data = items.map((item, i) => {
    const text = texts[i] as Map<string, string>;
    const meta = [
      item.id,
      defuseFormula(item.campaign),
      item.channel,
      defuseFormula(item.framework),
      defuseFormula(item.angle),
      item.engine,
      item.starred,
      item.score,
      allPassed(item.checks),
      defuseFormula(item.checks.filter((c) => !c.passed).map((c) => c.name).join('; ')),
    ];
    const tail = [defuseFormula(item.note), item.createdAt, item.updatedAt];
    return [...meta, ...used.map((column) => defuseFormula(text.get(column) ?? '')), ...tail];
  });
  return Papa.unparse({ fields, data }, { newline: '\r\n', quotes: false });
}

/** The items as JSON: their text, checks, brief and the rest, ready to read back or hand to another tool. */
export function libraryJson(items: LibraryItem[], exportedAt: string): string {
  return `${JSON.stringify({ exportedAt, items }, null, 2)}\n`;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const slug = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'campaign';

/** The items a filter selects (by campaign, then as saved), as a CSV or JSON file's name, type and content. */
export function exportLibrary(db: Db, input: LibraryExportInput, now: Date = new Date()): LibraryExport {
  const { where, params } = filterSql({ campaign: input.campaign, starred: input.starred, ids: input.ids });
  const rows = db.prepare(`${SELECT_ITEMS} ${where} ORDER BY l.campaign, l.id`).all(...params) as Row[];
  const items = rows.map(toItem);
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const base = `copy-library-${input.campaign !== undefined ? slug(input.campaign) : 'all'}-${day}`;
  return input.format === 'csv'
    ? { fileName: `${base}.csv`, mimeType: 'text/csv;charset=utf-8', content: libraryCsv(items), items: items.length }
    : { fileName: `${base}.json`, mimeType: 'application/json', content: libraryJson(items, now.toISOString()), items: items.length };
}
