import type { ImportKind, SavedMapping } from '../../shared/import-schemas';
import type { Db } from '../db/open-workspace';
import { normaliseHeader } from './kinds';

type Row = { name: string; kind: ImportKind; mapping_json: string; headers_key: string; updated_at: string };

const toSaved = (r: Row): SavedMapping => ({
  name: r.name,
  kind: r.kind,
  mapping: JSON.parse(r.mapping_json) as Record<string, string>,
  headersKey: r.headers_key,
  updatedAt: r.updated_at,
});

/** Files with the same columns (in any order) share a key, so a saved mapping is found for the next export. */
export const headersKey = (headers: string[]): string => [...new Set(headers.map(normaliseHeader))].sort().join('|');

export function saveMapping(db: Db, name: string, kind: ImportKind, mapping: Record<string, string>, headers: string[]): void {
  db.prepare(
    `INSERT INTO mappings (name, kind, mapping_json, headers_key, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, mapping_json = excluded.mapping_json,
       headers_key = excluded.headers_key, updated_at = excluded.updated_at`,
  ).run(name, kind, JSON.stringify(mapping), headersKey(headers), new Date().toISOString());
}

export function listMappings(db: Db, kind?: ImportKind): SavedMapping[] {
  const rows = (kind
    ? db.prepare('SELECT * FROM mappings WHERE kind = ? ORDER BY updated_at DESC').all(kind)
    : db.prepare('SELECT * FROM mappings ORDER BY updated_at DESC').all()) as Row[];
  return rows.map(toSaved);
}

export function deleteMapping(db: Db, name: string): boolean {
  return db.prepare('DELETE FROM mappings WHERE name = ?').run(name).changes > 0;
}

export function findMappingForHeaders(db: Db, headers: string[], kind?: ImportKind): SavedMapping | null {
  const rows = db.prepare('SELECT * FROM mappings WHERE headers_key = ? ORDER BY updated_at DESC').all(headersKey(headers)) as Row[];
  const row = rows.find((r) => !kind || r.kind === kind);
  return row ? toSaved(row) : null;
}
