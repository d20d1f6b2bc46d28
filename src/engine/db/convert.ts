import fs from 'node:fs';
import { attachKeyLiteral, openDatabase, shredFile } from './open-database';
import type { JobControl } from '../kernel/jobs';

type Control = Pick<JobControl, 'progress' | 'checkCancelled'>;
type MasterRow = { type: string; name: string; tbl_name: string; sql: string | null; rootpage: number };

export type CopyOptions = {
  from: { file: string; key: Uint8Array | null };
  to: { file: string; key: Uint8Array | null };
  nativeBinding?: string | undefined;
  control: Control;
  /** The part of the job's progress bar this copy fills. */
  span?: [number, number];
  label?: string;
};

const BATCH_ROWS = 20_000;
const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Copies an SQLite database into a new file with another key (or none), schema and rows alike, as SQLCipher's
 * sqlcipher_export does: the new file is keyed before its first byte is written, so an encrypted copy is never plain
 * on disk, even for a moment. The source is only read. The copy is built with a rollback journal inside one
 * transaction and switched to WAL at the end; on an error or a cancel the partial file is removed (zeroed first
 * when it was plain) and the source is as it was.
 */
export function copyDatabase(options: CopyOptions): { bytes: number; rows: number } {
  const { from, to, control } = options;
  const [lo, hi] = options.span ?? [0, 1];
  fs.rmSync(to.file, { force: true });
  fs.rmSync(`${to.file}-journal`, { force: true });
  // Created 0600 by us, so SQLite's journal and WAL beside it take the same mode.
  fs.closeSync(fs.openSync(to.file, 'wx', 0o600));
  const dst = openDatabase(to.file, { key: to.key, nativeBinding: options.nativeBinding });
  let done = false;
  try {
    dst.pragma('temp_store = MEMORY');
    dst.pragma('journal_mode = DELETE');
    dst.pragma('foreign_keys = OFF');
    // FTS5's shadow tables are copied as they are (the index is contentless: it cannot be rebuilt from the rows).
    dst.unsafeMode(true);
    dst.exec(`ATTACH DATABASE ${sqlString(from.file)} AS src KEY ${attachKeyLiteral(from.key)}`);
    const master = dst.prepare("SELECT type, name, tbl_name, sql, rootpage FROM src.sqlite_master WHERE name NOT LIKE 'sqlite_%'").all() as MasterRow[];
    const tables = master.filter((m) => m.type === 'table' && m.sql);
    const plainTables = tables.filter((m) => !/^CREATE VIRTUAL TABLE/i.test(m.sql ?? ''));
    const virtualTables = tables.filter((m) => /^CREATE VIRTUAL TABLE/i.test(m.sql ?? ''));
    const counts = new Map<string, number>();
    let total = 0;
    for (const t of plainTables) {
      const n = (dst.prepare(`SELECT count(*) AS n FROM src.${q(t.name)}`).get() as { n: number }).n;
      counts.set(t.name, n);
      total += n;
    }
    let copied = 0;
    dst.transaction(() => {
      for (const v of virtualTables) dst.exec(v.sql ?? '');
      const existing = new Set((dst.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table'").pluck().all() as string[]));
      for (const t of plainTables) {
        if (existing.has(t.name)) dst.exec(`DELETE FROM main.${q(t.name)}`);
        else dst.exec(t.sql ?? '');
        const n = counts.get(t.name) ?? 0;
        const hasRowid = rowidOf(dst, t.name);
        if (!hasRowid || n <= BATCH_ROWS) {
          dst.exec(`INSERT INTO main.${q(t.name)} SELECT * FROM src.${q(t.name)}`);
          copied += n;
        } else {
          // In rowid order, a batch at a time, so a big table shows progress and can be cancelled.
          const step = dst.prepare(`INSERT INTO main.${q(t.name)} SELECT * FROM src.${q(t.name)} WHERE rowid > ? ORDER BY rowid LIMIT ${BATCH_ROWS}`);
          const last = dst.prepare(`SELECT max(rowid) FROM (SELECT rowid FROM src.${q(t.name)} WHERE rowid > ? ORDER BY rowid LIMIT ${BATCH_ROWS})`).pluck();
          let after = -Number.MAX_SAFE_INTEGER;
          for (;;) {
            const { changes } = step.run(after);
            if (changes === 0) break;
            copied += changes;
            after = Number(last.get(after));
            report();
          }
        }
        report();
      }
      if (dst.prepare("SELECT 1 FROM src.sqlite_master WHERE name = 'sqlite_sequence'").get()) {
        if (dst.prepare("SELECT 1 FROM main.sqlite_master WHERE name = 'sqlite_sequence'").get()) {
          dst.exec('DELETE FROM main.sqlite_sequence; INSERT INTO main.sqlite_sequence SELECT * FROM src.sqlite_sequence');
        }
      }
      // Indexes after the rows (faster), then views and triggers (a trigger must not fire during the copy).
      for (const kind of ['index', 'view', 'trigger']) {
        for (const m of master) if (m.type === kind && m.sql) dst.exec(m.sql);
      }
      dst.pragma(`user_version = ${Number(dst.pragma('src.user_version', { simple: true }))}`);
      dst.pragma(`application_id = ${Number(dst.pragma('src.application_id', { simple: true }))}`);
      control.checkCancelled();
    })();
    function report(): void {
      control.checkCancelled();
      const fraction = total > 0 ? copied / total : 1;
      control.progress({ fraction: lo + (hi - lo) * Math.min(fraction, 1) * 0.98, stage: options.label ?? 'Copying', message: `${copied.toLocaleString('en')} of ${total.toLocaleString('en')} rows`, rowsDone: copied });
    }
    // The same rows in both files, table by table, before anything is swapped.
    for (const t of plainTables) {
      const a = (dst.prepare(`SELECT count(*) AS n FROM main.${q(t.name)}`).get() as { n: number }).n;
      if (a !== counts.get(t.name)) throw new Error(`The copy of ${t.name} has ${a} rows, the workspace ${counts.get(t.name)}; nothing was changed.`);
    }
    dst.exec('DETACH DATABASE src');
    dst.pragma('journal_mode = WAL');
    dst.pragma('wal_checkpoint(TRUNCATE)');
    done = true;
    return { bytes: fs.statSync(to.file).size, rows: copied };
  } finally {
    dst.close();
    if (!done) removeCopy(to.file, to.key === null);
  }
}

/** Removes a partial copy (and its journal): zeroed first when it held plain pages. */
export function removeCopy(file: string, plain: boolean): void {
  for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) {
    if (plain) shredFile(f);
    else fs.rmSync(f, { force: true });
  }
}

function rowidOf(db: ReturnType<typeof openDatabase>, table: string): boolean {
  try {
    db.prepare(`SELECT rowid FROM src.${q(table)} LIMIT 1`).get();
    return true;
  } catch {
    return false;
  }
}

function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
