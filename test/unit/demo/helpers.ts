import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../src/shared/errors';
import { openWorkspace, type Db, type OpenedWorkspace } from '../../../src/engine/db/open-workspace';
import type { JobControl, ProgressUpdate } from '../../../src/engine/kernel/jobs';
import { RECORD_TABLES } from '../../../src/engine/demo/writer';

export type TempWorkspace = { ws: OpenedWorkspace; db: Db; dispose(): void };

/** A new, migrated workspace in its own temp folder; dispose closes it and removes the folder. */
export async function tempWorkspace(): Promise<TempWorkspace> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'localyst-demo-test-'));
  const ws = await openWorkspace(dir);
  return {
    ws,
    db: ws.db,
    dispose: () => {
      if (ws.db.open) ws.db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type RecordingControl = JobControl & { updates: ProgressUpdate[]; checks: number };

/** A control that records every progress update and, when `cancelAfter` is given, cancels on that check. */
export function recordingControl(cancelAfter = Infinity): RecordingControl {
  const control: RecordingControl = {
    updates: [],
    checks: 0,
    progress: (update) => void control.updates.push(update),
    checkCancelled: () => {
      control.checks++;
      if (control.checks >= cancelAfter) throw new AppError('cancelled', 'Cancelled. Nothing was changed.');
    },
  };
  return control;
}

export { RECORD_TABLES };

/** Each table's key, to digest rows in a stable order. */
const KEY_ORDER: Readonly<Record<string, string>> = {
  campaign_arms: 'campaign_id, arm',
  campaign_assignments: 'campaign_id, customer_id',
  campaign_results: 'campaign_id, customer_id',
  settings: 'key',
};

/** SHA-256 over every row of the tables, in key order, with column names: equal digests mean equal content. */
export function digestTables(db: Db, tables: readonly string[] = [...RECORD_TABLES, 'settings']): string {
  const hash = createHash('sha256');
  for (const table of tables) {
    const order = KEY_ORDER[table] ?? 'id';
    hash.update(`#${table}\n`);
    for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).iterate()) hash.update(`${JSON.stringify(row)}\n`);
  }
  return hash.digest('hex');
}

export const count = (db: Db, sql: string, ...params: unknown[]): number =>
  (db.prepare(sql).get(...params) as { n: number }).n;

export const rows = <T>(db: Db, sql: string, ...params: unknown[]): T[] => db.prepare(sql).all(...params) as T[];
