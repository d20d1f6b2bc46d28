import { AppError } from '../../shared/errors';
import { segmentRuleSchema, type Segment, type SegmentRule } from '../../shared/segment-schemas';
import type { Db } from '../db/open-workspace';
import { readAsOf } from '../customers/customers-repo';
import { memberIdsSql, validateRule } from './compile';
import { countRule } from './count';
import { memberOfRule } from './rule-nodes';

type Row = {
  id: number;
  name: string;
  description: string | null;
  kind: 'dynamic' | 'static';
  source: 'rules' | 'discovered' | 'rfm';
  rule_json: string;
  created_at: string;
  updated_at: string;
};

export type SizePoint = { at: string; count: number; reason: string };

const COLUMNS = 'id, name, description, kind, source, rule_json, created_at, updated_at';

/** A stored rule read back through the schema; one that no longer parses matches nobody rather than everybody. */
function storedRule(json: string): SegmentRule {
  try {
    const parsed = segmentRuleSchema.safeParse(JSON.parse(json));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through: an unreadable rule
  }
  return { any: [] };
}

function readRow(db: Db, id: number): Row {
  const row = db.prepare(`SELECT ${COLUMNS} FROM segments WHERE id = ?`).get(id) as Row | undefined;
  if (!row) throw new AppError('not-found', `There is no segment with id ${id}. It may have been deleted.`, { field: 'id' });
  return row;
}

/** The rule that decides a saved segment's members: its rule (dynamic) or its snapshot (static). */
const membershipRule = (row: Row): SegmentRule => (row.kind === 'static' ? memberOfRule(row.id) : storedRule(row.rule_json));

/** The rule of a saved segment (static: membership of its snapshot) or the unsaved rule itself. */
export function segmentRule(db: Db, ref: { id: number } | { rule: SegmentRule }): SegmentRule {
  return 'rule' in ref ? ref.rule : membershipRule(readRow(db, ref.id));
}

/** Members now: dynamic segments are evaluated, static ones counted in their snapshot. */
function memberCount(db: Db, row: Row, asOf: string | null): number {
  return countRule(db, membershipRule(row), asOf).count;
}

const toSegment = (row: Row, count: number): Segment => ({
  id: row.id,
  name: row.name,
  description: row.description,
  kind: row.kind,
  source: row.source,
  rule: storedRule(row.rule_json),
  count,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Every saved segment with its size now, by name. */
export function listSegments(db: Db): Segment[] {
  const asOf = readAsOf(db);
  const rows = db.prepare(`SELECT ${COLUMNS} FROM segments ORDER BY name COLLATE NOCASE, id`).all() as Row[];
  return rows.map((row) => toSegment(row, memberCount(db, row, asOf)));
}

/** One saved segment with its size now and its size history (oldest first). */
export function getSegment(db: Db, id: number): Segment & { sizeHistory: SizePoint[] } {
  const row = readRow(db, id);
  const sizeHistory = db.prepare('SELECT at, count, reason FROM segment_sizes WHERE segment_id = ? ORDER BY at, id').all(id) as SizePoint[];
  return { ...toSegment(row, memberCount(db, row, readAsOf(db))), sizeHistory };
}

function refuseNameClash(db: Db, name: string, exceptId: number | null): void {
  const clash = db.prepare('SELECT id, name FROM segments WHERE name = ? AND id IS NOT ?').get(name, exceptId) as { id: number; name: string } | undefined;
  if (clash) {
    throw new AppError('conflict', `A segment named "${clash.name}" already exists (id ${clash.id}). Choose another name or edit that segment.`, {
      field: 'name',
    });
  }
}

/** Replaces a static segment's snapshot with the rule's members now; returns how many. */
function snapshot(db: Db, id: number, rule: SegmentRule, asOf: string | null): number {
  db.prepare('DELETE FROM segment_members WHERE segment_id = ?').run(id);
  const q = memberIdsSql(rule, { asOf });
  return db.prepare(`INSERT INTO segment_members (segment_id, customer_id) SELECT ?, id FROM (${q.sql})`).run(id, ...q.params).changes;
}

const recordSize = (db: Db, id: number, count: number, reason: string, at = new Date().toISOString()): void => {
  db.prepare('INSERT INTO segment_sizes (segment_id, at, count, reason) VALUES (?, ?, ?, ?)').run(id, at, count, reason);
};

export type CreateSegment = { name: string; rule: SegmentRule; description?: string | undefined; static: boolean; source: Segment['source'] };

/** Saves a segment (static: with a snapshot of its members now) and the first point of its size history. */
export function createSegment(db: Db, input: CreateSegment): Segment {
  validateRule(input.rule);
  return db
    .transaction(() => {
      refuseNameClash(db, input.name, null);
      const now = new Date().toISOString();
      const id = Number(
        db
          .prepare('INSERT INTO segments (name, description, kind, source, rule_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(input.name, input.description ?? null, input.static ? 'static' : 'dynamic', input.source, JSON.stringify(input.rule), now, now).lastInsertRowid,
      );
      const asOf = readAsOf(db);
      const row = readRow(db, id);
      const count = input.static ? snapshot(db, id, input.rule, asOf) : memberCount(db, row, asOf);
      recordSize(db, id, count, 'created', now);
      return toSegment(row, count);
    })
    .immediate();
}

export type UpdateSegment = { id: number; name?: string | undefined; rule?: SegmentRule | undefined; description?: string | undefined };

/** Renames, re-describes or changes the rule of a segment; a new rule re-takes a static segment's snapshot. */
export function updateSegment(db: Db, input: UpdateSegment): Segment {
  if (input.rule) validateRule(input.rule);
  return db
    .transaction(() => {
      const before = readRow(db, input.id);
      if (input.name !== undefined) refuseNameClash(db, input.name, input.id);
      const now = new Date().toISOString();
      db.prepare('UPDATE segments SET name = ?, description = ?, rule_json = ?, updated_at = ? WHERE id = ?').run(
        input.name ?? before.name,
        input.description ?? before.description,
        input.rule ? JSON.stringify(input.rule) : before.rule_json,
        now,
        input.id,
      );
      const row = readRow(db, input.id);
      const asOf = readAsOf(db);
      if (!input.rule) return toSegment(row, memberCount(db, row, asOf));
      const count = row.kind === 'static' ? snapshot(db, row.id, input.rule, asOf) : memberCount(db, row, asOf);
      recordSize(db, row.id, count, 'edited', now);
      return toSegment(row, count);
    })
    .immediate();
}

/** Deletes a segment with its snapshot and size history; false when there was none. */
export function deleteSegment(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM segments WHERE id = ?').run(id).changes > 0;
}

/** Appends every segment's size now to its history (after an import: `import #N`). */
export function recordSegmentSizes(db: Db, reason: string): number {
  const rows = db.prepare(`SELECT ${COLUMNS} FROM segments ORDER BY id`).all() as Row[];
  if (rows.length === 0) return 0;
  const asOf = readAsOf(db);
  const at = new Date().toISOString();
  db.transaction(() => {
    for (const row of rows) recordSize(db, row.id, memberCount(db, row, asOf), reason, at);
  })();
  return rows.length;
}
